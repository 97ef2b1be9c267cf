package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.stream.Stream;

import dev.wsboot.benchmarks.load.LoadTool;
import dev.wsboot.benchmarks.load.LoadTool.EchoResult;
import dev.wsboot.benchmarks.load.LoadTool.EchoSpec;
import dev.wsboot.benchmarks.load.LoadTool.HandshakeResult;
import dev.wsboot.benchmarks.load.LoadTool.IdleResult;
import org.HdrHistogram.Histogram;

/**
 * Runs the end-to-end scenarios against each server and writes a table of medians.
 * <p>
 * Each (round, scenario, server) gets a fresh server JVM pinned to the server CPUs; this
 * JVM, the load tool, should itself be pinned to other CPUs (run.sh does both). Servers
 * are interleaved within a round (A B C, A B C, ...), so a drift of the machine over time
 * hits them alike.
 * <p>
 * Options: {@code --quick} (2 s warm-up, 3 s measured, 1 round), {@code --rounds N},
 * {@code --warmup S}, {@code --measure S}, {@code --servers wsboot,netty,tomcat},
 * {@code --scenarios a,b,c,d,e}, {@code --idle-connections N}, {@code --java PATH},
 * {@code --server-cpus LIST} ({@code none} not to pin), {@code --jvm-options "..."},
 * {@code --extra-jvm-options "..."}, {@code --out FILE}, {@code --logs DIR},
 * {@code --profile DIR} (profile each server's CPU with async-profiler during scenarios
 * (a), (b), (c) and (e), write the collapsed stacks to DIR and add the shares of where
 * the samples went to the table; the sampling disturbs the numbers a little).
 */
public final class BenchmarkRunner {

	static final String PATH = "/echo";

	/** Handshakes scenario (e) keeps under way at once. */
	static final int HANDSHAKES_UNDER_WAY = 32;

	private BenchmarkRunner() {
	}

	/** A number a scenario reports. */
	record Metric(String key, String label, boolean higherIsBetter) {
	}

	/**
	 * How well a server batches replies: fewer write system calls per echo is cheaper.
	 */
	static final Metric WRITES = new Metric("writes", "server write calls per message", false);

	/**
	 * How a server reads: above 1 per message in (c), frames arrive in pieces and are
	 * assembled; far below 1 in (b), one read takes many messages.
	 */
	static final Metric READS = new Metric("reads", "server read calls per message", false);

	/**
	 * What handing messages between threads costs a server: each switch is a thread that
	 * parked, blocked or was preempted.
	 */
	static final Metric SWITCHES = new Metric("switches", "server context switches per message", false);

	/**
	 * How often the two cores interrupted each other, machine-wide: mostly to free socket
	 * buffers the other core allocated, which a run of reads without a write in between
	 * brings about; each costs the sender a hypervisor exit on a VM.
	 */
	static final Metric INTERRUPTS = new Metric("interrupts",
			"function-call interrupts per 1,000 messages (both cores)", false);

	/**
	 * How much of the load tool's CPU goes to system calls and the network stack: near
	 * 100, the load tool is as cheap as it can be made, and when it also uses a whole
	 * core, no server can be measured faster.
	 */
	static final Metric LOAD_KERNEL = new Metric("loadKernel", "load tool CPU in the kernel (%)", false);

	/** The key of a run's round in its values. */
	static final String ROUND = "round";

	static final Metric NOISE = new Metric("other", "other processes' CPU (% of a core; noise)", false);

	/** The end-to-end scenarios. */
	enum Scenario {

		A("a", "32 B text echo, 100 connections, 1 in flight each",
				List.of(new Metric("rate", "messages/s", true), new Metric("p50", "p50 latency (µs)", false),
						new Metric("p99", "p99 latency (µs)", false), new Metric("p999", "p99.9 latency (µs)", false),
						new Metric("cpu", "server CPU per message (µs)", false),
						new Metric("user", "of which outside the kernel (µs)", false), READS, WRITES, SWITCHES,
						INTERRUPTS, new Metric("load", "load tool CPU (% of a core)", false), LOAD_KERNEL, NOISE)),

