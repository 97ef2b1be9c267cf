package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.wsboot.benchmarks.load.ClientLoop;
import dev.wsboot.benchmarks.runner.ServerProcess;

/**
 * The soak run (not part of CI): starts an echo server as its own JVM on 127.0.0.1,
 * drives mixed traffic with connection churn at it for a fixed time ({@link SoakDriver}),
 * verifies every echo by its sequence number, samples the server's heap after GC and its
 * {@code /proc} figures at checkpoints, prints a Markdown summary (also written to
 * {@code --out}) and exits with 1 if anything was lost, reordered or corrupted, a
 * connection failed, or the heap grew by more than the tolerance. Options: see
 * {@link SoakOptions}; {@code run.sh soak} runs it.
 */
public final class SoakRunner {

	/** The echo endpoint every benchmark server has. */
	static final String PATH = "/echo";

	/** How long after the planned end the run is cut short whatever happens. */
	private static final long HARD_MARGIN = TimeUnit.MINUTES.toNanos(3);

	private SoakRunner() {
	}

	public static void main(String[] args) throws IOException {
		SoakOptions options;
		try {
			options = SoakOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage() + "; options are described in ws-benchmarks/README.md (Soak)");
			System.exit(2);
			return;
		}
		Path log = options.logs.resolve(options.server.name().toLowerCase(Locale.ROOT) + ".log");
		SoakResult result;
		try (ServerProcess server = ServerProcess.start(options.server, options.java, options.jvmOptions,
				options.classpath, options.serverCpus, log, Duration.ofSeconds(90))) {
			System.out.println("Soaking " + options.server.label() + " (pid " + server.pid() + ", log " + log + ") for "
					+ options.duration.toSeconds() + " s; checkpoints:");
			result = run(server, options, SoakRunner::progress);
		}
		List<String> problems = SoakReport.problems(options, result);
		String report = SoakReport.markdown(options, result, problems);
		System.out.println();
		System.out.println(report);
		Files.createDirectories(options.out.toAbsolutePath().getParent());
		Files.writeString(options.out, report);
		System.out.println("Written to " + options.out.toAbsolutePath());
		System.exit(problems.isEmpty() ? 0 : 1);
	}

	/**
	 * Runs the soak against a running server that has no connection yet.
	 * @param server the server
	 * @param options the run's options
	 * @param onSample told of each server sample as it is taken
	 * @return what the run found
	 */
	static SoakResult run(ServerProcess server, SoakOptions options, Consumer<ServerSample> onSample) {
		ServerProbe probe = new ServerProbe(server, onSample);
		SoakStats stats = new SoakStats();
		try (ClientLoop loop = new ClientLoop(server.address(), PATH)) {
			long start = System.nanoTime();
			SoakDriver driver = new SoakDriver(loop, options, probe, stats, start);
			driver.openSteady();
			boolean finished = loop.run(driver, start + options.duration.toNanos() + HARD_MARGIN);
			return new SoakResult(stats, probe.samples(), System.nanoTime() - start, finished);
		}
	}

	private static void progress(ServerSample sample) {
		System.out.printf(Locale.ROOT, "  %-14s %7.1f s: heap after GC %.2f MB, RSS %.1f MB, %d threads, %d fds%n",
				sample.label(), sample.elapsedNanos() / 1e9, sample.heapAfterGc() / 1e6, sample.rss() / 1e6,
				sample.threads(), sample.openFiles());
	}

}
