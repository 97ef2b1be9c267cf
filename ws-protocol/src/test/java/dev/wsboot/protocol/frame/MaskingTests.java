package dev.wsboot.protocol.frame;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wsboot.protocol.BufferKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MaskingTests {

	private static final int RFC_KEY = 0x37fa213d;

	private static final int MAX_LENGTH = 70;

	@Test
	void unmasksTheRfcExampleToHello() {
		// RFC 6455 section 5.7: a masked text frame, 81 85 37 fa 21 3d 7f 9f 4d 51 58.
		byte[] payload = HexFormat.of().parseHex("7f9f4d5158");
		assertThat(Masking.mask(payload, 0, payload.length, RFC_KEY, 0)).isEqualTo(1);
		assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("Hello");
	}

	@Test
	void masksHelloToTheRfcExample() {
		ByteBuffer hello = ByteBuffer.allocateDirect(5).put("Hello".getBytes(StandardCharsets.US_ASCII));
		Masking.mask(hello, 0, 5, RFC_KEY, 0);
		assertThat(BufferKind.content(hello.clear())).isEqualTo(HexFormat.of().parseHex("7f9f4d5158"));
	}

	@Test
	void masksArraysAsTheNaiveLoopDoesForEveryLengthStartAndKeyOffset() {
		byte[] original = randomBytes(MAX_LENGTH + 8, 1);
		for (int from = 0; from < 8; from++) {
			for (int length = 0; length <= MAX_LENGTH; length++) {
				for (int offset = 0; offset < 4; offset++) {
					byte[] expected = original.clone();
					int expectedOffset = naiveMask(expected, from, from + length, RFC_KEY, offset);
					byte[] actual = original.clone();
					assertThat(Masking.mask(actual, from, from + length, RFC_KEY, offset)).isEqualTo(expectedOffset);
					assertThat(actual).as("from %d, length %d, offset %d", from, length, offset).isEqualTo(expected);
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(BufferKind.class)
	void masksBuffersAsTheNaiveLoopDoesForEveryLengthAndKeyOffset(BufferKind kind) {
		for (int length = 0; length <= MAX_LENGTH; length++) {
			byte[] original = randomBytes(length, length);
			for (int offset = 0; offset < 4; offset++) {
				byte[] expected = original.clone();
				int expectedOffset = naiveMask(expected, 0, length, RFC_KEY, offset);
				ByteBuffer buf = kind.around(original);
				int position = buf.position();
				assertThat(Masking.mask(buf, position, buf.limit(), RFC_KEY, offset)).isEqualTo(expectedOffset);
				assertThat(buf.position()).isEqualTo(position);
				assertThat(buf.limit()).isEqualTo(position + length);
				assertThat(BufferKind.content(buf)).as("length %d, offset %d", length, offset).isEqualTo(expected);
				assertThat(BufferKind.paddingIntact(buf)).isTrue();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(BufferKind.class)
	void masksRangesLongerThanTheDirectPathsChunkAsTheNaiveLoopDoes(BufferKind kind) {
		for (int length : new int[] { 4095, 4096, 4097, 3 * 4096 + 5 }) {
			byte[] original = randomBytes(length, length);
			for (int offset = 0; offset < 4; offset++) {
				byte[] expected = original.clone();
				int expectedOffset = naiveMask(expected, 0, length, RFC_KEY, offset);
				ByteBuffer buf = kind.around(original);
				assertThat(Masking.mask(buf, buf.position(), buf.limit(), RFC_KEY, offset)).isEqualTo(expectedOffset);
				assertThat(BufferKind.content(buf)).as("length %d, offset %d", length, offset).isEqualTo(expected);
				assertThat(BufferKind.paddingIntact(buf)).isTrue();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(BufferKind.class)
	void masksInChunksAsInOneGoWhenEachChunkResumesAtTheReturnedOffset(BufferKind kind) {
		Random random = new Random(0x3A5C + kind.ordinal());
		for (int sample = 0; sample < 200; sample++) {
			byte[] original = randomBytes(random.nextInt(200), sample);
			int key = random.nextInt();
			int startOffset = random.nextInt(4);
			byte[] expected = original.clone();
			int expectedOffset = naiveMask(expected, 0, expected.length, key, startOffset);
			ByteBuffer buf = kind.around(original);
			int offset = startOffset;
			for (int from = buf.position(); from < buf.limit();) {
				int to = Math.min(buf.limit(), from + random.nextInt(20));
				offset = Masking.mask(buf, from, to, key, offset);
				from = to;
			}
			assertThat(offset).isEqualTo(expectedOffset);
			assertThat(BufferKind.content(buf)).isEqualTo(expected);
			assertThat(BufferKind.paddingIntact(buf)).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3 })
	void masksTwiceToRestoreTheInput(int offset) {
		byte[] original = randomBytes(MAX_LENGTH, offset);
		byte[] bytes = original.clone();
		Masking.mask(bytes, 0, bytes.length, 0xCAFEBABE, offset);
		assertThat(bytes).isNotEqualTo(original);
		Masking.mask(bytes, 0, bytes.length, 0xCAFEBABE, offset);
		assertThat(bytes).isEqualTo(original);
	}

	@Test
	void leavesBytesAsTheyWereWithAZeroKeyButAdvancesTheOffset() {
		byte[] original = randomBytes(11, 2);
		byte[] bytes = original.clone();
		assertThat(Masking.mask(bytes, 1, 11, 0, 3)).isEqualTo(1);
		assertThat(bytes).isEqualTo(original);
		ByteBuffer buf = ByteBuffer.allocateDirect(7);
		assertThat(Masking.mask(buf, 0, 7, 0, 2)).isEqualTo(1);
	}

	@Test
	void returnsTheOffsetItWasGivenForAnEmptyRange() {
		assertThat(Masking.mask(new byte[4], 2, 2, RFC_KEY, 3)).isEqualTo(3);
		assertThat(Masking.mask(ByteBuffer.allocateDirect(4), 4, 4, RFC_KEY, 1)).isEqualTo(1);
	}

	@Test
	void rejectsAnOffsetOutsideTheKey() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Masking.mask(new byte[8], 0, 8, RFC_KEY, 4));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Masking.mask(ByteBuffer.allocateDirect(8), 0, 8, RFC_KEY, -1));
	}

	@Test
	void rejectsARangeOutsideTheArrayOrBeyondTheLimit() {
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> Masking.mask(new byte[8], 4, 9, RFC_KEY, 0));
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> Masking.mask(new byte[8], 5, 4, RFC_KEY, 0));
		ByteBuffer limited = ByteBuffer.allocate(16).limit(8);
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> Masking.mask(limited, 0, 9, RFC_KEY, 0));
	}

	@Test
	void rejectsAReadOnlyBuffer() {
		ByteBuffer readOnly = ByteBuffer.allocate(8).asReadOnlyBuffer();
		assertThatExceptionOfType(ReadOnlyBufferException.class)
			.isThrownBy(() -> Masking.mask(readOnly, 0, 8, RFC_KEY, 0));
	}

	/** Masks as RFC 6455 section 5.3 puts it: octet i with octet (i MOD 4) of the key. */
	private static int naiveMask(byte[] bytes, int from, int to, int key, int offset) {
		byte[] keyBytes = ByteBuffer.allocate(4).putInt(key).array();
		for (int i = from; i < to; i++) {
			bytes[i] ^= keyBytes[(offset + i - from) % 4];
		}
		return (offset + to - from) % 4;
	}

	private static byte[] randomBytes(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
