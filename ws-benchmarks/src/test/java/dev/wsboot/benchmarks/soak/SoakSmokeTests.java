package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wsboot.benchmarks.BenchmarkServers;
import dev.wsboot.benchmarks.runner.ServerKind;
import dev.wsboot.benchmarks.runner.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A soak of a few seconds against a real wsboot server: every kind of traffic happens
 * (text, binary, fragments, pings, churn with clean closes and drops), every echo comes
 * back in order and intact, the checkpoints are taken and the heap stays flat. The real
 * soak runs only from {@code run.sh soak}.
 */
class SoakSmokeTests {

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void shortSoakVerifiesEveryEcho() throws IOException {
		SoakOptions options = SoakOptions.parse("--duration", "3s", "--warmup", "1s", "--connections", "20", "--rate",
				"400", "--churn-rate", "10", "--abrupt-share", "0.5", "--fragmented-share", "0.2", "--ping-share",
				"0.1");
		try (ServerProcess server = BenchmarkServers.start(ServerKind.WSBOOT, "soak-wsboot")) {
			SoakResult result = SoakRunner.run(server, options, (sample) -> {
			});
			SoakStats stats = result.stats();
			assertThat(result.finished()).isTrue();
			assertThat(stats.verified).isPositive();
			assertThat(stats.lost).isZero();
			assertThat(stats.reordered).isZero();
			assertThat(stats.corrupted).isZero();
			assertThat(stats.duplicated).isZero();
			assertThat(stats.failed).isZero();
			assertThat(stats.handshakeFailures).isZero();
			assertThat(stats.steadyOpened).isEqualTo(20);
			assertThat(stats.textSent).isPositive();
			assertThat(stats.binarySent).isPositive();
			assertThat(stats.fragmentedSent).isPositive();
			assertThat(stats.pongsVerified).isPositive();
			assertThat(stats.closedCleanly).isGreaterThan(20);
			assertThat(stats.droppedFin + stats.droppedReset).isPositive();
			assertThat(stats.closeCodes).containsOnlyKeys(1000);
			assertThat(result.samples()).extracting(ServerSample::label)
				.containsExactly(ServerSample.START, ServerSample.WARMUP, ServerSample.END);
			assertThat(result.sample(ServerSample.END).get().connections()).isEqualTo(20);
			assertThat(SoakReport.problems(options, result)).isEmpty();
			assertThat(SoakReport.markdown(options, result, List.of())).contains("| **lost** | 0 |", "Verdict: PASS");
		}
	}

}
