package dev.wsboot.server;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.Opcode;

/**
 * Encodes whole outgoing messages into server frames (never masked), splitting those
 * larger than the auto-fragment size into a first frame and continuations, all in one
 * buffer so that one write can carry them.
 */
final class OutboundFrames {

	private OutboundFrames() {
	}

	/**
	 * Returns how many frames a message of the given length is sent as.
	 * @param payloadLength the message's length
	 * @param fragmentSize the auto-fragment size
	 * @return at least 1
	 */
	static int frameCount(int payloadLength, int fragmentSize) {
		return (payloadLength <= fragmentSize) ? 1 : (payloadLength + fragmentSize - 1) / fragmentSize;
	}

	/**
	 * Encodes a message.
	 * @param opcode {@link Opcode#TEXT} or {@link Opcode#BINARY}
	 * @param rsv the RSV bits of the first frame (an extension's), usually 0
	 * @param payload the message's bytes
	 * @param offset where they start
	 * @param length how many there are
	 * @param fragmentSize the largest frame payload to send
	 * @return a buffer ready to be written, holding every frame
	 */
	static ByteBuffer encode(int opcode, int rsv, byte[] payload, int offset, int length, int fragmentSize) {
		int frames = frameCount(length, fragmentSize);
		if (frames == 1) {
			ByteBuffer out = ByteBuffer.allocate(FrameEncoder.headerLength(length, false) + length);
			FrameEncoder.writeHeader(out, true, rsv, opcode, length, false, 0);
			return out.put(payload, offset, length).flip();
		}
		int full = FrameEncoder.headerLength(fragmentSize, false);
		int lastLength = length - (frames - 1) * fragmentSize;
		ByteBuffer out = ByteBuffer
			.allocate((frames - 1) * full + FrameEncoder.headerLength(lastLength, false) + length);
		for (int i = 0; i < frames; i++) {
			boolean last = i == frames - 1;
			int size = last ? lastLength : fragmentSize;
			FrameEncoder.writeHeader(out, last, (i == 0) ? rsv : 0, (i == 0) ? opcode : Opcode.CONTINUATION, size,
					false, 0);
			out.put(payload, offset + i * fragmentSize, size);
		}
		return out.flip();
	}

	/**
	 * Encodes a control frame.
	 * @param opcode {@link Opcode#CLOSE}, {@link Opcode#PING} or {@link Opcode#PONG}
	 * @param payload at most 125 bytes, from position to limit; the position is not moved
	 * @return a buffer ready to be written
	 */
	static ByteBuffer control(int opcode, ByteBuffer payload) {
		int length = payload.remaining();
		ByteBuffer out = ByteBuffer.allocate(2 + length);
		FrameEncoder.writeHeader(out, true, 0, opcode, length, false, 0);
		return out.put(payload.duplicate()).flip();
	}

}
