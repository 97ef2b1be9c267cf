package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.wsboot.benchmarks.BenchmarkServers;
import dev.wsboot.benchmarks.load.LoadTool;
import dev.wsboot.benchmarks.load.LoadTool.EchoResult;
import dev.wsboot.benchmarks.load.LoadTool.EchoSpec;
import dev.wsboot.benchmarks.runner.ProfileSummary.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ServerProfiler} attached to a real benchmark server under a second of load.
 */
class ServerProfilerTests {

	@Test
	void profilesAServerUnderLoadAndWritesItsStacks(@TempDir Path directory) throws IOException {
		ServerProfiler profiler = ServerProfiler
			.create(Path.of(System.getProperty("java.home"), "bin", "java").toString(), directory);
		try (ServerProcess server = BenchmarkServers.start(ServerKind.WSBOOT_NON_BLOCKING, "profiled")) {
			profiler.start(server);
			EchoResult result = LoadTool.echo(server.address(), "/echo",
					new EchoSpec(4, 1, 32, false, Duration.ofMillis(200), Duration.ofSeconds(1)), LoadTool.Phases.NONE);
			assertThat(result.messages()).isPositive();
			Path stacks = profiler.stop(server, "wsboot-a-r1");

			assertThat(stacks).isEqualTo(directory.resolve("wsboot-a-r1.collapsed").toAbsolutePath());
			assertThat(Files.readString(stacks)).contains("dev/wsboot/server/EventLoop.run");
			ProfileSummary summary = ProfileSummary.of(stacks);
			assertThat(summary.total()).isPositive();
			assertThat(
					summary.percent(Category.CODE) + summary.percent(Category.WRITE) + summary.percent(Category.READ))
				.isPositive();
		}
	}

	@Test
	void findsTheAgentForLinuxOnBothArchitecturesAndRefusesOthers() {
		assertThat(ServerProfiler.agentResource("Linux", "amd64")).isEqualTo("linux-x64/libasyncProfiler.so");
		assertThat(ServerProfiler.agentResource("Linux", "aarch64")).isEqualTo("linux-arm64/libasyncProfiler.so");
		assertThatIllegalStateException().isThrownBy(() -> ServerProfiler.agentResource("Mac OS X", "aarch64"));
		assertThatIllegalStateException().isThrownBy(() -> ServerProfiler.agentResource("Linux", "riscv64"));
	}

}
