package dev.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.wsboot.protocol.extension.DeflatePool;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.frame.Opcode;
import org.jspecify.annotations.Nullable;

/**
 * A message encoded once into its frames, to be sent to many sessions without encoding it
 * again: the unit of a broadcast. Immutable and safe to share between threads.
 */
public final class PreparedMessage {

	/**
	 * Fragment size for prepared messages: large, so that a broadcast is one write per
	 * session.
	 */
	private static final int FRAGMENT_SIZE = 1 << 20;

	private final boolean text;

	private final int frameCount;

	private final ByteBuffer frames;

	private final int payloadLength;

	/** The payload alone, kept for compressing once for every receiver that allows it. */
	private final ByteBuffer payload;

	private volatile boolean compressionTried;

	private volatile @Nullable ByteBuffer compressedFrames;

	private PreparedMessage(boolean text, byte[] payload, int offset, int length) {
		this.text = text;
		this.payloadLength = length;
		this.payload = ByteBuffer.wrap(payload, offset, length).asReadOnlyBuffer();
		this.frameCount = OutboundFrames.frameCount(length, FRAGMENT_SIZE);
		this.frames = OutboundFrames.encode(text ? Opcode.TEXT : Opcode.BINARY, 0, this.payload, FRAGMENT_SIZE)
			.asReadOnlyBuffer();
	}

	/**
	 * Prepares a text message.
	 * @param text the message
	 * @return the prepared message
	 */
	public static PreparedMessage text(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		return new PreparedMessage(true, bytes, 0, bytes.length);
	}

	/**
	 * Prepares a binary message. The bytes are copied.
	 * @param data the message, from its position to its limit; the position is not moved
	 * @return the prepared message
	 */
	public static PreparedMessage binary(ByteBuffer data) {
		byte[] bytes = new byte[data.remaining()];
		data.duplicate().get(bytes);
		return new PreparedMessage(false, bytes, 0, bytes.length);
	}

	boolean isText() {
		return this.text;
	}

	int frameCount() {
		return this.frameCount;
	}

	int payloadLength() {
		return this.payloadLength;
	}

	/**
	 * Returns the message compressed on its own (no context), encoded into frames with
	 * RSV1, made once for every session whose permessage-deflate terms allow it.
	 * @param pool where to borrow a compressor
	 * @return a view of the compressed frames, or {@code null} when compressing does not
	 * shrink it
	 */
	@Nullable ByteBuffer compressedFrames(DeflatePool pool) {
		if (!this.compressionTried) {
			synchronized (this) {
				if (!this.compressionTried) {
					ByteBuffer compressed = PerMessageDeflate.compressStandalone(this.payload.duplicate(), pool);
					if (compressed != null) {
						this.compressedFrames = OutboundFrames
							.encode(this.text ? Opcode.TEXT : Opcode.BINARY, 0x40, compressed, FRAGMENT_SIZE)
							.asReadOnlyBuffer();
					}
					this.compressionTried = true;
				}
			}
		}
		ByteBuffer compressed = this.compressedFrames;
		return (compressed != null) ? compressed.duplicate() : null;
	}

	/**
	 * Returns a view of the encoded frames with its own position, ready to be written.
	 * @return a read-only view
	 */
	ByteBuffer frames() {
		return this.frames.duplicate();
	}

}
