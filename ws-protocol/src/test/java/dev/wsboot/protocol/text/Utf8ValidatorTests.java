package dev.wsboot.protocol.text;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Utf8ValidatorTests {

	private static final HexFormat HEX = HexFormat.of();

	/**
	 * The byte sequences of Autobahn|Testsuite cases 6.5 to 6.22, which come from Markus
	 * Kuhn's UTF-8 decoder stress test.
	 */
	static Stream<Arguments> autobahnSequences() {
		List<Arguments> cases = new ArrayList<>();
		// Some valid text: U+0024, U+00A2, U+20AC and U+24B62 amid ASCII, and "κόσμε".
		valid(cases, "68656c6c6f24776f726c64", "68656c6c6fc2a2776f726c64", "68656c6c6fe282ac776f726c64",
				"68656c6c6ff0a4ada2776f726c64", "cebae1bdb9cf83cebcceb5");
		// The first and the last sequence of each length.
		valid(cases, "00", "c280", "e0a080", "f0908080", "7f", "dfbf", "efbfbf", "f48fbfbf");
		// Sequences of 5 and 6 bytes, and 4 bytes above U+10FFFF.
		invalid(cases, "f888808080", "fc8480808080", "f7bfbfbf", "fbbfbfbfbf", "fdbfbfbfbfbf");
		// Other boundaries: U+D7FF, U+E000, U+FFFD, U+10FFFF, and U+110000.
		valid(cases, "ed9fbf", "ee8080", "efbfbd", "f48fbfbf");
		invalid(cases, "f4908080");
		// Continuation bytes where a character should start.
		invalid(cases, "80", "bf", "80bf", "80bf80", "80bf80bf", "80bf80bf80", "80bf80bf80bf", hexOfRange(0x80, 0xBF));
		// Lonely start bytes, each followed by a space.
		invalid(cases, lonelyStarts(0xC0, 0xDF), lonelyStarts(0xE0, 0xEF), lonelyStarts(0xF0, 0xF7),
				lonelyStarts(0xF8, 0xFB), lonelyStarts(0xFC, 0xFD));
		// Sequences missing their last byte, alone and together.
		String[] truncated = { "c0", "e080", "f08080", "f8808080", "fc80808080", "df", "efbf", "f7bfbf", "fbbfbfbf",
				"fdbfbfbfbf" };
		invalid(cases, truncated);
		invalid(cases, String.join("", truncated));
		// Bytes that never occur.
		invalid(cases, "fe", "ff", "fefeffff");
		// Overlong forms: of '/', the longest overlong of each length, and of NUL.
		invalid(cases, "c0af", "e080af", "f08080af", "f8808080af", "fc80808080af");
		invalid(cases, "c1bf", "e09fbf", "f08fbfbf", "f887bfbfbf", "fc83bfbfbfbf");
		invalid(cases, "c080", "e08080", "f0808080", "f880808080", "fc8080808080");
		// Single and paired UTF-16 surrogates.
		invalid(cases, "eda080", "edadbf", "edae80", "edafbf", "edb080", "edbe80", "edbfbf");
		invalid(cases, "eda080edb080", "eda080edbfbf", "edadbfedb080", "edadbfedbfbf", "edae80edb080", "edae80edbfbf",
				"edafbfedb080", "edafbfedbfbf");
		// Noncharacters and specials are valid UTF-8.
		valid(cases, "efbfbe", "efbfbf", "f48fbfbe", "f0afbfbe", "f3bfbfbf", "efbfb9", "efbfba", "efbfbb", "efbfbc");
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} valid: {1}")
	@MethodSource("autobahnSequences")
	void validatesAutobahnSequencesAsTheJdkDoesHoweverTheyAreFed(String hex, boolean valid) {
		byte[] bytes = HEX.parseHex(hex);
		assertThat(StrictUtf8.isValid(bytes)).isEqualTo(valid);
		for (Feed feed : Feed.values()) {
			feed.assertAgreesWithReference(bytes, new Random(hex.hashCode()));
		}
	}

	@ParameterizedTest(name = "{0} fails at byte {1}")
	@CsvSource({ "cebae1bdb9cf83cebcceb5eda080656469746564, 12", "cebae1bdb9cf83cebcceb5f4908080656469746564, 12",
			"656469746564eda080, 7", "c0, 0", "c1, 0", "f5, 0", "ff, 0", "80, 0", "4180, 1", "e080, 1", "e09f, 1",
			"eda0, 1", "edbf, 1", "f08f, 1", "f490, 1", "c2c2, 1", "e2827f, 2", "f09f9841, 3", "f09f98f0, 3" })
	void failsOnTheFirstByteThatNoContinuationCanRepair(String hex, int failingIndex) {
		byte[] bytes = HEX.parseHex(hex);
		Utf8Validator validator = new Utf8Validator();
		for (int i = 0; i < failingIndex; i++) {
			assertThat(validator.feed(bytes, i, 1)).as("byte %d", i).isTrue();
		}
		assertThat(validator.feed(bytes, failingIndex, 1)).isFalse();
		assertThat(validator.hasFailed()).isTrue();
		assertThat(StrictUtf8.indexOfFirstHopelessByte(bytes)).isEqualTo(failingIndex);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "c2", "df", "e0a0", "e282", "ed9f", "f090", "f09f98", "f48f", "f48fbf", "41f1808080f3bfbf" })
	void acceptsATruncatedCharacterButIsNotComplete(String hex) {
		byte[] bytes = HEX.parseHex(hex);
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.feed(bytes, 0, bytes.length)).isTrue();
		assertThat(validator.isComplete()).isFalse();
		assertThat(validator.hasFailed()).isFalse();
	}

	@Test
	void completesACharacterSplitAcrossFeeds() {
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.feed(HEX.parseHex("41f09f"), 0, 3)).isTrue();
		assertThat(validator.isComplete()).isFalse();
		assertThat(validator.feed(HEX.parseHex("98"), 0, 1)).isTrue();
		assertThat(validator.feed(HEX.parseHex("8042"), 0, 2)).isTrue();
		assertThat(validator.isComplete()).isTrue();
	}

	@Test
	void isCompleteBeforeAnyInputAndAfterEmptyFeeds() {
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.isComplete()).isTrue();
		assertThat(validator.feed(new byte[0], 0, 0)).isTrue();
		assertThat(validator.feed(ByteBuffer.allocateDirect(0))).isTrue();
		assertThat(validator.isComplete()).isTrue();
		assertThat(validator.hasFailed()).isFalse();
	}

	@Test
	void staysFailedUntilReset() {
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.feed(HEX.parseHex("41ff"), 0, 2)).isFalse();
		assertThat(validator.feed("valid".getBytes(StandardCharsets.UTF_8), 0, 5)).isFalse();
		assertThat(validator.feed(ByteBuffer.wrap(HEX.parseHex("42")))).isFalse();
		assertThat(validator.hasFailed()).isTrue();
		assertThat(validator.isComplete()).isFalse();
		validator.reset();
		assertThat(validator.hasFailed()).isFalse();
		assertThat(validator.isComplete()).isTrue();
		assertThat(validator.feed(HEX.parseHex("c3a9"), 0, 2)).isTrue();
		assertThat(validator.isComplete()).isTrue();
	}

	@Test
	void resetForgetsACharacterLeftHalfWay() {
		Utf8Validator validator = new Utf8Validator();
		assertThat(validator.feed(HEX.parseHex("e282"), 0, 2)).isTrue();
		validator.reset();
		assertThat(validator.feed(HEX.parseHex("ac"), 0, 1)).isFalse();
	}

	@Test
	void acceptsEveryUnicodeScalarValueAndRejectsEverySurrogate() {
		Utf8Validator validator = new Utf8Validator();
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			validator.reset();
			byte[] bytes = encode(codePoint);
			boolean surrogate = codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
			assertThat(validator.feed(bytes, 0, bytes.length) && validator.isComplete()).as("U+%04X", codePoint)
				.isEqualTo(!surrogate);
		}
	}

	@Test
	void agreesWithTheJdkOnEveryInputOfUpToTwoBytes() {
		Utf8Validator validator = new Utf8Validator();
		for (int value = 0; value < 0x10000; value++) {
			byte[] two = { (byte) (value >>> 8), (byte) value };
			byte[] one = { (byte) value };
			for (byte[] bytes : List.of(one, two)) {
				validator.reset();
				boolean valid = validator.feed(bytes, 0, bytes.length) && validator.isComplete();
				assertThat(valid).as(HEX.formatHex(bytes)).isEqualTo(StrictUtf8.isValid(bytes));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Feed.class)
	void findsANonAsciiByteAtEveryPositionOfAnAsciiRun(Feed feed) {
		for (int length = 1; length <= 40; length++) {
			for (int at = 0; at < length; at++) {
				byte[] invalid = ascii(length);
				invalid[at] = (byte) 0x80;
				assertThat(feed.feed(new Utf8Validator(), invalid)).as("0x80 at %d of %d", at, length).isFalse();
				byte[] valid = ascii(length + 1);
				valid[at] = (byte) 0xC3;
				valid[at + 1] = (byte) 0xA9;
				Utf8Validator validator = new Utf8Validator();
				assertThat(feed.feed(validator, valid) && validator.isComplete()).as("é at %d of %d", at, length)
					.isTrue();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Feed.class)
	void validatesOnlyBetweenPositionAndLimit(Feed feed) {
		// Every kind of feed pads its bytes with 0xFF, which is never valid.
		byte[] text = "ASCII, then κόσμε and 😀, then ASCII again".getBytes(StandardCharsets.UTF_8);
		Utf8Validator validator = new Utf8Validator();
		assertThat(feed.feed(validator, text)).isTrue();
		assertThat(validator.isComplete()).isTrue();
	}

	@Test
	void feedOfAnArrayChecksTheRange() {
		Utf8Validator validator = new Utf8Validator();
		byte[] bytes = new byte[4];
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> validator.feed(bytes, 2, 3));
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> validator.feed(bytes, -1, 1));
	}

	@Test
	void isValidChecksFromPositionToLimitAndLeavesTheBuffer() {
		ByteBuffer buf = ByteBuffer.wrap(HEX.parseHex("ffc3a9ff"), 1, 2);
		assertThat(Utf8Validator.isValid(buf)).isTrue();
		assertThat(buf.position()).isEqualTo(1);
		assertThat(buf.limit()).isEqualTo(3);
		assertThat(Utf8Validator.isValid(ByteBuffer.wrap(HEX.parseHex("c3")))).isFalse();
		assertThat(Utf8Validator.isValid(ByteBuffer.wrap(HEX.parseHex("ff")))).isFalse();
		assertThat(Utf8Validator.isValid(ByteBuffer.allocate(0))).isTrue();
	}

	private static void valid(List<Arguments> cases, String... hex) {
		Arrays.stream(hex).forEach((h) -> cases.add(Arguments.of(h, true)));
	}

	private static void invalid(List<Arguments> cases, String... hex) {
		Arrays.stream(hex).forEach((h) -> cases.add(Arguments.of(h, false)));
	}

	private static String hexOfRange(int first, int last) {
		StringBuilder hex = new StringBuilder();
		IntStream.rangeClosed(first, last).forEach((b) -> hex.append(HEX.toHexDigits((byte) b)));
		return hex.toString();
	}

	private static String lonelyStarts(int first, int last) {
		StringBuilder hex = new StringBuilder();
		IntStream.rangeClosed(first, last).forEach((b) -> hex.append(HEX.toHexDigits((byte) b)).append("20"));
		return hex.toString();
	}

	private static byte[] ascii(int length) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) 'a');
		return bytes;
	}

	/**
	 * Encodes a code point the way UTF-8 would, surrogates included, which
	 * {@link String#getBytes} replaces.
	 */
	private static byte[] encode(int codePoint) {
		if (codePoint < 0x80) {
			return new byte[] { (byte) codePoint };
		}
		if (codePoint < 0x800) {
			return new byte[] { (byte) (0xC0 | codePoint >>> 6), continuation(codePoint, 0) };
		}
		if (codePoint < 0x10000) {
			return new byte[] { (byte) (0xE0 | codePoint >>> 12), continuation(codePoint, 6),
					continuation(codePoint, 0) };
		}
		return new byte[] { (byte) (0xF0 | codePoint >>> 18), continuation(codePoint, 12), continuation(codePoint, 6),
				continuation(codePoint, 0) };
	}

	/**
	 * ASCII is skipped in blocks of 32 and 8 bytes: a bad or a good non-ASCII byte is
	 * found wherever it stands in or after the blocks, in arrays and in direct buffers.
	 */
	@Test
	void findsNonAsciiAtEveryPositionOfLongAsciiRuns() {
		for (int length = 1; length <= 100; length++) {
			for (int at = 0; at < length; at++) {
				byte[] invalid = new byte[length];
				Arrays.fill(invalid, (byte) 'a');
				invalid[at] = (byte) 0xFF;
				assertThat(feedArray(invalid)).as("0xFF at %d of %d", at, length).isFalse();
				assertThat(feedDirect(invalid)).as("0xFF at %d of %d, direct", at, length).isFalse();
				if (at + 1 < length) {
					byte[] valid = invalid.clone();
					valid[at] = (byte) 0xC3;
					valid[at + 1] = (byte) 0xA9;
					assertThat(feedArray(valid)).as("é at %d of %d", at, length).isTrue();
					assertThat(feedDirect(valid)).as("é at %d of %d, direct", at, length).isTrue();
				}
			}
		}
	}

	@Test
	void validatesADirectBufferAcrossTheChunksItIsReadIn() {
		// A three-byte character at every position around the 4,096-byte chunk boundary,
		// whole and cut short.
		for (int ascii = 4090; ascii <= 4097; ascii++) {
			byte[] valid = new byte[ascii + 4];
			Arrays.fill(valid, (byte) 'a');
			System.arraycopy(HEX.parseHex("e282ac"), 0, valid, ascii, 3);
			assertThat(feedDirect(valid)).as("€ at %d", ascii).isTrue();
			byte[] invalid = valid.clone();
			invalid[ascii + 2] = 'a';
			assertThat(feedDirect(invalid)).as("cut € at %d", ascii).isFalse();
		}
	}

	private static boolean feedArray(byte[] bytes) {
		Utf8Validator validator = new Utf8Validator();
		return validator.feed(bytes, 0, bytes.length) && validator.isComplete();
	}

	private static boolean feedDirect(byte[] bytes) {
		Utf8Validator validator = new Utf8Validator();
		ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
		return validator.feed(direct) && validator.isComplete();
	}

	private static byte continuation(int codePoint, int shift) {
		return (byte) (0x80 | ((codePoint >>> shift) & 0x3F));
	}

}