		B("b", "32 B text echo, 100 connections, 16 in flight each",
				List.of(new Metric("rate", "messages/s", true), new Metric("p50", "p50 latency (µs)", false),
						new Metric("p99", "p99 latency (µs)", false), new Metric("p999", "p99.9 latency (µs)", false),
						new Metric("cpu", "server CPU per message (µs)", false),
						new Metric("user", "of which outside the kernel (µs)", false), READS, WRITES, SWITCHES,
						INTERRUPTS, new Metric("load", "load tool CPU (% of a core)", false), LOAD_KERNEL, NOISE)),

		C("c", "64 KiB binary echo, 8 connections, 1 in flight each",
				List.of(new Metric("rate", "echoed MB/s (10^6 B, one way)", true),
						new Metric("p50", "p50 latency (µs)", false), new Metric("p99", "p99 latency (µs)", false),
						new Metric("cpu", "server CPU per GB echoed (ms)", false),
						new Metric("user", "of which outside the kernel (ms)", false), READS, WRITES, SWITCHES,
						INTERRUPTS, new Metric("load", "load tool CPU (% of a core)", false), LOAD_KERNEL, NOISE)),

		D("d", "idle connections: heap after full GC and RSS above the baseline",
				List.of(new Metric("opened", "connections open", true),
						new Metric("heap", "heap per connection (bytes)", false),
						new Metric("rss", "RSS per connection (bytes)", false),
						new Metric("base", "baseline heap after GC (MB)", false),
						new Metric("cpu", "server CPU per connection opened (µs)", false),
						new Metric("load", "load tool CPU (% of a core)", false), NOISE)),

		E("e", "handshakes: connect, handshake, close; " + HANDSHAKES_UNDER_WAY + " under way at once",
				List.of(new Metric("rate", "handshakes/s", true), new Metric("p50", "p50 connect-to-101 (µs)", false),
						new Metric("p99", "p99 connect-to-101 (µs)", false),
						new Metric("cpu", "server CPU per handshake (µs)", false),
						new Metric("load", "load tool CPU (% of a core)", false), NOISE));

		final String id;

		final String title;

		final List<Metric> metrics;

		Scenario(String id, String title, List<Metric> metrics) {
			this.id = id;
			this.title = title;
			this.metrics = metrics;
		}

		static Scenario parse(String id) {
			return valueOf(id.trim().toUpperCase(Locale.ROOT));
		}

	}

	/** The options of one run. */
	static final class Options {

		int rounds = 3;

		Duration warmup = Duration.ofSeconds(5);

		Duration measure = Duration.ofSeconds(10);

		/**
		 * The most time to run load before the warm-up until the JIT settles; 0 to skip.
		 */
		Duration settleLimit = Duration.ofSeconds(60);

		List<ServerKind> servers = List.of(ServerKind.WSBOOT, ServerKind.WSBOOT_NON_BLOCKING, ServerKind.NETTY,
				ServerKind.TOMCAT);

		List<Scenario> scenarios = List.of(Scenario.values());

		int idleConnections = 10_000;

		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

		String serverCpus = "0";

		List<String> jvmOptions = List.of("-Xms512m", "-Xmx2g", "-XX:+UseG1GC");

		List<String> extraJvmOptions = List.of();

		Path out = Path.of("target", "results.md");

		Path logs = Path.of("target", "bench-logs");

		/** Where CPU profiles go, or {@code null} not to profile. */
		Path profile;

		String classpath = System.getProperty("java.class.path");

		boolean quick;

		static Options parse(String[] args) {
			Options options = new Options();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				switch (arg) {
					case "--quick" -> {
						options.quick = true;
						options.rounds = 1;
						options.warmup = Duration.ofSeconds(2);
						options.measure = Duration.ofSeconds(3);
						options.settleLimit = Duration.ofSeconds(15);
					}
					case "--rounds" -> options.rounds = Integer.parseInt(args[++i]);
					case "--warmup" -> options.warmup = seconds(args[++i]);
					case "--measure" -> options.measure = seconds(args[++i]);
					case "--settle-limit" -> options.settleLimit = seconds(args[++i]);
					case "--servers" ->
						options.servers = Arrays.stream(args[++i].split(",")).map(ServerKind::parse).toList();
					case "--scenarios" ->
						options.scenarios = Arrays.stream(args[++i].split(",")).map(Scenario::parse).toList();
					case "--idle-connections" -> options.idleConnections = Integer.parseInt(args[++i]);
					case "--java" -> options.java = args[++i];
					case "--server-cpus" -> {
						String cpus = args[++i];
						options.serverCpus = "none".equals(cpus) ? null : cpus;
					}
					case "--jvm-options" -> options.jvmOptions = words(args[++i]);
					case "--extra-jvm-options" -> options.extraJvmOptions = words(args[++i]);
					case "--out" -> options.out = Path.of(args[++i]);
					case "--logs" -> options.logs = Path.of(args[++i]);
					case "--profile" -> options.profile = Path.of(args[++i]);
					case "--classpath" -> options.classpath = args[++i];
					default -> throw new IllegalArgumentException("Unknown option " + arg);
				}
			}
			return options;
		}

