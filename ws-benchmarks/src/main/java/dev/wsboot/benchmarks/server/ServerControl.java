package dev.wsboot.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

/**
 * The control channel every benchmark server shares, on its standard streams, so the
 * runner treats the three servers alike. The server prints {@code READY <port>} once it
 * listens; then the runner may write, one per line:
 * <ul>
 * <li>{@code gc}: runs full collections and answers {@code HEAP <bytes>}, the heap in use
 * after them;</li>
 * <li>{@code quit}: ends the process (also what happens when standard input closes).</li>
 * </ul>
 */
public final class ServerControl {

	/** The prefix of the line announcing the port. */
	public static final String READY = "READY ";

	/** The prefix of the answer to {@code gc}. */
	public static final String HEAP = "HEAP ";

	private ServerControl() {
	}

	/**
	 * Announces the port and serves commands on a daemon thread.
	 * @param port the port the server listens on
	 * @param shutdown what to run before the process exits on {@code quit}
	 */
	public static void ready(int port, Runnable shutdown) {
		System.out.println(READY + port);
		System.out.flush();
		Thread thread = new Thread(() -> serve(shutdown), "bench-control");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Returns the heap in use after full collections.
	 * @return bytes
	 */
	public static long heapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		// Two rounds: the first may leave objects whose finalization or reference
		// processing frees more in the second.
		for (int i = 0; i < 2; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	private static void serve(Runnable shutdown) {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
		try {
			String line;
			while ((line = in.readLine()) != null) {
				switch (line.trim()) {
					case "gc" -> {
						System.out.println(HEAP + heapAfterGc());
						System.out.flush();
					}
					case "quit" -> {
						exit(shutdown);
						return;
					}
					default -> {
						System.out.println("ERROR unknown command " + line);
						System.out.flush();
					}
				}
			}
		}
		catch (IOException ex) {
			// The runner is gone: end as on quit.
		}
		exit(shutdown);
	}

	private static void exit(Runnable shutdown) {
		try {
			shutdown.run();
		}
		finally {
			System.exit(0);
		}
	}

}
