package dev.wsboot.benchmarks.runner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link BenchmarkRunner}'s statistics: ratios are taken round by round.
 */
class BenchmarkRunnerTests {

	@Test
	void pairsRunsByRoundAndTakesTheMedianOfTheirRatios() {
		// The machine sped up and slowed down during the run, and b's second run met a
		// quiet spell: round by round a is twice b but once, the medians say 1.33.
		List<Map<String, Double>> a = List.of(run(1, 100), run(2, 200), run(3, 300));
		List<Map<String, Double>> b = List.of(run(3, 150), run(1, 50), run(2, 400));
		assertThat(BenchmarkRunner.pairedRatio(a, b, "rate")).isEqualTo(2.0);
		assertThat(BenchmarkRunner.median(a, "rate") / BenchmarkRunner.median(b, "rate")).isCloseTo(1.33, within(0.01));
	}

	@Test
	void skipsRoundsThatOneServerMissed() {
		List<Map<String, Double>> a = List.of(run(1, 300), run(2, 100), run(3, 120));
		List<Map<String, Double>> b = List.of(run(2, 100), run(3, 100));
		assertThat(BenchmarkRunner.pairedRatio(a, b, "rate")).isEqualTo(1.1);
		assertThat(BenchmarkRunner.pairedRatio(a, List.of(), "rate")).isNull();
		assertThat(BenchmarkRunner.pairedRatio(a, b, "other")).isNull();
	}

	@Test
	void aProfiledRunTabulatesWhereEachServersSamplesWent() {
		BenchmarkRunner.Options options = BenchmarkRunner.Options
			.parse(new String[] { "--servers", "wsboot,netty", "--scenarios", "a", "--profile", "target/p" });
		Map<String, Double> wsboot = new HashMap<>(run(1, 200));
		wsboot.put(BenchmarkRunner.profileKey(ProfileSummary.Category.FUTEX), 7.5);
		Map<String, Double> netty = new HashMap<>(run(1, 100));
		netty.put(BenchmarkRunner.profileKey(ProfileSummary.Category.FUTEX), 2.5);
		Map<BenchmarkRunner.Scenario, Map<ServerKind, List<Map<String, Double>>>> results = Map.of(
				BenchmarkRunner.Scenario.A,
				Map.of(ServerKind.WSBOOT, List.of(wsboot), ServerKind.NETTY, List.of(netty)));

		String table = BenchmarkRunner.table(options, results, List.of(), 0);

		assertThat(table).contains("PROFILED with async-profiler")
			.contains(
					"| profile: kernel: futex (threads parking, waking, switching) (% of samples) | 7.50 | 2.50 | 3.00 |");
		assertThat(BenchmarkRunner.rows(BenchmarkRunner.Scenario.D, options))
			.isEqualTo(BenchmarkRunner.Scenario.D.metrics);
	}

	private static Map<String, Double> run(int round, double rate) {
		return Map.of(BenchmarkRunner.ROUND, (double) round, "rate", rate);
	}

}
