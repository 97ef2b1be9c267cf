package dev.wsboot.benchmarks.soak;

/**
 * The server's state at one checkpoint of the soak, taken while no traffic was in flight.
 *
 * @param label which checkpoint: {@link #START}, {@link #WARMUP}, {@link #END} or the
 * time of a periodic one
 * @param elapsedNanos time since the soak started
 * @param connections connections the soak held open
 * @param heapAfterGc heap in use after full collections, bytes
 * @param rss resident set size, bytes
 * @param cpuNanos CPU time so far, user plus system
 * @param threads thread count
 * @param openFiles open file descriptors
 */
record ServerSample(String label, long elapsedNanos, int connections, long heapAfterGc, long rss, long cpuNanos,
		long threads, long openFiles) {

	/** Before the first connection. */
	static final String START = "start";

	/** After the warm-up: the baseline. */
	static final String WARMUP = "after warm-up";

	/** After the last traffic, short-lived connections closed, the steady ones open. */
	static final String END = "end";

}
