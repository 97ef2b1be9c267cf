package dev.wsboot.protocol.close;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.text.Utf8Validator;

/**
 * Why a connection closed: a close code and a reason, as carried by a close frame (RFC
 * 6455 section 5.5.1). The payload of a close frame is either empty or the code, two
 * bytes in network order, followed by the reason in UTF-8; a control frame's payload is
 * at most 125 bytes, so the reason is at most {@value #MAX_REASON_BYTES} bytes.
 * <p>
 * Besides the codes a close frame may carry ({@link CloseCodes#isTransmittable(int)}), a
 * status may hold one of the codes that stand for what happened to the connection: 1005
 * (no code received), 1006 (closed without a close frame) and 1015 (TLS handshake
 * failed). Those encode as an empty payload, so that echoing the status of a close frame
 * that carried no code sends a close frame that carries none.
 *
 * @param code the close code
 * @param reason the reason, at most {@value #MAX_REASON_BYTES} bytes in UTF-8; empty when
 * there is none
 */
public record CloseStatus(int code, String reason) {

	/** The most bytes a reason may take in UTF-8: 125 less the two bytes of the code. */
	public static final int MAX_REASON_BYTES = 123;

	/** 1000, no reason. */
	public static final CloseStatus NORMAL = new CloseStatus(CloseCodes.NORMAL, "");

