package dev.wsboot.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.wsboot.benchmarks.jmh.FrameBenchmark;
import dev.wsboot.benchmarks.jmh.HandOffBenchmark;
import dev.wsboot.benchmarks.jmh.HandshakeBenchmark;
import dev.wsboot.benchmarks.jmh.MaskingBenchmark;
import dev.wsboot.benchmarks.jmh.Utf8Benchmark;
import dev.wsboot.benchmarks.load.LoadTool;
import dev.wsboot.benchmarks.load.LoadTool.EchoResult;
import dev.wsboot.benchmarks.load.LoadTool.EchoSpec;
import dev.wsboot.benchmarks.load.LoadTool.HandshakeResult;
import dev.wsboot.benchmarks.runner.ServerKind;
import dev.wsboot.benchmarks.runner.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark module's smoke test, a few seconds per server: each peer server starts as
 * its own JVM and the load tool completes tiny runs against it; the JMH benchmarks were
 * generated. The real benchmarks run only from {@code run.sh}.
 */
class BenchmarkSmokeTests {

	@ParameterizedTest
	@EnumSource(ServerKind.class)
	void serverStartsAndLoadToolCompletesTinyRuns(ServerKind kind) throws IOException {
		try (ServerProcess server = BenchmarkServers.start(kind, kind.name())) {
			EchoResult text = LoadTool.echo(server.address(), "/echo",
					new EchoSpec(4, 1, 32, false, Duration.ofMillis(200), Duration.ofSeconds(1)), LoadTool.Phases.NONE);
			assertThat(text.opened()).isEqualTo(4);
			assertThat(text.messages()).isPositive();
			assertThat(text.mismatches()).isZero();
			assertThat(text.failures()).isZero();
			assertThat(text.latency().getTotalCount()).isEqualTo(text.messages());

			EchoResult binary = LoadTool.echo(server.address(), "/echo",
					new EchoSpec(2, 1, 64 * 1024, true, Duration.ofMillis(100), Duration.ofMillis(400)),
					LoadTool.Phases.NONE);
			assertThat(binary.messages()).isPositive();
			assertThat(binary.payloadBytes()).isEqualTo(binary.messages() * 64 * 1024);
			assertThat(binary.mismatches()).isZero();
			assertThat(binary.failures()).isZero();

			HandshakeResult handshakes = LoadTool.handshakes(server.address(), "/echo", 4, Duration.ofMillis(100),
					Duration.ofMillis(400), LoadTool.Phases.NONE);
			assertThat(handshakes.handshakes()).isPositive();
			assertThat(handshakes.failures()).isZero();

			assertThat(server.heapAfterGc()).isPositive();
			assertThat(server.cpuNanos()).isPositive();
			assertThat(server.rssBytes()).isPositive();
		}
	}

	@Test
	void jmhBenchmarksAreGenerated() throws Exception {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
			assertThat(in).as("JMH's generated benchmark list").isNotNull();
			String list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (Class<?> benchmark : List.of(MaskingBenchmark.class, Utf8Benchmark.class, FrameBenchmark.class,
					HandshakeBenchmark.class, HandOffBenchmark.class)) {
				assertThat(list).contains(benchmark.getName());
			}
		}
		assertThat(Class.forName(
				MaskingBenchmark.class.getPackageName() + ".jmh_generated.MaskingBenchmark_unmaskHeap_jmhTest", false,
				getClass().getClassLoader()))
			.isNotNull();
	}

}
