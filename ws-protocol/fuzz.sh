#!/usr/bin/env bash
# Fuzzes the protocol parsers with Jazzer, one target after another, each for a while.
# Usage: ws-protocol/fuzz.sh [duration] [Class#method ...]
#   duration: per target, as Jazzer reads it (90s, 5m, 1h); 2m if not given
#   targets:  all of them if none are given
# Inputs that fail are written to the target's regression inputs under
# src/test/resources/dev/wsboot/protocol/fuzz/<Class>Inputs/<method>/, so that the
# normal build fails on them until they are fixed. The corpus fuzzing grows stays in
# ws-protocol/.cifuzz-corpus/ (not committed).
set -uo pipefail
cd "$(dirname "$0")/.."
duration=${1:-2m}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=(HandshakeFuzzTests#fuzzHandshake FrameFuzzTests#fuzzFrames FrameFuzzTests#fuzzFramesWithDeflate CloseStatusFuzzTests#fuzzCloseStatus
		ExtensionOfferFuzzTests#fuzzExtensionOffer Utf8ValidatorFuzzTests#fuzzUtf8
		PerMessageDeflateFuzzTests#fuzzInflate PerMessageDeflateFuzzTests#fuzzNegotiation)
fi
status=0
for target in "${targets[@]}"; do
	echo "== fuzzing $target for $duration"
	log=ws-protocol/target/fuzz-${target//#/_}.log
	mkdir -p ws-protocol/target
	JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" ./mvnw -B -q -pl ws-protocol test -Dtest="$target" \
		-Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
	result=$?
	grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs' "$log" | tail -2
	if [ $result -ne 0 ]; then
		echo "   FAILED: see $log and the new inputs in the target's Inputs directory"
		status=1
	fi
done
exit $status