	/** 1001, no reason. */
	public static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "");

	/** 1002, no reason. */
	public static final CloseStatus PROTOCOL_ERROR = new CloseStatus(CloseCodes.PROTOCOL_ERROR, "");

	/** 1003, no reason. */
	public static final CloseStatus UNSUPPORTED_DATA = new CloseStatus(CloseCodes.UNSUPPORTED_DATA, "");

	/** 1005, the status of a close frame that carried no code. */
	public static final CloseStatus NO_STATUS_RECEIVED = new CloseStatus(CloseCodes.NO_STATUS_RECEIVED, "");

	/** 1006, the status of a connection that closed without a close frame. */
	public static final CloseStatus ABNORMAL_CLOSURE = new CloseStatus(CloseCodes.ABNORMAL_CLOSURE, "");

	/** 1007, no reason. */
	public static final CloseStatus INVALID_PAYLOAD_DATA = new CloseStatus(CloseCodes.INVALID_PAYLOAD_DATA, "");

	/** 1008, no reason. */
	public static final CloseStatus POLICY_VIOLATION = new CloseStatus(CloseCodes.POLICY_VIOLATION, "");

	/** 1009, no reason. */
	public static final CloseStatus MESSAGE_TOO_BIG = new CloseStatus(CloseCodes.MESSAGE_TOO_BIG, "");

	/** 1010, no reason. */
	public static final CloseStatus MANDATORY_EXTENSION = new CloseStatus(CloseCodes.MANDATORY_EXTENSION, "");

	/** 1011, no reason. */
	public static final CloseStatus INTERNAL_ERROR = new CloseStatus(CloseCodes.INTERNAL_ERROR, "");

	/** 1012, no reason. */
	public static final CloseStatus SERVICE_RESTART = new CloseStatus(CloseCodes.SERVICE_RESTART, "");

	/** 1013, no reason. */
	public static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(CloseCodes.TRY_AGAIN_LATER, "");

	/**
	 * Creates a status.
	 * @param code a code that may be sent ({@link CloseCodes#isTransmittable(int)}), or
	 * 1005, 1006 or 1015
	 * @param reason the reason, at most {@value #MAX_REASON_BYTES} bytes in UTF-8, or
	 * {@code null} for none
	 * @throws IllegalArgumentException if the code is neither, or the reason too long
	 * @see #of(int, String)
	 */
	public CloseStatus {
		if (!CloseCodes.isTransmittable(code) && !isLocal(code)) {
			throw new IllegalArgumentException("Invalid close code " + code);
		}
		reason = (reason != null) ? reason : "";
		int reasonBytes = reason.getBytes(StandardCharsets.UTF_8).length;
		if (reasonBytes > MAX_REASON_BYTES) {
			throw new IllegalArgumentException(
					"Close reason of " + reasonBytes + " bytes is longer than " + MAX_REASON_BYTES);
		}
	}

	/**
	 * Creates a status, shortening the reason to its longest prefix that takes at most
	 * {@value #MAX_REASON_BYTES} bytes in UTF-8 and ends on a whole character.
	 * @param code a code that may be sent ({@link CloseCodes#isTransmittable(int)}), or
	 * 1005, 1006 or 1015
	 * @param reason the reason, of any length, or {@code null} for none
	 * @return the status
	 * @throws IllegalArgumentException if the code is neither
	 */
	public static CloseStatus of(int code, String reason) {
		return new CloseStatus(code, truncate(reason));
	}

	/**
	 * Reads the payload of a close frame received from the peer. The buffer is left as it
	 * was.
	 * @param payload the payload, unmasked, from the buffer's position to its limit
	 * @return the status; {@link #NO_STATUS_RECEIVED} for an empty payload
	 * @throws ProtocolException with close code 1002 if the payload is 1 byte or longer
	 * than 125 bytes (which the frame layer normally rejects first), or if the code may
	 * not be sent; with close code 1007 if the reason is not valid UTF-8
	 */
	public static CloseStatus decode(ByteBuffer payload) {
		int length = payload.remaining();
		if (length == 0) {
			return NO_STATUS_RECEIVED;
		}
		if (length == 1 || length > 2 + MAX_REASON_BYTES) {
			throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "Close frame payload of " + length + " bytes");
		}
		int at = payload.position();
		// Network order, whatever the buffer's order.
		int code = ((payload.get(at) & 0xFF) << 8) | (payload.get(at + 1) & 0xFF);
		if (!CloseCodes.isValidOnWire(code)) {
			throw new ProtocolException(CloseCodes.PROTOCOL_ERROR, "Invalid close code " + code);
		}
		byte[] reason = new byte[length - 2];
		payload.get(at + 2, reason);
		if (!Utf8Validator.isValid(ByteBuffer.wrap(reason))) {
			throw new ProtocolException(CloseCodes.INVALID_PAYLOAD_DATA, "Close reason is not valid UTF-8");
		}
		return new CloseStatus(code, new String(reason, StandardCharsets.UTF_8));
	}

	/**
	 * Returns the length of the close frame payload {@link #encode(ByteBuffer)} writes.
	 * @return 0 for 1005, 1006 and 1015; otherwise 2 plus the reason's length in UTF-8
	 */
	public int encodedLength() {
		return isLocal(this.code) ? 0 : 2 + this.reason.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * Writes the payload of a close frame for this status at the buffer's position,
	 * advancing it: the code in network order, then the reason in UTF-8. Nothing is
	 * written for 1005, 1006 and 1015, which must not be sent. Unpaired surrogates in the
	 * reason are written as {@code '?'}.
	 * @param dst the buffer, of any byte order
	 * @throws BufferOverflowException if fewer than {@link #encodedLength()} bytes
	 * remain, in which case nothing is written
	 */
	public void encode(ByteBuffer dst) {
		if (isLocal(this.code)) {
			return;
		}
		byte[] reasonBytes = this.reason.getBytes(StandardCharsets.UTF_8);
		if (dst.remaining() < 2 + reasonBytes.length) {
			throw new BufferOverflowException();
		}
		dst.put((byte) (this.code >>> 8)).put((byte) this.code).put(reasonBytes);
	}

	/**
	 * Returns the payload of a close frame for this status, as
	 * {@link #encode(ByteBuffer)} writes it.
	 * @return a new array; empty for 1005, 1006 and 1015
	 */
	public byte[] toPayload() {
		ByteBuffer payload = ByteBuffer.allocate(encodedLength());
		encode(payload);
		return payload.array();
	}

	/**
	 * Returns the code followed by the reason, if any.
	 * @return for example {@code 1000 Bye}, or {@code 1000} when there is no reason
	 */
	@Override
	public String toString() {
		return this.reason.isEmpty() ? Integer.toString(this.code) : this.code + " " + this.reason;
	}

	/** Codes that record what happened to a connection, never sent in a close frame. */
	private static boolean isLocal(int code) {
		return code == CloseCodes.NO_STATUS_RECEIVED || code == CloseCodes.ABNORMAL_CLOSURE
				|| code == CloseCodes.TLS_HANDSHAKE_FAILED;
	}

	private static String truncate(String reason) {
		if (reason == null) {
			return "";
		}
		byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= MAX_REASON_BYTES) {
			return reason;
		}
		// bytes is well-formed UTF-8, so a character starts at every byte that is not a
		// continuation byte (10xxxxxx): back up to the start of the character that does
		// not fit.
		int end = MAX_REASON_BYTES;
		while ((bytes[end] & 0xC0) == 0x80) {
			end--;
		}
		return new String(bytes, 0, end, StandardCharsets.UTF_8);
	}

}
