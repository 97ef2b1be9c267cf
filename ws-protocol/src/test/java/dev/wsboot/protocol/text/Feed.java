package dev.wsboot.protocol.text;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import dev.wsboot.protocol.BufferKind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A way of handing bytes to a {@link Utf8Validator}, and the check that a validator fed
 * that way agrees with {@link StrictUtf8}, the reference.
 */
enum Feed {

	/** An array, the bytes at a non-zero offset. */
	ARRAY(null, false),

	/** A heap buffer. */
	HEAP(BufferKind.HEAP, false),

	/** A little-endian heap slice. */
	HEAP_SLICE_LITTLE_ENDIAN(BufferKind.HEAP_SLICE_LITTLE_ENDIAN, false),

	/** A read-only heap buffer, which has no accessible array. */
	READ_ONLY_HEAP(BufferKind.HEAP_SLICE, true),

	/** A direct buffer. */
	DIRECT(BufferKind.DIRECT, false),

	/** A little-endian direct buffer. */
	DIRECT_LITTLE_ENDIAN(BufferKind.DIRECT_LITTLE_ENDIAN, false),

	/** A direct slice. */
	DIRECT_SLICE(BufferKind.DIRECT_SLICE, false);

	private final BufferKind kind;

	private final boolean readOnly;

	Feed(BufferKind kind, boolean readOnly) {
		this.kind = kind;
		this.readOnly = readOnly;
	}

	/**
	 * Feeds a chunk to the validator, checking that a buffer is left as it was.
	 * @param validator the validator
	 * @param chunk the bytes
	 * @return what the validator returned
	 */
	boolean feed(Utf8Validator validator, byte[] chunk) {
		if (this.kind == null) {
			byte[] padded = new byte[chunk.length + 2 * BufferKind.PADDING];
			Arrays.fill(padded, (byte) 0xFF);
			System.arraycopy(chunk, 0, padded, BufferKind.PADDING, chunk.length);
			return validator.feed(padded, BufferKind.PADDING, chunk.length);
		}
		ByteBuffer buf = this.kind.around(chunk);
		if (this.readOnly) {
			buf = buf.asReadOnlyBuffer();
		}
		int position = buf.position();
		int limit = buf.limit();
		boolean result = validator.feed(buf);
		assertThat(buf.position()).as("position").isEqualTo(position);
		assertThat(buf.limit()).as("limit").isEqualTo(limit);
		return result;
	}

	/**
	 * Checks that a validator fed the bytes this way agrees with the reference whole, cut
	 * in two at every point, byte by byte, and cut at random points: each feed fails
	 * exactly when its chunk holds the first hopeless byte or follows it, and the input
	 * ends complete exactly when it is valid.
	 * @param bytes the input
	 * @param random where the random cuts come from
	 */
	void assertAgreesWithReference(byte[] bytes, Random random) {
		int hopeless = StrictUtf8.indexOfFirstHopelessByte(bytes);
		boolean valid = StrictUtf8.isValid(bytes);
		assertAgreesInChunks(bytes, new int[] { bytes.length }, hopeless, valid);
		for (int cut = 0; cut <= bytes.length; cut++) {
			assertAgreesInChunks(bytes, new int[] { cut, bytes.length }, hopeless, valid);
		}
		int[] everyByte = new int[bytes.length];
		Arrays.setAll(everyByte, (i) -> i + 1);
		assertAgreesInChunks(bytes, everyByte, hopeless, valid);
		int[] randomCuts = random.ints(random.nextInt(6), 0, bytes.length + 1).sorted().toArray();
		int[] ends = Arrays.copyOf(randomCuts, randomCuts.length + 1);
		ends[randomCuts.length] = bytes.length;
		assertAgreesInChunks(bytes, ends, hopeless, valid);
	}

	private void assertAgreesInChunks(byte[] bytes, int[] ends, int hopeless, boolean valid) {
		Utf8Validator validator = new Utf8Validator();
		int from = 0;
		for (int to : ends) {
			boolean expected = hopeless == StrictUtf8.NONE || hopeless >= to;
			int chunkStart = from;
			assertThat(feed(validator, Arrays.copyOfRange(bytes, from, to)))
				.as(() -> String.format("%s feeding [%d, %d) of %s, cut at %s", this, chunkStart, to, hex(bytes),
						Arrays.toString(ends)))
				.isEqualTo(expected);
			assertThat(validator.hasFailed()).isEqualTo(!expected);
			from = to;
		}
		assertThat(validator.isComplete()).as(() -> this + " complete after " + hex(bytes)).isEqualTo(valid);
	}

	private static String hex(byte[] bytes) {
		return HexFormat.ofDelimiter(" ").formatHex(bytes);
	}

}
