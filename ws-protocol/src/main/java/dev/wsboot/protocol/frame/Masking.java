package dev.wsboot.protocol.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * Masks and unmasks payloads (RFC 6455 section 5.3): each payload byte is XORed with a
 * byte of the 4-byte masking key, the key's bytes taken in turn. Masking twice with the
 * same key restores the payload, so the one operation does both.
 * <p>
 * A payload may be masked in pieces, as it arrives: each call starts at a given byte of
 * the key and returns the key byte the next piece starts at. Bytes are XORed eight at a
 * time.
 */
public final class Masking {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

	/**
	 * The most bytes of a direct buffer masked at a time, in an array that fits in L1.
	 */
	private static final int CHUNK = 4096;

	/**
	 * Direct ranges shorter than this are masked where they are: a few calls cost less
	 * than copying them out and back.
	 */
	private static final int SHORT_RANGE = 64;

	private Masking() {
	}

	/**
	 * Masks, in place, the bytes of a buffer between two absolute indices. The buffer's
	 * position and limit are left as they were.
	 * @param buf the buffer; heap or direct, of any byte order
	 * @param from the index of the first byte to mask
	 * @param to the index after the last byte to mask, at most the buffer's limit
	 * @param maskKey the masking key, its most significant byte being the first on the
	 * wire
	 * @param maskOffset the key byte, 0 to 3, that masks the byte at {@code from}
	 * @return the key byte, 0 to 3, that masks the byte after the last one:
	 * {@code (maskOffset + to - from) & 3}
	 * @throws IndexOutOfBoundsException if the range is not within the buffer's limit
	 * @throws IllegalArgumentException if {@code maskOffset} is not 0 to 3
	 * @throws ReadOnlyBufferException if the buffer is read-only
	 */
	public static int mask(ByteBuffer buf, int from, int to, int maskKey, int maskOffset) {
		Objects.checkFromToIndex(from, to, buf.limit());
		if (buf.hasArray()) {
			int base = buf.arrayOffset();
			return mask(buf.array(), base + from, base + to, maskKey, maskOffset);
		}
		if (buf.isReadOnly()) {
			throw new ReadOnlyBufferException();
		}
		if (to - from < SHORT_RANGE) {
			return maskInPlace(buf, from, to, maskKey, maskOffset);
		}
		// Through a small array, in bulk copies: a loop of ByteBuffer.getLong calls ran
		// several times slower in some JDK 17 JVMs than in others, when the JIT compiler
		// declined to inline them (it judges by counts that depend on what ran first).
		byte[] chunk = new byte[Math.min(CHUNK, to - from)];
		int offset = maskOffset;
		for (int i = from; i < to; i += chunk.length) {
			int length = Math.min(chunk.length, to - i);
			buf.get(i, chunk, 0, length);
			offset = mask(chunk, 0, length, maskKey, offset);
			buf.put(i, chunk, 0, length);
		}
		return offset;
	}

	/** Masks a few bytes of a direct buffer where they are, a word at a time. */
	private static int maskInPlace(ByteBuffer buf, int from, int to, int maskKey, int maskOffset) {
		int key = keyFrom(maskKey, maskOffset);
		long repeated = repeat(key, buf.order());
		int i = from;
		for (; i <= to - Long.BYTES; i += Long.BYTES) {
			buf.putLong(i, buf.getLong(i) ^ repeated);
		}
		for (int k = 0; i < to; i++, k++) {
			buf.put(i, (byte) (buf.get(i) ^ keyByte(key, k)));
		}
		return (maskOffset + to - from) & 3;
	}

	/**
	 * Masks, in place, the bytes of an array between two indices.
	 * @param bytes the array
	 * @param from the index of the first byte to mask
	 * @param to the index after the last byte to mask
	 * @param maskKey the masking key, its most significant byte being the first on the
	 * wire
	 * @param maskOffset the key byte, 0 to 3, that masks the byte at {@code from}
	 * @return the key byte, 0 to 3, that masks the byte after the last one:
	 * {@code (maskOffset + to - from) & 3}
	 * @throws IndexOutOfBoundsException if the range is not within the array
	 * @throws IllegalArgumentException if {@code maskOffset} is not 0 to 3
	 */
	public static int mask(byte[] bytes, int from, int to, int maskKey, int maskOffset) {
		Objects.checkFromToIndex(from, to, bytes.length);
		int key = keyFrom(maskKey, maskOffset);
		if (key != 0) {
			long repeated = repeat(key, ByteOrder.nativeOrder());
			int i = from;
			for (; i <= to - Long.BYTES; i += Long.BYTES) {
				LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ repeated);
			}
			for (int k = 0; i < to; i++, k++) {
				bytes[i] ^= keyByte(key, k);
			}
		}
		return (maskOffset + to - from) & 3;
	}

	/**
	 * Returns the key as seen from byte {@code maskOffset} on: rotating it, rather than
	 * masking bytes one at a time up to the key's start, lets whole words be masked from
	 * the first byte.
	 */
	private static int keyFrom(int maskKey, int maskOffset) {
		if ((maskOffset & ~3) != 0) {
			throw new IllegalArgumentException("Mask offset must be 0 to 3, not " + maskOffset);
		}
		return Integer.rotateLeft(maskKey, maskOffset << 3);
	}

	/**
	 * Returns the key twice over, laid out so that a long written in the given order puts
	 * the key's first byte first in memory.
	 */
	private static long repeat(int key, ByteOrder order) {
		int inOrder = (order == ByteOrder.BIG_ENDIAN) ? key : Integer.reverseBytes(key);
		return ((long) inOrder << 32) | (inOrder & 0xFFFFFFFFL);
	}

	private static byte keyByte(int key, int index) {
		return (byte) (key >>> (24 - ((index & 3) << 3)));
	}

}
