package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A server's memory per connection: heap after full GC and RSS, taken once before the
 * connections open (the baseline) and once while they are all open, the difference
 * divided by their number.
 */
final class MemoryProbe {

	private final ServerProcess server;

	private final long baseHeap;

	private final long baseRss;

	private long loadedHeap;

	private long loadedRss;

	/**
	 * Takes the baseline, after collecting this JVM's garbage too, so that the load tool
	 * does not collect while the server is measured.
	 * @param server the server, with no connections open
	 * @throws IOException when the server does not answer
	 */
	MemoryProbe(ServerProcess server) throws IOException {
		this.server = server;
		System.gc();
		this.baseHeap = server.heapAfterGc();
		this.baseRss = server.rssBytes();
	}

	/**
	 * Measures the server with the connections open: the {@code whileOpen} of a load tool
	 * run.
	 * @throws UncheckedIOException when the server does not answer
	 */
	void sample() {
		try {
			this.loadedHeap = this.server.heapAfterGc();
			this.loadedRss = this.server.rssBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Puts {@code opened}, {@code heap} and {@code rss} per connection (bytes) and the
	 * baseline heap {@code base} (MB).
	 * @param values where to put them
	 * @param connections how many connections were open at the sample
	 */
	void put(Map<String, Double> values, int connections) {
		double perConnection = Math.max(1, connections);
		values.put("opened", (double) connections);
		values.put("heap", (this.loadedHeap - this.baseHeap) / perConnection);
		values.put("rss", (this.loadedRss - this.baseRss) / perConnection);
		values.put("base", this.baseHeap / 1e6);
	}

}
