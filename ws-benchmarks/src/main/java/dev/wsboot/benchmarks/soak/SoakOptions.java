package dev.wsboot.benchmarks.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.wsboot.benchmarks.runner.ServerKind;

/**
 * The options of a soak run: how long, how much traffic of which kinds, and how to start
 * the server. Every rate is bounded, so a run's load does not depend on how fast the
 * server is. Durations take a unit ({@code 600s}, {@code 10m}, {@code 500ms}) or are
 * seconds.
 */
final class SoakOptions {

	/** Total traffic time, warm-up included. */
	Duration duration = Duration.ofMinutes(10);

	/** Traffic before the baseline heap sample. */
	Duration warmup = Duration.ofSeconds(60);

	/** Time between heap samples after the warm-up. */
	Duration sampleInterval = Duration.ofSeconds(60);

	/** The steady population: connections open from start to end. */
	int connections = 200;

	/** Messages per second over the whole steady population. */
	double rate = 2000;

	/** Messages a steady connection may have in flight. */
	int window = 4;

	/** Short-lived connections opened per second. */
	double churnRate = 20;

	/** The most messages a short-lived connection sends (at least one). */
	int churnMessages = 8;

	/** The share of short-lived connections dropped without a closing handshake. */
	double abruptShare = 0.05;

	/** The share of messages that are binary (the others are text). */
	double binaryShare = 0.25;

	/** The largest binary message, in bytes; sizes are log-uniform from 16 bytes. */
	int maxBinary = 64 * 1024;

	/** The share of messages sent as several frames. */
	double fragmentedShare = 0.1;

	/** The share of messages followed by a ping (on a connection with none in flight). */
	double pingShare = 0.02;

	/** How much the heap after GC may grow from the warm-up to the end. */
	double heapTolerance = 0.10;

	/** Seeds the choices of message kinds, sizes, cuts and drops. */
	long seed = 1;

	ServerKind server = ServerKind.WSBOOT;

	String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	String classpath = System.getProperty("java.class.path");

	/** CPUs for {@code taskset -c}, or {@code null} not to pin the server. */
	String serverCpus;

	/** The runner's defaults, so that figures compare with the benchmark's. */
	List<String> jvmOptions = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC");

	Path logs = Path.of("target", "soak-logs");

	Path out = Path.of("target", "soak-results.md");

	/**
	 * Reads options from the command line.
	 * @param args {@code --name value} pairs
	 * @return the options, checked
	 * @throws IllegalArgumentException for an unknown option or a value out of range
	 */
	static SoakOptions parse(String... args) {
		SoakOptions options = new SoakOptions();
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + name + " needs a value");
			}
			String value = args[++i];
			switch (name) {
				case "--duration" -> options.duration = duration(value);
				case "--warmup" -> options.warmup = duration(value);
				case "--sample-interval" -> options.sampleInterval = duration(value);
				case "--connections" -> options.connections = Integer.parseInt(value);
				case "--rate" -> options.rate = Double.parseDouble(value);
				case "--window" -> options.window = Integer.parseInt(value);
				case "--churn-rate" -> options.churnRate = Double.parseDouble(value);
				case "--churn-messages" -> options.churnMessages = Integer.parseInt(value);
				case "--abrupt-share" -> options.abruptShare = Double.parseDouble(value);
				case "--binary-share" -> options.binaryShare = Double.parseDouble(value);
				case "--max-binary" -> options.maxBinary = Integer.parseInt(value);
				case "--fragmented-share" -> options.fragmentedShare = Double.parseDouble(value);
				case "--ping-share" -> options.pingShare = Double.parseDouble(value);
				case "--heap-tolerance" -> options.heapTolerance = Double.parseDouble(value);
				case "--seed" -> options.seed = Long.parseLong(value);
				case "--server" -> options.server = ServerKind.parse(value);
				case "--java" -> options.java = value;
				case "--classpath" -> options.classpath = value;
				case "--server-cpus" -> options.serverCpus = "none".equals(value) ? null : value;
				case "--jvm-options" ->
					options.jvmOptions = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
				case "--logs" -> options.logs = Path.of(value);
				case "--out" -> options.out = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown option " + name);
			}
		}
		options.check();
		return options;
	}

	/**
	 * Returns the most short-lived connections under way at once: five seconds' worth, so
	 * a slow server holds back the churn instead of piling it up.
	 * @return the limit
	 */
	int maxChurn() {
		return (int) Math.max(16, this.churnRate * 5);
	}

	private void check() {
		require(this.warmup.compareTo(this.duration) < 0, "--warmup must be shorter than --duration");
		require(!this.sampleInterval.isNegative() && !this.sampleInterval.isZero(),
				"--sample-interval must be positive");
		require(this.connections >= 1 && this.window >= 1 && this.churnMessages >= 1,
				"--connections, --window and --churn-messages must be at least 1");
		require(this.rate > 0 && this.churnRate >= 0, "--rate must be positive, --churn-rate not negative");
		require(this.maxBinary >= SoakMessage.MIN_BINARY, "--max-binary must be at least " + SoakMessage.MIN_BINARY);
		for (double share : new double[] { this.abruptShare, this.binaryShare, this.fragmentedShare, this.pingShare }) {
			require(share >= 0 && share <= 1, "shares must be between 0 and 1");
		}
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/**
	 * Reads a duration: a number with {@code ms}, {@code s}, {@code m} or {@code h}, or a
	 * number of seconds.
	 * @param value the text
	 * @return the duration
	 */
	static Duration duration(String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		String[][] units = { { "ms", "1" }, { "s", "1000" }, { "m", "60000" }, { "h", "3600000" } };
		for (String[] unit : units) {
			if (text.endsWith(unit[0])) {
				double number = Double.parseDouble(text.substring(0, text.length() - unit[0].length()));
				return Duration.ofMillis(Math.round(number * Long.parseLong(unit[1])));
			}
		}
		return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
	}

}
