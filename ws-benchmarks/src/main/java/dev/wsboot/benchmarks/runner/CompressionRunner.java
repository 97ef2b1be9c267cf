package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.wsboot.benchmarks.load.ChatLoad;
import dev.wsboot.benchmarks.load.ChatLoad.ChatResult;
import dev.wsboot.benchmarks.load.ChatLoad.ChatSpec;
import dev.wsboot.benchmarks.load.ChatLoad.Negotiation;
import dev.wsboot.benchmarks.load.ChatLoad.PrimedResult;
import dev.wsboot.benchmarks.load.ChatLoad.PrimedSpec;
import dev.wsboot.benchmarks.load.ChatMessages;
import dev.wsboot.benchmarks.runner.BenchmarkRunner.CpuProbe;
import dev.wsboot.benchmarks.runner.BenchmarkRunner.Metric;
import dev.wsboot.benchmarks.runner.BenchmarkRunner.Options;

/**
 * The compression benchmark ({@code run.sh compression}): JSON chat messages echoed by
 * the server uncompressed and with permessage-deflate, without and with context takeover
 * ({@link CompressionSetup}), in two phases, each on a fresh server JVM: throughput
 * (messages/s, latency, server CPU and wire bytes per message) and memory (heap after GC
 * and RSS per connection above the server's baseline, with connections that have each
 * exchanged a few messages, so that sessions with context takeover hold their compressor
 * and decompressor). Setups are interleaved within a round (A B C, A B C, ...); the table
 * has medians over rounds.
 * <p>
 * Options: those of {@link BenchmarkRunner} that apply ({@code --quick},
 * {@code --rounds}, {@code --warmup}, {@code --measure}, {@code --java},
 * {@code --server-cpus}, {@code --jvm-options}, {@code --extra-jvm-options},
 * {@code --out}, {@code --logs}, {@code --classpath}), and {@code --setups
 * plain,no-context,context,netty}, {@code --phases throughput,memory},
 * {@code --connections N} (100), {@code --in-flight N} (4), {@code --memory-connections
 * N} (2,000), {@code --messages-each N} (8).
 */
public final class CompressionRunner {

	/** The seed of the chat messages: every setup and round sends the same bytes. */
	static final long SEED = 20_241_119L;

	private CompressionRunner() {
	}

	/** The benchmark's two phases, each with its metrics. */
	enum Phase {

		THROUGHPUT("chat echo",
				List.of(new Metric("rate", "messages/s", true), new Metric("p50", "p50 latency (µs)", false),
						new Metric("p99", "p99 latency (µs)", false),
						new Metric("cpu", "server CPU per message (µs)", false),
						new Metric("up", "wire bytes per message, client to server", false),
						new Metric("down", "wire bytes per message, server to client", false),
						new Metric("upz", "messages compressed, client to server (%)", true),
						new Metric("downz", "messages compressed, server to client (%)", true),
						new Metric("load", "load tool CPU (% of a core)", false), BenchmarkRunner.NOISE)),

		MEMORY("memory", List.of(new Metric("opened", "connections open", true),
				new Metric("heap", "heap per connection (bytes)", false),
				new Metric("rss", "RSS per connection (bytes)", false),
				new Metric("base", "baseline heap after GC (MB)", false),
				new Metric("cpu", "server CPU per connection opened and primed (µs)", false), BenchmarkRunner.NOISE));

		final String title;

		final List<Metric> metrics;

		Phase(String title, List<Metric> metrics) {
			this.title = title;
			this.metrics = metrics;
		}

		static Phase parse(String name) {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}

	}

	/** The options of a run: the common ones and this benchmark's own. */
	static final class Settings {

		Options common;

		List<CompressionSetup> setups = List.of(CompressionSetup.values());

		List<Phase> phases = List.of(Phase.values());

		int connections = 100;

		int inFlight = 4;

		int memoryConnections = 2000;

		int messagesEach = 8;

