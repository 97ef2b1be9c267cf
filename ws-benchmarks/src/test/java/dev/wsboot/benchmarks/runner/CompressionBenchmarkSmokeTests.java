package dev.wsboot.benchmarks.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.wsboot.benchmarks.load.ChatMessages;
import dev.wsboot.benchmarks.runner.CompressionRunner.Phase;
import dev.wsboot.benchmarks.runner.CompressionRunner.Settings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compression benchmark's smoke test: each setup's phases, for a fraction of a second
 * and a handful of connections, against the servers they need (wsboot at its defaults,
 * which serves both the uncompressed and the no-context-takeover setup; wsboot with
 * context takeover; Netty with deflate). The runner notes a problem for any echo that did
 * not match what was sent, any failed connection and any terms other than the setup's, so
 * none may be noted.
 */
class CompressionBenchmarkSmokeTests {

	private final ChatMessages messages = new ChatMessages(CompressionRunner.SEED, 64);

	private final List<String> problems = new ArrayList<>();

	@Test
	void compressesChatMessagesAsNegotiatedAndEchoesMatch() throws IOException {
		Settings settings = Settings.parse(new String[] { "--warmup", "0.2", "--measure", "0.5", "--connections", "4",
				"--in-flight", "2", "--memory-connections", "16", "--messages-each", "3", "--server-cpus", "none",
				"--jvm-options", "-Xmx256m -XX:TieredStopAtLevel=1 -Xshare:auto", "--classpath", classpath() });
		Map<CompressionSetup, Map<String, Double>> echo = new EnumMap<>(CompressionSetup.class);
		Map<String, Double> memory;
		try (ServerProcess server = start(CompressionSetup.NO_CONTEXT, settings)) {
			echo.put(CompressionSetup.PLAIN, run(Phase.THROUGHPUT, CompressionSetup.PLAIN, server, settings));
			echo.put(CompressionSetup.NO_CONTEXT, run(Phase.THROUGHPUT, CompressionSetup.NO_CONTEXT, server, settings));
		}
		try (ServerProcess server = start(CompressionSetup.CONTEXT, settings)) {
			echo.put(CompressionSetup.CONTEXT, run(Phase.THROUGHPUT, CompressionSetup.CONTEXT, server, settings));
			memory = run(Phase.MEMORY, CompressionSetup.CONTEXT, server, settings);
		}
		try (ServerProcess server = start(CompressionSetup.NETTY, settings)) {
			echo.put(CompressionSetup.NETTY, run(Phase.THROUGHPUT, CompressionSetup.NETTY, server, settings));
		}
		assertThat(this.problems).isEmpty();
		Map<String, Double> plain = echo.get(CompressionSetup.PLAIN);
		assertThat(plain).containsEntry("upz", 0.0).containsEntry("downz", 0.0);
		for (CompressionSetup setup : List.of(CompressionSetup.NO_CONTEXT, CompressionSetup.CONTEXT,
				CompressionSetup.NETTY)) {
			Map<String, Double> compressed = echo.get(setup);
			assertThat(compressed.get("rate")).as(setup + " messages/s").isPositive();
			assertThat(compressed.get("upz")).as(setup + " compressed client to server").isPositive();
			assertThat(compressed.get("downz")).as(setup + " compressed server to client").isPositive();
			assertThat(compressed.get("up")).as(setup + " wire bytes up").isLessThan(plain.get("up"));
			assertThat(compressed.get("down")).as(setup + " wire bytes down").isLessThan(plain.get("down"));
		}
		assertThat(memory).containsEntry("opened", 16.0).containsKeys("heap", "rss");
	}

	private ServerProcess start(CompressionSetup setup, Settings settings) throws IOException {
		Path log = Path.of("target", "smoke-logs", "compression-" + setup.name().toLowerCase(Locale.ROOT) + ".log");
		return CompressionRunner.start(setup, settings.common, log);
	}

	private Map<String, Double> run(Phase phase, CompressionSetup setup, ServerProcess server, Settings settings)
			throws IOException {
		return CompressionRunner.run(phase, setup, server, settings, this.messages, this.problems, phase + " " + setup);
	}

	private static String classpath() throws IOException {
		// Set by the POM: surefire's own class path is not one a child JVM can use.
		return System.getProperty("benchmarks.classes") + File.pathSeparator
				+ Files.readString(Path.of(System.getProperty("benchmarks.classpath.file"))).trim();
	}

}
