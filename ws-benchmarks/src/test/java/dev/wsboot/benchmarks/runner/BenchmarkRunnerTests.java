package dev.wsboot.benchmarks.runner;

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

	private static Map<String, Double> run(int round, double rate) {
		return Map.of(BenchmarkRunner.ROUND, (double) round, "rate", rate);
	}

}
