package dev.wsboot.benchmarks.soak;

import java.time.Duration;

import dev.wsboot.benchmarks.runner.ServerKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The soak's command line.
 */
class SoakOptionsTests {

	@Test
	void defaultsAreTenMinutesWithAMinuteOfWarmup() {
		SoakOptions options = SoakOptions.parse();
		assertThat(options.duration).isEqualTo(Duration.ofMinutes(10));
		assertThat(options.warmup).isEqualTo(Duration.ofMinutes(1));
		assertThat(options.server).isEqualTo(ServerKind.WSBOOT);
	}

	@Test
	void durationsTakeAUnitOrAreSeconds() {
		assertThat(SoakOptions.duration("600s")).isEqualTo(Duration.ofSeconds(600));
		assertThat(SoakOptions.duration("10m")).isEqualTo(Duration.ofMinutes(10));
		assertThat(SoakOptions.duration("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(SoakOptions.duration("250ms")).isEqualTo(Duration.ofMillis(250));
		assertThat(SoakOptions.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void optionsAreRead() {
		SoakOptions options = SoakOptions.parse("--duration", "2m", "--warmup", "30s", "--server", "wsboot-loop",
				"--connections", "50", "--jvm-options", "-Xmx1g  -XX:+UseZGC");
		assertThat(options.duration).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.server).isEqualTo(ServerKind.WSBOOT_LOOP);
		assertThat(options.connections).isEqualTo(50);
		assertThat(options.jvmOptions).containsExactly("-Xmx1g", "-XX:+UseZGC");
	}

	@Test
	void nonsenseIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--bogus", "1"));
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--duration"));
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--warmup", "10m"));
		assertThatIllegalArgumentException().isThrownBy(() -> SoakOptions.parse("--binary-share", "2"));
	}

}
