package dev.wsboot.protocol.text;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds {@link Utf8Validator} to the JDK's strict decoder on random input, fed whole, cut
 * in two at every point, byte by byte and in random chunks. The randomness is seeded, so
 * a failure repeats; its message holds the input and the cuts.
 */
class Utf8ValidatorPropertyTests {

	private static final int SAMPLES = 500;

	@ParameterizedTest
	@EnumSource(Feed.class)
	void agreesWithTheJdkOnRandomBytes(Feed feed) {
		assertAgreesOnSamples(feed, 0x5EED_0001L, Utf8Samples::utf8ishBytes);
	}

	@ParameterizedTest
	@EnumSource(Feed.class)
	void acceptsValidText(Feed feed) {
		assertAgreesOnSamples(feed, 0x5EED_0002L, (random) -> {
			byte[] bytes = Utf8Samples.text(random).getBytes(StandardCharsets.UTF_8);
			assertThat(StrictUtf8.isValid(bytes)).isTrue();
			return bytes;
		});
	}

	@ParameterizedTest
	@EnumSource(Feed.class)
	void agreesWithTheJdkOnMutatedText(Feed feed) {
		assertAgreesOnSamples(feed, 0x5EED_0003L, Utf8Samples::mutatedText);
	}

	private static void assertAgreesOnSamples(Feed feed, long seed, Function<Random, byte[]> samples) {
		Random random = new Random(seed + feed.ordinal());
		for (int sample = 0; sample < SAMPLES; sample++) {
			feed.assertAgreesWithReference(samples.apply(random), random);
		}
	}

}
