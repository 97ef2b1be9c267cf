package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.wsboot.benchmarks.runner.ServerProcess;

/**
 * Samples the server process at the soak's checkpoints: heap after GC (through the
 * server's control channel), then RSS, CPU time, threads and open files from
 * {@code /proc}.
 */
final class ServerProbe {

	private final ServerProcess server;

	private final List<ServerSample> samples = new ArrayList<>();

	private final Consumer<ServerSample> listener;

	/**
	 * The server's open files without connections: from the start, then from the warm-up
	 * sample, which the end is judged against (a file the JVM held at the start may have
	 * closed since).
	 */
	private long baseOpenFiles;

	/**
	 * Takes the {@link ServerSample#START} sample; the server must have no connection.
	 * @param server the server
	 * @param listener told of each sample as it is taken
	 */
	ServerProbe(ServerProcess server, Consumer<ServerSample> listener) {
		this.server = server;
		this.listener = listener;
		this.baseOpenFiles = sample(ServerSample.START, 0, 0).openFiles();
	}

	/**
	 * Returns whether the server holds no more sockets than the soak's open connections,
	 * that is, has let go of the connections the soak closed or dropped.
	 * @param connections the connections the soak holds open
	 * @return whether the server's open files are back to the baseline plus those
	 */
	boolean settled(int connections) {
		return this.server.openFiles() <= this.baseOpenFiles + connections;
	}

	/**
	 * Samples the server.
	 * @param label which checkpoint
	 * @param elapsedNanos time since the soak started
	 * @param connections connections the soak holds open
	 * @return the sample, also kept
	 */
	ServerSample sample(String label, long elapsedNanos, int connections) {
		try {
			long heap = this.server.heapAfterGc();
			ServerSample sample = new ServerSample(label, elapsedNanos, connections, heap, this.server.rssBytes(),
					this.server.cpuNanos(), this.server.threads(), this.server.openFiles());
			this.samples.add(sample);
			if (label.equals(ServerSample.WARMUP)) {
				this.baseOpenFiles = sample.openFiles() - connections;
			}
			this.listener.accept(sample);
			return sample;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<ServerSample> samples() {
		return List.copyOf(this.samples);
	}

}
