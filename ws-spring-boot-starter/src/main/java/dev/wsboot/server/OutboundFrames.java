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

	/**
	 * Payloads at least this long are written from where they are, behind a header of
	 * their own, rather than copied behind it: from here on the copy (and the zeroing of
	 * the buffer it goes into) costs more than a second buffer in the gathering write.
	 */
	static final int GATHER_THRESHOLD = 8 * 1024;

	/**
	 * Most frames of a message written from its payload in place; a message cut into more
	 * (a small auto-fragment size) is copied, to keep the write's buffer count small.
	 */
	private static final int MAX_GATHERED_FRAMES = 256;

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
	 * Encodes a message, without copying a large payload: its frames are headers
	 * interleaved with slices of the payload, to be written with one gathering write.
	 * @param opcode {@link Opcode#TEXT} or {@link Opcode#BINARY}
	 * @param rsv the RSV bits of the first frame (an extension's), usually 0
	 * @param payload the message's bytes, from position to limit, which must not change
	 * until they are written; the position is not moved
	 * @param fragmentSize the largest frame payload to send
	 * @return buffers ready to be written in order, holding every frame
	 */
	static ByteBuffer[] frames(int opcode, int rsv, ByteBuffer payload, int fragmentSize) {
		int length = payload.remaining();
		int frames = frameCount(length, fragmentSize);
		if (length < GATHER_THRESHOLD || frames > MAX_GATHERED_FRAMES) {
			return new ByteBuffer[] { encode(opcode, rsv, payload, fragmentSize) };
		}
		int offset = payload.position();
		ByteBuffer[] buffers = new ByteBuffer[2 * frames];
		for (int i = 0; i < frames; i++) {
			boolean last = i == frames - 1;
			int start = i * fragmentSize;
			int size = last ? length - start : fragmentSize;
			ByteBuffer header = ByteBuffer.allocate(FrameEncoder.headerLength(size, false));
			FrameEncoder.writeHeader(header, last, (i == 0) ? rsv : 0, (i == 0) ? opcode : Opcode.CONTINUATION, size,
					false, 0);
			buffers[2 * i] = header.flip();
			buffers[2 * i + 1] = payload.duplicate().limit(offset + start + size).position(offset + start);
		}
		return buffers;
	}

	/**
	 * Encodes a message into one buffer.
	 * @param opcode {@link Opcode#TEXT} or {@link Opcode#BINARY}
	 * @param rsv the RSV bits of the first frame (an extension's), usually 0
	 * @param payload the message's bytes, from position to limit; the position is not
	 * moved
	 * @param fragmentSize the largest frame payload to send
	 * @return a buffer ready to be written, holding every frame
	 */
	static ByteBuffer encode(int opcode, int rsv, ByteBuffer payload, int fragmentSize) {
		int length = payload.remaining();
		int offset = payload.position();
		int frames = frameCount(length, fragmentSize);
		if (frames == 1) {
			ByteBuffer out = ByteBuffer.allocate(FrameEncoder.headerLength(length, false) + length);
			FrameEncoder.writeHeader(out, true, rsv, opcode, length, false, 0);
			return out.put(payload.duplicate()).flip();
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
			out.put(payload.duplicate().limit(offset + i * fragmentSize + size).position(offset + i * fragmentSize));
		}
		return out.flip();
	}

	/**
	 * Returns whether some frames point to direct memory, rather than only to arrays of
	 * their own: a payload written from where it is.
	 * @param frames the frames
	 * @return whether any of the buffers is direct
	 */
	static boolean refersToDirect(ByteBuffer[] frames) {
		for (ByteBuffer frame : frames) {
			if (frame.isDirect()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Copies the bytes left to write in some buffers into one buffer of their own, for
	 * frames that must wait but point to memory that is only lent.
	 * @param frames the frames; their positions are not moved
	 * @return the copy, ready to be written
	 */
	static ByteBuffer[] copy(ByteBuffer[] frames) {
		ByteBuffer copy = ByteBuffer.allocate(Math.toIntExact(remaining(frames)));
		for (ByteBuffer frame : frames) {
			copy.put(frame.duplicate());
		}
		return new ByteBuffer[] { copy.flip() };
	}

	/**
	 * Returns the bytes left to write in some buffers.
	 * @param buffers the buffers
	 * @return the sum of their remaining bytes
	 */
	static long remaining(ByteBuffer[] buffers) {
		long remaining = 0;
		for (ByteBuffer buffer : buffers) {
			remaining += buffer.remaining();
		}
		return remaining;
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
