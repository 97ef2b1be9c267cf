package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Ways the bytes of a connection arrive: all at once, one byte per read, or in reads of
 * random sizes. Each read is a {@link BufferKind} buffer of its own, padded on both
 * sides, so that a parser reading or writing outside position and limit shows.
 */
public enum Reads {

	/** One read holds everything. */
	WHOLE,

	/** Each read holds one byte. */
	BYTE_BY_BYTE,

	/** Reads of random sizes, in buffers of every kind. */
	RANDOM_SPLITS;

	private static final BufferKind[] KINDS = BufferKind.values();

	/**
	 * Splits bytes into reads.
	 * @param bytes the bytes the peer sent
	 * @param random the source of split points and buffer kinds, for
	 * {@link #RANDOM_SPLITS}
	 * @return the reads, in order
	 */
	public List<ByteBuffer> split(byte[] bytes, Random random) {
		List<ByteBuffer> reads = new ArrayList<>();
		int from = 0;
		while (from < bytes.length) {
			int size = switch (this) {
				case WHOLE -> bytes.length;
				case BYTE_BY_BYTE -> 1;
				case RANDOM_SPLITS -> 1 + random.nextInt(random.nextBoolean() ? 16 : 1 + bytes.length / 3);
			};
			size = Math.min(size, bytes.length - from);
			BufferKind kind = (this == RANDOM_SPLITS) ? KINDS[random.nextInt(KINDS.length)] : BufferKind.HEAP;
			reads.add(read(bytes, from, size, kind));
			from += size;
		}
		return reads;
	}

	/**
	 * Splits bytes into reads and hands each to a reader.
	 * @param bytes the bytes the peer sent
	 * @param random the source of split points and buffer kinds, for
	 * {@link #RANDOM_SPLITS}
	 * @param reader takes each read
	 */
	public void feed(byte[] bytes, Random random, Consumer<ByteBuffer> reader) {
		split(bytes, random).forEach(reader);
	}

	/**
	 * Returns one read holding some of the bytes.
	 * @param bytes the bytes
	 * @param from the first byte of the read
	 * @param size the number of bytes
	 * @param kind the kind of buffer
	 * @return the read, from its position to its limit
	 */
	public static ByteBuffer read(byte[] bytes, int from, int size, BufferKind kind) {
		byte[] content = new byte[size];
		System.arraycopy(bytes, from, content, 0, size);
		return kind.around(content);
	}

}
