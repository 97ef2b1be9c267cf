package dev.wsboot.protocol.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a server must make of a stream of client frames, read straight from RFC 6455
 * section 5 with no extension negotiated: the messages and control frames delivered, in
 * order, then either the close code the stream is failed with, or whether a message or a
 * control frame is left half-read when the stream ends. Written for clarity, not speed,
 * and independent of the code under test.
 */
final class FrameReference {

	private static final int NONE = -1;

	private FrameReference() {
	}

	/**
	 * Reads a stream of frames sent by a client.
	 * @param stream the bytes
	 * @param maxFrameSize the largest data frame payload accepted
	 * @param maxMessageSize the largest message accepted
	 * @return what the stream comes to
	 */
	static Result read(byte[] stream, int maxFrameSize, int maxMessageSize) {
		List<Event> events = new ArrayList<>();
		int at = 0;
		boolean closed = false;
		int messageOpcode = NONE;
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		while (true) {
			if (stream.length - at < 2) {
				return new Result(events, 0, messageOpcode == NONE);
			}
			int b0 = stream[at] & 0xFF;
			int b1 = stream[at + 1] & 0xFF;
			boolean fin = (b0 & 0x80) != 0;
			int rsv = b0 & 0x70;
			int opcode = b0 & 0x0F;
			boolean masked = (b1 & 0x80) != 0;
			int code = b1 & 0x7F;
			int headerLength = 2;
			long length = code;
			if (code == 126) {
				if (stream.length - at < 4) {
					return new Result(events, 0, messageOpcode == NONE);
				}
				length = ((stream[at + 2] & 0xFF) << 8) | (stream[at + 3] & 0xFF);
				if (length < 126) {
					return new Result(events, 1002, false);
				}
				headerLength = 4;
			}
			else if (code == 127) {
				if (stream.length - at < 10) {
					return new Result(events, 0, messageOpcode == NONE);
				}
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | (stream[at + 2 + i] & 0xFF);
				}
				if (length < 0 || length <= 0xFFFF) {
					return new Result(events, 1002, false);
				}
				headerLength = 10;
			}
			byte[] maskKey = new byte[4];
			if (masked) {
				if (stream.length - at < headerLength + 4) {
					return new Result(events, 0, messageOpcode == NONE);
				}
				System.arraycopy(stream, at + headerLength, maskKey, 0, 4);
				headerLength += 4;
			}
			at += headerLength;
			int available = (int) Math.min(length, stream.length - at);
			byte[] payload = Arrays.copyOfRange(stream, at, at + available);
			for (int i = 0; i < payload.length; i++) {
				payload[i] ^= maskKey[i & 3];
			}
			at += available;
			boolean complete = available == length;
			if (closed) {
				// Nothing the client sends after its close frame counts.
				if (!complete) {
					return new Result(events, 0, true);
				}
				continue;
			}
			// Section 5.1: a client masks every frame.
			if (!masked || rsv != 0 || !isDefined(opcode)) {
				return new Result(events, 1002, false);
			}
			if (opcode >= 8) {
				// Section 5.5: control frames are short and never fragmented.
				if (!fin || length > 125) {
					return new Result(events, 1002, false);
				}
				if (!complete) {
					return new Result(events, 0, messageOpcode == NONE && available == 0);
				}
				if (opcode == 8) {
					int error = closeError(payload);
					if (error != 0) {
						return new Result(events, error, false);
					}
					events.add(new Event(opcode, payload));
					closed = true;
					messageOpcode = NONE;
					message.reset();
				}
				else {
					events.add(new Event(opcode, payload));
				}
				continue;
			}
			// Section 5.4: fragments of one message, not interleaved with another.
			if (opcode == 0 && messageOpcode == NONE) {
				return new Result(events, 1002, false);
			}
			if (opcode != 0 && messageOpcode != NONE) {
				return new Result(events, 1002, false);
			}
			if (length > maxFrameSize || message.size() + length > maxMessageSize) {
				return new Result(events, 1009, false);
			}
			if (opcode != 0) {
				messageOpcode = opcode;
			}
			message.writeBytes(payload);
			// Section 8.1: fail as soon as text can no longer be UTF-8.
			if (messageOpcode == 1) {
				byte[] text = message.toByteArray();
				if (!Utf8Reference.canBecomeValid(text, text.length)) {
					return new Result(events, 1007, false);
				}
			}
			if (!complete) {
				return new Result(events, 0, false);
			}
			if (fin) {
				byte[] whole = message.toByteArray();
				if (messageOpcode == 1 && !Utf8Reference.isValid(whole)) {
					return new Result(events, 1007, false);
				}
				events.add(new Event(messageOpcode, whole));
				messageOpcode = NONE;
				message.reset();
			}
		}
	}

	private static boolean isDefined(int opcode) {
		return opcode <= 2 || (opcode >= 8 && opcode <= 10);
	}

	/** Section 5.5.1 and 7.4: the close code a close payload is refused with, or 0. */
	static int closeError(byte[] payload) {
		if (payload.length == 0) {
			return 0;
		}
		if (payload.length == 1) {
			return 1002;
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		boolean valid = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
				|| (code >= 3000 && code <= 4999);
		if (!valid) {
			return 1002;
		}
		return Utf8Reference.isValid(Arrays.copyOfRange(payload, 2, payload.length)) ? 0 : 1007;
	}

	/**
	 * A message or control frame delivered.
	 *
	 * @param opcode 1 for text, 2 for binary, 8 for close, 9 for ping, 10 for pong
	 * @param payload the message or the control frame's payload; for a close, the code
	 * and reason as sent, empty for 1005
	 */
	record Event(int opcode, byte[] payload) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Event event && event.opcode == this.opcode
					&& Arrays.equals(event.payload, this.payload);
		}

		@Override
		public int hashCode() {
			return 31 * this.opcode + Arrays.hashCode(this.payload);
		}

		@Override
		public String toString() {
			String text = (this.payload.length > 40)
					? new String(this.payload, 0, 40, StandardCharsets.ISO_8859_1) + "...(" + this.payload.length + ")"
					: new String(this.payload, StandardCharsets.ISO_8859_1);
			return this.opcode + ":" + text;
		}

	}

	/**
	 * What a stream comes to.
	 *
	 * @param events the messages and control frames delivered, in order
	 * @param closeCode the close code the stream is failed with, or 0 if it is not
	 * @param idle whether the stream ends between messages, with no control frame payload
	 * part-read; meaningless when failed
	 */
	record Result(List<Event> events, int closeCode, boolean idle) {

	}

}
