package dev.wsboot.protocol.message;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.close.CloseStatus;

/**
 * Receives the whole messages and control frames a {@link MessageAssembler} delivers. A
 * buffer handed to a method holds the bytes from its position to its limit and, unless
 * {@link #onBinary} says the listener owns it, is valid only during the call: it may be
 * the connection's read buffer, reused for the next read, so the listener copies whatever
 * it keeps. The listener may move the buffer's position but must not write to it.
 */
public interface MessageListener {

	/**
	 * Called with a complete text message.
	 * @param utf8 the message, valid UTF-8
	 */
	void onText(ByteBuffer utf8);

	/**
	 * Called with a complete binary message.
	 * @param data the message
	 * @param owned whether the listener may keep {@code data} after the call, and write
	 * to it, without a copy: {@code true} when the assembler gathered the message into a
	 * heap buffer of its own (a message of several frames or reads, or a decompressed
	 * one) and let go of it; {@code false} when it is a view of the input, valid only
	 * during the call
	 */
	void onBinary(ByteBuffer data, boolean owned);

	/**
	 * Called with a ping, as soon as it arrives, even between the fragments of a message.
	 * @param payload the ping's payload, at most 125 bytes
	 */
	void onPing(ByteBuffer payload);

	/**
	 * Called with a pong, as soon as it arrives, even between the fragments of a message.
	 * @param payload the pong's payload, at most 125 bytes
	 */
	void onPong(ByteBuffer payload);

	/**
	 * Called with the peer's close frame. No message is delivered after it.
	 * @param status the decoded code and reason; code 1005 if the frame had no payload
	 */
	void onClose(CloseStatus status);

}