		List<String> serverJvmOptions() {
			List<String> all = new ArrayList<>(this.jvmOptions);
			all.addAll(this.extraJvmOptions);
			return all;
		}

		private static Duration seconds(String value) {
			return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
		}

		private static List<String> words(String value) {
			return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
		}

	}

	public static void main(String[] args) throws IOException {
		Options options = Options.parse(args);
		int idle = checkOpenFiles(options);
		ServerProfiler profiler = (options.profile != null) ? ServerProfiler.create(options.java, options.profile)
				: null;
		Map<Scenario, Map<ServerKind, List<Map<String, Double>>>> results = new EnumMap<>(Scenario.class);
		List<String> problems = new ArrayList<>();
		long started = System.nanoTime();
		for (int round = 1; round <= options.rounds; round++) {
			for (Scenario scenario : options.scenarios) {
				if (scenario == Scenario.D && idle <= 0) {
					continue;
				}
				for (ServerKind server : options.servers) {
					String name = "round " + round + ", scenario " + scenario.id + ", " + server.label();
					String runName = runName(server, scenario, round);
					Path log = options.logs.resolve(runName + ".log");
					try (ServerProcess process = ServerProcess.start(server, options.java, options.serverJvmOptions(),
							options.classpath, options.serverCpus, log, Duration.ofSeconds(90))) {
						Map<String, Double> values = run(scenario, process, options, idle, problems, name,
								(profiler != null) ? new Profiling(profiler, runName) : null);
						System.out.println(name + ": " + format(scenario, values));
						values.put(ROUND, (double) round);
						results.computeIfAbsent(scenario, (s) -> new EnumMap<>(ServerKind.class))
							.computeIfAbsent(server, (s) -> new ArrayList<>())
							.add(values);
					}
					catch (IOException | RuntimeException ex) {
						String what = ex.toString();
						if (ex instanceof IllegalStateException && ex.getMessage() != null
								&& ex.getMessage().startsWith("Cannot read /proc/")) {
							what = "the server process vanished during the run (see " + log + "): " + ex.getMessage();
						}
						problems.add(name + ": " + what);
						System.out.println(name + ": FAILED " + what);
					}
				}
			}
		}
		String table = table(options, results, problems, System.nanoTime() - started);
		System.out.println();
		System.out.println(table);
		Files.createDirectories(options.out.toAbsolutePath().getParent());
		Files.writeString(options.out, table);
		System.out.println("Written to " + options.out.toAbsolutePath());
	}

	/**
	 * Runs one scenario against one running server.
	 * @param scenario the scenario
	 * @param server the server
	 * @param options the run's options
	 * @param idleConnections how many connections scenario (d) opens
	 * @param problems where to note what went wrong without failing the run
	 * @param name the run's name, for those notes
	 * @param profiling how to profile the server under load, or {@code null} not to
	 * @return the scenario's metrics
	 * @throws IOException when the server cannot be reached
	 */
	static Map<String, Double> run(Scenario scenario, ServerProcess server, Options options, int idleConnections,
			List<String> problems, String name, Profiling profiling) throws IOException {
		InetSocketAddress address = server.address();
		CpuProbe cpu = new CpuProbe(server);
		Map<String, Double> values = new LinkedHashMap<>();
		switch (scenario) {
			case A, B, C -> {
				EchoSpec spec = switch (scenario) {
					case A -> new EchoSpec(100, 1, 32, false, options.warmup, options.measure);
					case B -> new EchoSpec(100, 16, 32, false, options.warmup, options.measure);
					default -> new EchoSpec(8, 1, 64 * 1024, true, options.warmup, options.measure);
				};
				settle(server, options, name, (slice) -> LoadTool.echo(address, PATH,
						spec.withPhases(Duration.ZERO, slice), LoadTool.Phases.NONE));
				startProfiling(server, profiling);
				EchoResult result = LoadTool.echo(address, PATH, spec, cpu);
				stopProfiling(server, profiling, values);
				if (result.mismatches() > 0 || result.failures() > 0 || result.opened() < spec.connections()) {
					problems.add(name + ": " + result.mismatches() + " payload mismatches, " + result.failures()
							+ " failed connections, " + result.opened() + "/" + spec.connections() + " opened");
				}
				if (scenario == Scenario.C) {
					values.put("rate", result.megabytesPerSecond());
				}
				else {
					values.put("rate", result.messagesPerSecond());
				}
				putLatency(values, result.latency(), scenario != Scenario.C);
				double gigabytes = result.payloadBytes() / 1e9;
				double perUnit = (scenario == Scenario.C) ? 1e6 * gigabytes : 1e3 * result.messages();
				values.put("cpu", cpu.serverNanos / perUnit);
				values.put("user", (cpu.serverNanos - cpu.serverSystemNanos) / perUnit);
				values.put("reads", (double) cpu.serverReads / result.messages());
				values.put("writes", (double) cpu.serverWrites / result.messages());
				values.put("switches", (double) cpu.serverSwitches / result.messages());
				values.put("interrupts", 1000.0 * cpu.callInterrupts / result.messages());
				values.put("load", cpu.loadPercent());
				values.put("loadKernel", cpu.loadKernelPercent());
				values.put("other", cpu.otherPercent());
			}
			case D -> {
				MemoryProbe memory = new MemoryProbe(server);
				IdleResult result = LoadTool.idle(address, PATH, idleConnections, 256, Duration.ofSeconds(120), cpu,
						memory::sample);
				if (result.opened() < idleConnections) {
					problems.add(name + ": only " + result.opened() + " of " + idleConnections
							+ " idle connections opened (" + result.failures() + " failed)");
				}
				memory.put(values, result.opened());
				values.put("cpu", cpu.serverNanos / 1e3 / Math.max(1, result.opened()));
				values.put("load", cpu.loadPercent());
				values.put("other", cpu.otherPercent());
			}
			case E -> {
				settle(server, options, name, (slice) -> LoadTool.handshakes(address, PATH, HANDSHAKES_UNDER_WAY,
						Duration.ZERO, slice, LoadTool.Phases.NONE));
				startProfiling(server, profiling);
				HandshakeResult result = LoadTool.handshakes(address, PATH, HANDSHAKES_UNDER_WAY, options.warmup,
						options.measure, cpu);
				stopProfiling(server, profiling, values);
				if (result.failures() > 0) {
					problems.add(name + ": " + result.failures() + " failed handshakes");
				}
				values.put("rate", result.handshakesPerSecond());
				Histogram latency = result.latency();
				values.put("p50", latency.getValueAtPercentile(50) / 1e3);
				values.put("p99", latency.getValueAtPercentile(99) / 1e3);
				values.put("cpu", cpu.serverNanos / 1e3 / Math.max(1, result.handshakes()));
				values.put("load", cpu.loadPercent());
				values.put("other", cpu.otherPercent());
			}
		}
		return values;
	}

	/**
	 * A profiler and the name of the profile it is to write for one run.
	 *
	 * @param profiler the profiler
	 * @param name the profile's file name, without extension
	 */
	record Profiling(ServerProfiler profiler, String name) {
	}

	static String runName(ServerKind server, Scenario scenario, int round) {
		return server.name().toLowerCase(Locale.ROOT) + "-" + scenario.id + "-r" + round;
	}

	private static void startProfiling(ServerProcess server, Profiling profiling) throws IOException {
		if (profiling != null) {
			profiling.profiler().start(server);
		}
	}

	/** Stops profiling and adds the shares of the profile's categories to the values. */
	private static void stopProfiling(ServerProcess server, Profiling profiling, Map<String, Double> values)
			throws IOException {
		if (profiling != null) {
			ProfileSummary summary = ProfileSummary.of(profiling.profiler().stop(server, profiling.name()));
			for (ProfileSummary.Category category : ProfileSummary.Category.values()) {
				values.put(profileKey(category), summary.percent(category));
			}
		}
	}

	static String profileKey(ProfileSummary.Category category) {
		return "profile." + category.name();
	}

	private static void settle(ServerProcess server, Options options, String name, JitSettler.Load load)
			throws IOException {
		if (options.settleLimit.isZero()) {
			return;
		}
		int slices = new JitSettler(server::compilerCpuNanos, Duration.ofSeconds(1), options.settleLimit).settle(load);
		if (slices < 0) {
			System.out.println(name + ": the JIT still compiled after " + options.settleLimit.toSeconds()
					+ " s of load; measuring anyway");
		}
	}

	private static void putLatency(Map<String, Double> values, Histogram latency, boolean withTail) {
		values.put("p50", latency.getValueAtPercentile(50) / 1e3);
		values.put("p99", latency.getValueAtPercentile(99) / 1e3);
		if (withTail) {
			values.put("p999", latency.getValueAtPercentile(99.9) / 1e3);
		}
	}

	/**
	 * Makes sure scenario (d) has the file descriptors it needs: this JVM (the load tool)
	 * and the servers, started from it, share the limit.
	 * @return how many idle connections to open, 0 to skip scenario (d)
	 */
	static int checkOpenFiles(Options options) {
		if (!options.scenarios.contains(Scenario.D)) {
			return 0;
		}
		long limit = openFilesLimit();
		long needed = options.idleConnections + 1000L;
		if (limit >= needed) {
			return options.idleConnections;
		}
		int possible = (int) Math.max(0, limit - 1000);
		System.out.println("WARNING: the open files limit is " + limit + ", scenario (d) needs " + needed
				+ " (10,000 connections on each side plus spare). Raise it with `ulimit -n 65536` (or as root in "
				+ "/etc/security/limits.conf) in the shell that starts the benchmark. "
				+ ((possible >= 1000) ? "Running scenario (d) with " + possible + " connections instead."
						: "Skipping scenario (d)."));
		return (possible >= 1000) ? possible : 0;
	}

	static long openFilesLimit() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
				if (line.startsWith("Max open files")) {
					String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
					return "unlimited".equals(parts[0]) ? Long.MAX_VALUE : Long.parseLong(parts[0]);
				}
			}
		}
		catch (IOException ex) {
			// Not Linux: assume enough.
		}
		return Long.MAX_VALUE;
	}

	static String format(Scenario scenario, Map<String, Double> values) {
		StringBuilder line = new StringBuilder();
		for (Metric metric : scenario.metrics) {
			Double value = values.get(metric.key());
			if (value != null) {
				if (!line.isEmpty()) {
					line.append(", ");
				}
				line.append(metric.label()).append(' ').append(number(value));
			}
		}
		return line.toString();
	}

	static String table(Options options, Map<Scenario, Map<ServerKind, List<Map<String, Double>>>> results,
			List<String> problems, long elapsedNanos) {
		StringBuilder out = new StringBuilder();
		out.append("# wsboot end-to-end benchmark\n\n");
		out.append("- run: ")
			.append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
			.append(", ")
			.append(options.quick ? "quick mode, " : "")
			.append((options.profile != null) ? "PROFILED with async-profiler (CPU samples every 1 ms, stacks in "
					+ options.profile + "; the sampling costs the servers some CPU), " : "")
			.append(options.rounds)
			.append(" round(s), warm-up ")
			.append(options.warmup.toMillis() / 1000.0)
			.append(" s, measured ")
			.append(options.measure.toMillis() / 1000.0)
			.append(" s per scenario and server, after up to ")
			.append(options.settleLimit.toSeconds())
			.append(" s of load until the server's JIT compiler is quiet; values are medians over rounds, ratios medians of the ")
			.append("rounds' ratios (a round runs every server once, back to back); took ")
			.append(Math.round(elapsedNanos / 1e9))
			.append(" s\n");
		out.append("- servers: one fresh JVM per scenario, `")
			.append(String.join(" ", options.serverJvmOptions()))
			.append("`, ")
			.append((options.serverCpus != null) ? "pinned to CPU " + options.serverCpus : "not pinned")
			.append("; load tool: one NIO thread in the runner's JVM (")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append("), ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" CPU(s) available to it\n");
		out.append("- wsboot: Spring Boot app with the starter and an `@WsEndpoint` echo bean, handlers where the ")
			.append("starter's default dispatch (adaptive) runs a method that never blocks: on the event loop; on ")
			.append("worker threads for \"wsboot (workers)\"; Micrometer on ")
			.append("(simple registry); Netty: ")
			.append("`WebSocketServerProtocolHandler` + frame aggregator, default threads; Tomcat: Spring ")
			.append("`AbstractWebSocketHandler`, 64 KiB binary buffer\n");
		out.append("- \"other processes' CPU\" is the machine's busy CPU time outside the server and the load tool ")
			.append("during the measured phase: well above 0 means something else ran and the numbers are disturbed\n\n");
		for (Scenario scenario : options.scenarios) {
			Map<ServerKind, List<Map<String, Double>>> byServer = results.get(scenario);
			if (byServer == null) {
				continue;
			}
			out.append("## (").append(scenario.id).append(") ").append(scenario.title).append("\n\n");
			out.append("| metric |");
			for (ServerKind server : options.servers) {
				out.append(' ').append(server.label()).append(" |");
			}
			List<ServerKind[]> ratios = new ArrayList<>();
			for (ServerKind wsboot : List.of(ServerKind.WSBOOT, ServerKind.WSBOOT_NON_BLOCKING,
					ServerKind.WSBOOT_LOOP)) {
				for (ServerKind peer : List.of(ServerKind.NETTY, ServerKind.TOMCAT, ServerKind.WSBOOT_NO_METRICS)) {
					// Metrics cost is read like for like: the default dispatch with and
					// without.
					boolean likeForLike = peer != ServerKind.WSBOOT_NO_METRICS || wsboot == ServerKind.WSBOOT;
					if (likeForLike && options.servers.contains(wsboot) && options.servers.contains(peer)) {
						ratios.add(new ServerKind[] { wsboot, peer });
						out.append(' ').append(wsboot.label()).append(" / ").append(peer.label()).append(" |");
					}
				}
			}
			out.append(" better |\n|---|");
			out.append("---:|".repeat(options.servers.size() + ratios.size()));
			out.append("---|\n");
			for (Metric metric : rows(scenario, options)) {
				out.append("| ").append(metric.label()).append(" |");
				Map<ServerKind, Double> medians = new EnumMap<>(ServerKind.class);
				for (ServerKind server : options.servers) {
					Double median = median(byServer.get(server), metric.key());
					if (median != null) {
						medians.put(server, median);
					}
					out.append(' ').append((median != null) ? number(median) : "n/a").append(" |");
				}
				for (ServerKind[] pair : ratios) {
					out.append(' ')
						.append(ratio(pairedRatio(byServer.get(pair[0]), byServer.get(pair[1]), metric.key())))
						.append(" |");
				}
				out.append(metric.higherIsBetter() ? " higher |" : " lower |").append('\n');
			}
			out.append('\n');
		}
		if (!problems.isEmpty()) {
			out.append("## Problems\n\n");
			problems.forEach((problem) -> out.append("- ").append(problem).append('\n'));
			out.append('\n');
		}
		return out.toString();
	}

	/** A scenario's metrics, then, in a profiled run, the shares of the profiles. */
	static List<Metric> rows(Scenario scenario, Options options) {
		if (options.profile == null || scenario == Scenario.D) {
			return scenario.metrics;
		}
		List<Metric> rows = new ArrayList<>(scenario.metrics);
		for (ProfileSummary.Category category : ProfileSummary.Category.values()) {
			rows.add(new Metric(profileKey(category), "profile: " + category.label + " (% of samples)", false));
		}
		return rows;
	}

	/**
	 * Returns the median of the ratios of two servers' values round by round: each round
	 * runs every server once, back to back, so a round's ratio is taken under about the
	 * same conditions of the machine, and the median of those is less disturbed by
	 * conditions that drift during the run than the ratio of the two medians.
	 * @param a the runs of the first server
	 * @param b the runs of the second
	 * @param key the metric
	 * @return the median ratio, or {@code null} when no round has both
	 */
	static Double pairedRatio(List<Map<String, Double>> a, List<Map<String, Double>> b, String key) {
		if (a == null || b == null) {
			return null;
		}
		List<Double> ratios = new ArrayList<>();
		for (Map<String, Double> first : a) {
			for (Map<String, Double> second : b) {
				Double x = first.get(key);
				Double y = second.get(key);
				if (first.get(ROUND).equals(second.get(ROUND)) && x != null && y != null && y != 0) {
					ratios.add(x / y);
				}
			}
		}
		return median(ratios.stream());
	}

	static Double median(List<Map<String, Double>> runs, String key) {
		return (runs != null) ? median(runs.stream().map((run) -> run.get(key))) : null;
	}

	private static Double median(Stream<Double> values) {
		double[] sorted = values.filter((value) -> value != null && !value.isNaN() && !value.isInfinite())
			.mapToDouble(Double::doubleValue)
			.sorted()
			.toArray();
		if (sorted.length == 0) {
			return null;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static String ratio(Double a, Double b) {
		if (a == null || b == null || b == 0) {
			return "n/a";
		}
		return ratio(a / b);
	}

	static String ratio(Double ratio) {
		return (ratio != null) ? String.format(Locale.ROOT, "%.2f", ratio) : "n/a";
	}

	static String number(double value) {
		double magnitude = Math.abs(value);
		if (magnitude >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (magnitude >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	/**
	 * Samples the server's and this process's CPU time at the measured phase's
	 * boundaries.
	 */
	static final class CpuProbe implements LoadTool.Phases {

		private final ServerProcess server;

		private long serverStart;

		private long serverSystemStart;

		private long selfStart;

		private long selfSystemStart;

		private long wallStart;

		private long machineStart;

		private long serverReadsStart;

		private long serverWritesStart;

		private long serverSwitchesStart;

		private long callInterruptsStart;

		long serverNanos;

		long serverSystemNanos;

		long serverReads;

		long serverWrites;

		long serverSwitches;

		long callInterrupts;

		long otherNanos;

		long selfNanos;

		long selfSystemNanos;

		long wallNanos;

		CpuProbe(ServerProcess server) {
			this.server = server;
		}

		@Override
		public void measureStarted() {
			this.wallStart = System.nanoTime();
			this.serverStart = this.server.cpuNanos();
			this.serverSystemStart = this.server.systemCpuNanos();
			this.serverReadsStart = this.server.readCalls();
			this.serverWritesStart = this.server.writeCalls();
			this.serverSwitchesStart = this.server.contextSwitches();
			this.callInterruptsStart = ProcStat.callInterrupts();
			this.selfStart = ProcStat.cpuNanos("self");
			this.selfSystemStart = ProcStat.systemCpuNanos("self");
			this.machineStart = ProcStat.machineBusyNanos();
		}

		@Override
		public void measureEnded() {
			this.serverNanos = this.server.cpuNanos() - this.serverStart;
			this.serverSystemNanos = this.server.systemCpuNanos() - this.serverSystemStart;
			this.serverReads = this.server.readCalls() - this.serverReadsStart;
			this.serverWrites = this.server.writeCalls() - this.serverWritesStart;
			this.serverSwitches = this.server.contextSwitches() - this.serverSwitchesStart;
			this.callInterrupts = ProcStat.callInterrupts() - this.callInterruptsStart;
			this.selfNanos = ProcStat.cpuNanos("self") - this.selfStart;
			this.selfSystemNanos = ProcStat.systemCpuNanos("self") - this.selfSystemStart;
			this.wallNanos = System.nanoTime() - this.wallStart;
			long machine = ProcStat.machineBusyNanos() - this.machineStart;
			this.otherNanos = Math.max(0, machine - this.serverNanos - this.selfNanos);
		}

		double otherPercent() {
			return (this.wallNanos > 0) ? 100.0 * this.otherNanos / this.wallNanos : Double.NaN;
		}

		double loadPercent() {
			return (this.wallNanos > 0) ? 100.0 * this.selfNanos / this.wallNanos : Double.NaN;
		}

		double loadKernelPercent() {
			return (this.selfNanos > 0) ? 100.0 * this.selfSystemNanos / this.selfNanos : Double.NaN;
		}

	}

}
