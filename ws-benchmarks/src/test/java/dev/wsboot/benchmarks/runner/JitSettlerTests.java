package dev.wsboot.benchmarks.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JitSettler}: load runs slice by slice until the compiler is quiet.
 */
class JitSettlerTests {

	private final AtomicLong compilerNanos = new AtomicLong();

	private final List<Duration> slices = new ArrayList<>();

	private final JitSettler settler = new JitSettler(this.compilerNanos::get, Duration.ofSeconds(1),
			Duration.ofSeconds(5));

	@Test
	void stopsAfterTheFirstSliceInWhichTheCompilerWasQuiet() throws Exception {
		long[] compiledPerSlice = { 300_000_000, 120_000_000, 20_000_000, 10_000_000, 0 };
		int slices = this.settler.settle((slice) -> {
			this.slices.add(slice);
			this.compilerNanos.addAndGet(compiledPerSlice[this.slices.size() - 1]);
		});
		assertThat(slices).isEqualTo(4);
		assertThat(this.slices).hasSize(4).containsOnly(Duration.ofSeconds(1));
	}

	@Test
	void givesUpAtTheLimitWhenTheCompilerNeverRests() throws Exception {
		int slices = this.settler.settle((slice) -> {
			this.slices.add(slice);
			this.compilerNanos.addAndGet(50_000_000);
		});
		assertThat(slices).isEqualTo(-5);
		assertThat(this.slices).hasSize(5);
	}

}
