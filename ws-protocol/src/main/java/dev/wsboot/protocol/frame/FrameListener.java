package dev.wsboot.protocol.frame;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.ProtocolException;

/**
 * Receives the frames a {@link FrameParser} reads, as events: for each frame one
 * {@link #onFrameHeader header}, zero or more {@link #onFramePayload payload} parts and
 * one {@link #onFrameEnd end}. The parser checks the frame's structure only; policy
 * (which opcodes, masks and RSV bits are allowed, size limits) is the listener's, which
 * rejects a frame by throwing a {@link ProtocolException} from any of these methods.
 */
public interface FrameListener {

	/**
	 * Called when a frame's header has been read, before any of its payload.
	 * @param fin whether the FIN bit is set
	 * @param rsv the RSV bits as they are in the frame's first byte ({@code 0x70} masks
	 * all three)
	 * @param opcode the opcode, 0 to 15, defined or not (see {@link Opcode})
	 * @param masked whether the frame is masked
	 * @param payloadLength the payload's length in bytes, 0 to {@link Long#MAX_VALUE}
	 * @throws ProtocolException to reject the frame
	 */
	void onFrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength);

	/**
	 * Called with the next part of the current frame's payload, already unmasked. The
	 * parts of a frame add up to its payload length; a part is never empty, so a frame
	 * with an empty payload has no part.
	 * @param payload the bytes from the buffer's position to its limit. It is the
	 * parser's input buffer, its limit narrowed to the part, and is valid only during the
	 * call: the listener may read it and move its position, but must not keep it or write
	 * outside the part; the parser restores position and limit afterwards.
	 * @throws ProtocolException to reject the frame
	 */
	void onFramePayload(ByteBuffer payload);

	/**
	 * Called when the current frame's payload is complete, right after its last part, or
	 * right after its header for a frame with an empty payload.
	 * @throws ProtocolException to reject the frame
	 */
	void onFrameEnd();

}
