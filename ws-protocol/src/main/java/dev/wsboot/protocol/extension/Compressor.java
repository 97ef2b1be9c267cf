package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses whole messages as RFC 7692 section 7.2.1 describes: raw DEFLATE, flushed
 * with {@link Deflater#SYNC_FLUSH} so the message ends on a byte boundary, without the
 * {@code 00 00 FF FF} the flush ends with. Its LZ77 window carries over from one message
 * to the next until {@link #reset()}. Holds a {@link Deflater}, about 256 KiB of native
 * memory at the default memory level, until {@link #end()}. Not thread-safe.
 */
final class Compressor {

	/** The empty stored block a sync flush ends with, which RFC 7692 strips. */
	static final byte[] TAIL = { 0, 0, (byte) 0xFF, (byte) 0xFF };

	private static final byte[] NO_INPUT = {};

	// A little under Integer.MAX_VALUE, the largest array every JVM allocates.
	private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

	private final Deflater deflater;

	/**
	 * Creates a compressor and the native state behind it.
	 * @param level the {@link Deflater} level, 1 to 9
	 */
	Compressor(int level) {
		this.deflater = new Deflater(level, true);
	}

	/**
	 * Compresses a message, unless the result would be longer than wanted.
	 * @param message the payload, consumed when compressed, left as it was otherwise
	 * @param maxLength the longest compressed payload worth having, for example one less
	 * than the message's length
	 * @return the compressed payload, at most {@code maxLength} bytes; or {@code null} if
	 * it would be longer, in which case the compressor is reset, since the peer will
	 * never see the bytes its window now holds; {@code null} for an empty message too,
	 * which cannot shrink, and for which zlib flushes nothing after an earlier flush
	 */
	ByteBuffer compress(ByteBuffer message, int maxLength) {
		if (!message.hasRemaining()) {
			return null;
		}
		int start = message.position();
		// Output that fills this much is, less the tail, longer than maxLength.
		int giveUpAt = (int) Math.min((long) maxLength + TAIL.length + 1, MAX_ARRAY_LENGTH);
		byte[] out = new byte[Math.min(giveUpAt, 64 + message.remaining() / 4)];
		int produced = 0;
		this.deflater.setInput(message);
		try {
			while (true) {
				produced += this.deflater.deflate(out, produced, out.length - produced, Deflater.SYNC_FLUSH);
				if (produced < out.length) {
					// A flush that leaves room has written all it had (Deflater#deflate).
					break;
				}
				if (out.length == giveUpAt) {
					this.deflater.reset();
					message.position(start);
					return null;
				}
				out = Arrays.copyOf(out, (int) Math.min(2L * out.length, giveUpAt));
			}
		}
		finally {
			// Let go of the caller's buffer, which a Deflater holds until its next input.
			this.deflater.setInput(NO_INPUT);
		}
		if (!Arrays.equals(out, produced - TAIL.length, produced, TAIL, 0, TAIL.length)) {
			throw new IllegalStateException("Sync flush did not end with 00 00 FF FF");
		}
		return ByteBuffer.wrap(out, 0, produced - TAIL.length);
	}

	/** Forgets the window, so that the next message is compressed on its own. */
	void reset() {
		this.deflater.reset();
	}

	/** Frees the native state; the compressor cannot be used after. */
	void end() {
		this.deflater.end();
	}

}