		static Settings parse(String[] args) {
			Settings settings = new Settings();
			List<String> common = new ArrayList<>();
			boolean outGiven = false;
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "--setups" ->
						settings.setups = Arrays.stream(args[++i].split(",")).map(CompressionSetup::parse).toList();
					case "--phases" -> settings.phases = Arrays.stream(args[++i].split(",")).map(Phase::parse).toList();
					case "--connections" -> settings.connections = Integer.parseInt(args[++i]);
					case "--in-flight" -> settings.inFlight = Integer.parseInt(args[++i]);
					case "--memory-connections" -> settings.memoryConnections = Integer.parseInt(args[++i]);
					case "--messages-each" -> settings.messagesEach = Integer.parseInt(args[++i]);
					default -> {
						outGiven |= args[i].equals("--out");
						common.add(args[i]);
					}
				}
			}
			settings.common = Options.parse(common.toArray(String[]::new));
			if (!outGiven) {
				settings.common.out = Path.of("target", "compression-results.md");
			}
			return settings;
		}

	}

	public static void main(String[] args) throws IOException {
		Settings settings = Settings.parse(args);
		checkOpenFiles(settings);
		ChatMessages messages = new ChatMessages(SEED, ChatMessages.DEFAULT_SIZE);
		Map<Phase, Map<CompressionSetup, List<Map<String, Double>>>> results = new EnumMap<>(Phase.class);
		List<String> problems = new ArrayList<>();
		long started = System.nanoTime();
		for (int round = 1; round <= settings.common.rounds; round++) {
			for (Phase phase : settings.phases) {
				for (CompressionSetup setup : settings.setups) {
					String name = "round " + round + ", " + phase.title + ", " + setup.label();
					Path log = settings.common.logs.resolve("compression-" + setup.name().toLowerCase(Locale.ROOT) + "-"
							+ phase.name().toLowerCase(Locale.ROOT) + "-r" + round + ".log");
					try (ServerProcess server = start(setup, settings.common, log)) {
						Map<String, Double> values = run(phase, setup, server, settings, messages, problems, name);
						results.computeIfAbsent(phase, (p) -> new EnumMap<>(CompressionSetup.class))
							.computeIfAbsent(setup, (s) -> new ArrayList<>())
							.add(values);
						System.out.println(name + ": " + format(phase, values));
					}
					catch (IOException | RuntimeException ex) {
						problems.add(name + ": " + ex);
						System.out.println(name + ": FAILED " + ex);
					}
				}
			}
		}
		String table = table(settings, messages, results, problems, System.nanoTime() - started);
		System.out.println();
		System.out.println(table);
		Files.createDirectories(settings.common.out.toAbsolutePath().getParent());
		Files.writeString(settings.common.out, table);
		System.out.println("Written to " + settings.common.out.toAbsolutePath());
	}

	/**
	 * Starts a setup's server, pinned as the run says.
	 * @param setup the setup
	 * @param options the run's options
	 * @param log where the server's output goes
	 * @return the running server
	 * @throws IOException when it does not start
	 */
	static ServerProcess start(CompressionSetup setup, Options options, Path log) throws IOException {
		List<String> jvmOptions = new ArrayList<>(options.serverJvmOptions());
		jvmOptions.addAll(setup.jvmOptions());
		return ServerProcess.start(setup.server(), setup.arguments(), options.java, jvmOptions, options.classpath,
				options.serverCpus, log, Duration.ofSeconds(90));
	}

	/**
	 * Runs one phase against a running server.
	 * @param phase the phase
	 * @param setup the setup the server was started for
	 * @param server the server
	 * @param settings the run's settings
	 * @param messages the chat messages
	 * @param problems where to note what went wrong without failing the run
	 * @param name the run's name, for those notes
	 * @return the phase's metrics
	 * @throws IOException when the server cannot be reached
	 */
	static Map<String, Double> run(Phase phase, CompressionSetup setup, ServerProcess server, Settings settings,
			ChatMessages messages, List<String> problems, String name) throws IOException {
		CpuProbe cpu = new CpuProbe(server);
		Map<String, Double> values = new LinkedHashMap<>();
		if (phase == Phase.THROUGHPUT) {
			ChatSpec spec = new ChatSpec(settings.connections, settings.inFlight, setup.offer(), settings.common.warmup,
					settings.common.measure);
			ChatResult result = ChatLoad.echo(server.address(), BenchmarkRunner.PATH, spec, messages, cpu);
			checkNegotiation(setup, result.negotiation(), result.echo().opened(), problems, name);
			if (result.echo().mismatches() > 0 || result.echo().failures() > 0
					|| result.echo().opened() < spec.connections()) {
				problems
					.add(name + ": " + result.echo().mismatches() + " payload mismatches, " + result.echo().failures()
							+ " failed connections, " + result.echo().opened() + "/" + spec.connections() + " opened");
			}
			long echoed = Math.max(1, result.echo().messages());
			values.put("rate", result.echo().messagesPerSecond());
			values.put("p50", result.echo().latency().getValueAtPercentile(50) / 1e3);
			values.put("p99", result.echo().latency().getValueAtPercentile(99) / 1e3);
			values.put("cpu", cpu.serverNanos / 1e3 / echoed);
			values.put("up", result.bytesSentPerMessage());
			values.put("down", result.bytesReceivedPerMessage());
			values.put("upz", 100.0 * result.traffic().compressedSent() / echoed);
			values.put("downz", 100.0 * result.traffic().compressedReceived() / echoed);
			values.put("load", cpu.loadPercent());
		}
		else {
			MemoryProbe memory = new MemoryProbe(server);
			PrimedSpec spec = new PrimedSpec(settings.memoryConnections, settings.messagesEach, setup.offer(), 256,
					Duration.ofSeconds(120));
			PrimedResult result = ChatLoad.primed(server.address(), BenchmarkRunner.PATH, spec, messages, cpu,
					memory::sample);
			checkNegotiation(setup, result.negotiation(), result.primed(), problems, name);
			if (result.mismatches() > 0 || result.primed() < spec.connections()) {
				problems.add(name + ": " + result.mismatches() + " payload mismatches, " + result.primed() + " of "
						+ spec.connections() + " connections primed (" + result.failures() + " failed)");
			}
			memory.put(values, result.primed());
			values.put("cpu", cpu.serverNanos / 1e3 / Math.max(1, result.primed()));
		}
		values.put("other", cpu.otherPercent());
		return values;
	}

	/**
	 * Notes a problem unless the server agreed to what the setup expects, on every
	 * connection.
	 */
	private static void checkNegotiation(CompressionSetup setup, Negotiation negotiation, int opened,
			List<String> problems, String name) {
		boolean expected = Objects.equals(negotiation.terms(), setup.expectedTerms())
				&& negotiation.connections() == ((setup.expectedTerms() != null) ? opened : 0);
		if (!expected) {
			problems.add(name + ": expected permessage-deflate terms " + setup.expectedTerms() + " on all " + opened
					+ " connections, got " + negotiation.terms() + " on " + negotiation.connections());
		}
	}

	/** Lowers the memory phase's connections to what the open files limit allows. */
	private static void checkOpenFiles(Settings settings) {
		long limit = BenchmarkRunner.openFilesLimit();
		if (settings.phases.contains(Phase.MEMORY) && limit < settings.memoryConnections + 1000L) {
			settings.memoryConnections = (int) Math.max(100, limit - 1000);
			System.out.println("WARNING: the open files limit is " + limit + "; the memory phase opens "
					+ settings.memoryConnections + " connections instead. Raise it with `ulimit -n 65536`.");
		}
	}

	static String format(Phase phase, Map<String, Double> values) {
		StringBuilder line = new StringBuilder();
		for (Metric metric : phase.metrics) {
			Double value = values.get(metric.key());
			if (value != null) {
				line.append(line.isEmpty() ? "" : ", ")
					.append(metric.label())
					.append(' ')
					.append(BenchmarkRunner.number(value));
			}
		}
		return line.toString();
	}

	static String table(Settings settings, ChatMessages messages,
			Map<Phase, Map<CompressionSetup, List<Map<String, Double>>>> results, List<String> problems,
			long elapsedNanos) {
		Options options = settings.common;
		StringBuilder out = new StringBuilder();
		out.append("# wsboot compression benchmark\n\n");
		out.append(String.format(Locale.ROOT,
				"- run: %s, %d round(s), warm-up %.1f s, measured %.1f s per phase and setup; medians over rounds; "
						+ "took %d s\n",
				LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME), options.rounds,
				options.warmup.toMillis() / 1000.0, options.measure.toMillis() / 1000.0,
				Math.round(elapsedNanos / 1e9)));
		out.append(String.format(Locale.ROOT,
				"- messages: JSON chat messages, %,d distinct (seed %d), %.0f bytes on average; the server "
						+ "compresses those of 256 bytes or more (the starter's default), the load tool every one "
						+ "that shrinks; its offer is a browser's, `permessage-deflate; client_max_window_bits`\n",
				ChatMessages.DEFAULT_SIZE, SEED, messages.meanLength()));
		out.append(String.format(Locale.ROOT,
				"- chat echo: %d connections, %d in flight each; memory: %,d connections, each after %d "
						+ "messages, one at a time\n",
				settings.connections, settings.inFlight, settings.memoryConnections, settings.messagesEach));
		out.append("- servers: one fresh JVM per phase and setup, `")
			.append(String.join(" ", options.serverJvmOptions()))
			.append("`, ")
			.append((options.serverCpus != null) ? "pinned to CPU " + options.serverCpus : "not pinned")
			.append("; \"deflate, context takeover\" adds `-Dws.server.compression.server-no-context-takeover=false ")
			.append("-Dws.server.compression.client-no-context-takeover=false`\n\n");
		for (Phase phase : settings.phases) {
			Map<CompressionSetup, List<Map<String, Double>>> bySetup = results.get(phase);
			if (bySetup != null) {
				appendPhase(out, phase, settings.setups, bySetup);
			}
		}
		if (!problems.isEmpty()) {
			out.append("## Problems\n\n");
			problems.forEach((problem) -> out.append("- ").append(problem).append('\n'));
			out.append('\n');
		}
		return out.toString();
	}

	/** One table: a column per setup, then each compressed setup against the baseline. */
	private static void appendPhase(StringBuilder out, Phase phase, List<CompressionSetup> setups,
			Map<CompressionSetup, List<Map<String, Double>>> bySetup) {
		List<CompressionSetup> compared = setups.contains(CompressionSetup.PLAIN)
				? setups.stream().filter((setup) -> setup != CompressionSetup.PLAIN).toList() : List.of();
		out.append("## ").append(phase.title).append("\n\n| metric |");
		setups.forEach((setup) -> out.append(' ').append(setup.label()).append(" |"));
		compared.forEach((setup) -> out.append(' ')
			.append(setup.label())
			.append(" / ")
			.append(CompressionSetup.PLAIN.label())
			.append(" |"));
		out.append(" better |\n|---|").append("---:|".repeat(setups.size() + compared.size())).append("---|\n");
		for (Metric metric : phase.metrics) {
			out.append("| ").append(metric.label()).append(" |");
			for (CompressionSetup setup : setups) {
				Double median = BenchmarkRunner.median(bySetup.get(setup), metric.key());
				out.append(' ').append((median != null) ? BenchmarkRunner.number(median) : "n/a").append(" |");
			}
			Double baseline = BenchmarkRunner.median(bySetup.get(CompressionSetup.PLAIN), metric.key());
			for (CompressionSetup setup : compared) {
				out.append(' ')
					.append(BenchmarkRunner.ratio(BenchmarkRunner.median(bySetup.get(setup), metric.key()), baseline))
					.append(" |");
			}
			out.append(metric.higherIsBetter() ? " higher |" : " lower |").append('\n');
		}
		out.append('\n');
	}

}
