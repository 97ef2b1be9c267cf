package dev.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.wsboot.protocol.frame.Opcode;

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

	private PreparedMessage(boolean text, byte[] payload, int offset, int length) {
		this.text = text;
		this.frameCount = OutboundFrames.frameCount(length, FRAGMENT_SIZE);
		this.frames = OutboundFrames
			.encode(text ? Opcode.TEXT : Opcode.BINARY, 0, payload, offset, length, FRAGMENT_SIZE)
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

	/**
	 * Returns a view of the encoded frames with its own position, ready to be written.
	 * @return a read-only view
	 */
	ByteBuffer frames() {
		return this.frames.duplicate();
	}

}
