#!/usr/bin/env bash
# Builds the benchmark module (reactor build, nothing installed) and runs it.
#
#   ws-benchmarks/run.sh [--quick] [runner options]   end-to-end: wsboot vs Netty vs Tomcat
#   ws-benchmarks/run.sh compression [--quick] [...]  permessage-deflate on JSON chat messages
#   ws-benchmarks/run.sh jmh [JMH options]            microbenchmarks (e.g. jmh Masking)
#   ws-benchmarks/run.sh soak [soak options]          10 min soak of wsboot, summary in target/soak-results.md
#
# Set NO_BUILD=1 to reuse the last build, JAVA_HOME to pick the JDK (servers and load
# tool use the same one). Results: ws-benchmarks/target/results.md,
# target/compression-results.md, target/jmh-results.txt.
set -euo pipefail
module="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$module")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Scenario (d) holds 10,000 connections open: both ends need the file descriptors.
if ! ulimit -n 65536 2>/dev/null; then
	ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 11000 ]; then
	echo "WARNING: cannot raise the open files limit above $(ulimit -n) (hard limit $(ulimit -Hn))." >&2
	echo "         Scenario (d) needs 10,000 connections on each side: raise the hard limit" >&2
	echo "         (e.g. 'ulimit -Hn 65536' as root, or /etc/security/limits.conf) and run again;" >&2
	echo "         meanwhile the runner opens as many as the limit allows, or skips (d)." >&2
fi

if [ "${NO_BUILD:-0}" != 1 ]; then
	echo "Building ws-benchmarks (and the modules it needs)..."
	(cd "$root" && ./mvnw -B -q -pl ws-benchmarks -am package -DskipTests)
fi
classpath="$module/target/classes:$(cat "$module/target/runtime-classpath.txt")"
cd "$module"

if [ "${1:-}" = jmh ]; then
	shift
	"$java" -cp "$classpath" org.openjdk.jmh.Main "$@" 2>&1 | tee target/jmh-results.txt
	exit "${PIPESTATUS[0]}"
fi

if [ "${1:-}" = soak ]; then
	shift
	exec "$java" -Xms256m -Xmx1g -cp "$classpath" dev.wsboot.benchmarks.soak.SoakRunner "$@"
fi

runner=dev.wsboot.benchmarks.runner.BenchmarkRunner
if [ "${1:-}" = compression ]; then
	shift
	runner=dev.wsboot.benchmarks.runner.CompressionRunner
fi

# The load tool gets CPU 1; the runner starts each server pinned to CPU 0.
pin=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	pin=(taskset -c 1)
else
	echo "WARNING: taskset or a second CPU is missing: nothing is pinned." >&2
	set -- --server-cpus none "$@"
fi
exec "${pin[@]}" "$java" -Xms256m -Xmx1g -cp "$classpath" "$runner" "$@"
