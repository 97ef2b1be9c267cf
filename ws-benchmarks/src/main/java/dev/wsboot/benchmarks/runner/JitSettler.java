package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Runs a scenario's load against a fresh server until its JIT compiler has settled,
 * before the scenario's own warm-up. A Spring Boot server pinned to one CPU goes on
 * compiling for 10-20 s after it started (Spring's start-up code, then the hot path), and
 * its compiler threads then take 20-40 % of that CPU: a measured phase that overlaps them
 * measures the compiler more than the server, and differently from one run to the next.
 */
final class JitSettler {

	/** Compiler CPU per slice under which the JIT counts as settled: one clock tick. */
	static final Duration QUIET = Duration.ofMillis(10);

	private final LongSupplier compilerCpuNanos;

	private final Duration slice;

	private final Duration limit;

	/**
	 * Creates a settler.
	 * @param compilerCpuNanos the server's JIT compiler CPU time so far
	 * @param slice how long each slice of load runs
	 * @param limit the most time to spend settling
	 */
	JitSettler(LongSupplier compilerCpuNanos, Duration slice, Duration limit) {
		this.compilerCpuNanos = compilerCpuNanos;
		this.slice = slice;
		this.limit = limit;
	}

	/**
	 * Runs slices of load until one passes with the compiler quiet, or the limit is
	 * reached.
	 * @param load runs the scenario's load for one slice
	 * @return how many slices ran, negative when the limit was reached first
	 * @throws IOException when the load fails
	 */
	int settle(Load load) throws IOException {
		long slices = Math.max(1, this.limit.toNanos() / this.slice.toNanos());
		for (int i = 1; i <= slices; i++) {
			long before = this.compilerCpuNanos.getAsLong();
			load.run(this.slice);
			if (this.compilerCpuNanos.getAsLong() - before <= QUIET.toNanos()) {
				return i;
			}
		}
		return (int) -slices;
	}

	/** One slice of a scenario's load. */
	@FunctionalInterface
	interface Load {

		void run(Duration slice) throws IOException;

	}

}
