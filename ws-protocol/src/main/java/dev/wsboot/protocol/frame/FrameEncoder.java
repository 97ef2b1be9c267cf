package dev.wsboot.protocol.frame;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

import dev.wsboot.protocol.Role;

/**
 * Writes frames (RFC 6455 section 5.2): the header in its shortest length form, then the
 * payload, masked with a fresh key per frame when this end is a client. A server's frames
 * are never masked. An instance belongs to one connection and is not thread-safe; the
 * static methods are.
 */
public final class FrameEncoder {

	/** The longest payload a control frame may carry (section 5.5). */
	private static final int MAX_CONTROL_PAYLOAD = 125;

	private final boolean masking;

	private final RandomGenerator maskKeys;

	/**
	 * Creates an encoder for one end of a connection. A client takes its mask keys from a
	 * {@link SecureRandom}, as section 5.3 asks for unpredictable keys.
	 * @param role the end this encoder writes for
	 */
	public FrameEncoder(Role role) {
		this(role, (role == Role.CLIENT) ? new SecureRandom() : null);
	}

	/**
	 * Creates an encoder for one end of a connection, with the source of its mask keys.
	 * @param role the end this encoder writes for
	 * @param maskKeys where a client's mask keys come from, one {@code nextInt()} per
	 * frame; unused, and may be {@code null}, for a server
	 */
	public FrameEncoder(Role role, RandomGenerator maskKeys) {
		this.masking = role == Role.CLIENT;
		this.maskKeys = this.masking ? Objects.requireNonNull(maskKeys, "maskKeys") : null;
	}

	/**
	 * Returns the length of a frame's header.
	 * @param payloadLength the payload's length
	 * @param masked whether the frame is masked
	 * @return 2 to 14
	 * @throws IllegalArgumentException if the length is negative
	 */
	public static int headerLength(long payloadLength, boolean masked) {
		if (payloadLength < 0) {
			throw new IllegalArgumentException("Payload length must not be negative: " + payloadLength);
		}
		int lengthBytes = (payloadLength < 126) ? 0 : (payloadLength <= 0xFFFF) ? 2 : 8;
		return 2 + lengthBytes + (masked ? 4 : 0);
	}

	/**
	 * Writes a frame's header at the buffer's position, advancing it by
	 * {@link #headerLength(long, boolean)}. The length takes the shortest of the 7, 16
	 * and 64-bit forms. Any opcode may be written, reserved ones included, so that tests
	 * can write what a peer should not.
	 * @param dst where to write
	 * @param fin whether the FIN bit is set
	 * @param rsv the RSV bits as they are in the first byte, within {@code 0x70}
	 * @param opcode the opcode, 0 to 15
	 * @param payloadLength the payload's length
	 * @param masked whether the frame is masked
	 * @param maskKey the mask key, its most significant byte first on the wire; ignored
	 * unless {@code masked}
	 * @throws IllegalArgumentException if a value is out of range, or for a control frame
	 * that is fragmented or longer than 125 bytes
	 * @throws BufferOverflowException if {@code dst} has less room than the header needs,
	 * in which case nothing is written
	 */
	public static void writeHeader(ByteBuffer dst, boolean fin, int rsv, int opcode, long payloadLength, boolean masked,
			int maskKey) {
		checkFrame(fin, rsv, opcode, payloadLength);
		if (dst.remaining() < headerLength(payloadLength, masked)) {
			throw new BufferOverflowException();
		}
		putHeader(dst, fin, rsv, opcode, payloadLength, masked, maskKey);
	}

	private static void putHeader(ByteBuffer dst, boolean fin, int rsv, int opcode, long payloadLength, boolean masked,
			int maskKey) {
		dst.put((byte) ((fin ? 0x80 : 0) | rsv | opcode));
		int maskBit = masked ? 0x80 : 0;
		if (payloadLength < 126) {
			dst.put((byte) (maskBit | (int) payloadLength));
		}
		else if (payloadLength <= 0xFFFF) {
			dst.put((byte) (maskBit | 126));
			dst.put((byte) (payloadLength >>> 8));
			dst.put((byte) payloadLength);
		}
		else {
			dst.put((byte) (maskBit | 127));
			for (int shift = 56; shift >= 0; shift -= 8) {
				dst.put((byte) (payloadLength >>> shift));
			}
		}
		if (masked) {
			for (int shift = 24; shift >= 0; shift -= 8) {
				dst.put((byte) (maskKey >>> shift));
			}
		}
	}

	/**
	 * Writes a whole frame at the buffer's position: the header, then the payload, masked
	 * if this end is a client. {@code dst} must have room for
	 * {@code headerLength(payload.remaining(), masked) + payload.remaining()} bytes.
	 * @param dst where to write; its position advances past the frame
	 * @param fin whether the FIN bit is set
	 * @param rsv the RSV bits as they are in the first byte, within {@code 0x70}
	 * @param opcode the opcode, 0 to 15
	 * @param payload the payload, from its position to its limit; its position is not
	 * moved, and its contents are not changed (masking works on the copy in {@code dst})
	 * @throws IllegalArgumentException if a value is out of range, or for a control frame
	 * that is fragmented or longer than 125 bytes
	 * @throws BufferOverflowException if {@code dst} has less room than the frame needs,
	 * in which case nothing is written
	 */
	public void encode(ByteBuffer dst, boolean fin, int rsv, int opcode, ByteBuffer payload) {
		int length = payload.remaining();
		checkFrame(fin, rsv, opcode, length);
		if (dst.remaining() < headerLength(length, this.masking) + length) {
			throw new BufferOverflowException();
		}
		int maskKey = this.masking ? this.maskKeys.nextInt() : 0;
		putHeader(dst, fin, rsv, opcode, length, this.masking, maskKey);
		int from = dst.position();
		dst.put(from, payload, payload.position(), length);
		if (this.masking) {
			Masking.mask(dst, from, from + length, maskKey, 0);
		}
		dst.position(from + length);
	}

	/**
	 * Encodes a whole frame, without RSV bits, into a new buffer of exactly its size.
	 * @param fin whether the FIN bit is set
	 * @param opcode the opcode, 0 to 15
	 * @param payload the payload, from its position to its limit; its position is not
	 * moved
	 * @return the frame, from position 0 to its limit, ready to be written
	 * @throws IllegalArgumentException if a value is out of range, or for a control frame
	 * that is fragmented or longer than 125 bytes
	 */
	public ByteBuffer encode(boolean fin, int opcode, ByteBuffer payload) {
		int length = payload.remaining();
		ByteBuffer frame = ByteBuffer.allocate(headerLength(length, this.masking) + length);
		encode(frame, fin, 0, opcode, payload);
		return frame.flip();
	}

	private static void checkFrame(boolean fin, int rsv, int opcode, long payloadLength) {
		if ((rsv & ~0x70) != 0) {
			throw new IllegalArgumentException("RSV bits must be within 0x70, not 0x" + Integer.toHexString(rsv));
		}
		if ((opcode & ~0x0F) != 0) {
			throw new IllegalArgumentException("Opcode must be 0 to 15, not " + opcode);
		}
		if (Opcode.isControl(opcode)) {
			if (!fin) {
				throw new IllegalArgumentException(Opcode.name(opcode) + " frame must not be fragmented");
			}
			if (payloadLength > MAX_CONTROL_PAYLOAD) {
				throw new IllegalArgumentException(Opcode.name(opcode) + " frame payload of " + payloadLength
						+ " bytes is over " + MAX_CONTROL_PAYLOAD);
			}
		}
	}

}
