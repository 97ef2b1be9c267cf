package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The kinds of buffer protocol code must handle alike. Each holds the given content
 * between its position and its limit, with padding of {@code 0xFF} bytes on both sides
 * and, for slices, a non-zero offset into the memory behind it: code that strays outside
 * position and limit, or forgets the array offset, reads or writes the padding.
 */
public enum BufferKind {

	/** A heap buffer wrapping an array. */
	HEAP(false, false, ByteOrder.BIG_ENDIAN),

	/** A heap slice: its array offset is not zero. */
	HEAP_SLICE(false, true, ByteOrder.BIG_ENDIAN),

	/** A little-endian heap slice. */
	HEAP_SLICE_LITTLE_ENDIAN(false, true, ByteOrder.LITTLE_ENDIAN),

	/** A direct buffer. */
	DIRECT(true, false, ByteOrder.BIG_ENDIAN),

	/** A little-endian direct buffer. */
	DIRECT_LITTLE_ENDIAN(true, false, ByteOrder.LITTLE_ENDIAN),

	/** A direct slice. */
	DIRECT_SLICE(true, true, ByteOrder.BIG_ENDIAN);

	/** Padding on each side of the content. */
	public static final int PADDING = 5;

	private final boolean direct;

	private final boolean slice;

	private final ByteOrder order;

	BufferKind(boolean direct, boolean slice, ByteOrder order) {
		this.direct = direct;
		this.slice = slice;
		this.order = order;
	}

	/**
	 * Returns a buffer of this kind holding a copy of the content from its position to
	 * its limit.
	 * @param content the content
	 * @return a new buffer, padded on both sides
	 */
	public ByteBuffer around(byte[] content) {
		int total = 2 * PADDING + content.length;
		ByteBuffer whole = this.direct ? ByteBuffer.allocateDirect(total) : ByteBuffer.allocate(total);
		byte[] padded = new byte[total];
		Arrays.fill(padded, (byte) 0xFF);
		System.arraycopy(content, 0, padded, PADDING, content.length);
		whole.put(padded).clear();
		ByteBuffer buf = whole;
		int start = PADDING;
		if (this.slice) {
			buf = whole.position(2).slice();
			start -= 2;
		}
		buf.order(this.order);
		buf.limit(start + content.length).position(start);
		return buf;
	}

	/**
	 * Returns the bytes of a buffer from its position to its limit, leaving it as it was.
	 * @param buf a buffer
	 * @return a copy of its content
	 */
	public static byte[] content(ByteBuffer buf) {
		byte[] bytes = new byte[buf.remaining()];
		buf.get(buf.position(), bytes);
		return bytes;
	}

	/**
	 * Returns whether the padding of a buffer made by {@link #around(byte[])}, before its
	 * position and from its limit on, is intact.
	 * @param buf the buffer
	 * @return {@code true} if every padding byte is still {@code 0xFF}
	 */
	public static boolean paddingIntact(ByteBuffer buf) {
		ByteBuffer all = buf.duplicate().clear();
		for (int i = 0; i < all.capacity(); i++) {
			boolean padding = i < buf.position() || i >= buf.limit();
			if (padding && all.get(i) != (byte) 0xFF) {
				return false;
			}
		}
		return true;
	}

}
