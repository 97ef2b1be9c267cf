package dev.wsboot.demo.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A frame as a test client sends it, with no rule enforced: any opcode, any RSV bits,
 * fragmented or oversized control frames, unmasked frames, or a declared length that
 * differs from the payload. {@link #toBytes()} encodes it exactly as described.
 *
 * @param fin the FIN bit
 * @param rsv the RSV bits as a number from 0 to 7 (RSV1 is 4, RSV2 is 2, RSV3 is 1)
 * @param opcode the opcode, 0 to 15
 * @param payload the application data, unmasked
 * @param masked whether to mask the payload (a client must)
 * @param declaredLength the payload length written into the header, or -1 for the
 * payload's real length
 */
record OutFrame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, long declaredLength) {

	static final int CONTINUATION = 0x0;

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int PONG = 0xA;

	static OutFrame of(int opcode, byte[] payload) {
		return new OutFrame(true, 0, opcode, payload, true, -1);
	}

	static OutFrame text(String text) {
		return of(TEXT, utf8(text));
	}

	static OutFrame text(byte[] payload) {
		return of(TEXT, payload);
	}

	static OutFrame binary(byte[] payload) {
		return of(BINARY, payload);
	}

	static OutFrame continuation(byte[] payload) {
		return of(CONTINUATION, payload);
	}

	static OutFrame continuation(String text) {
		return of(CONTINUATION, utf8(text));
	}

	static OutFrame ping(byte[] payload) {
		return of(PING, payload);
	}

	static OutFrame ping(String payload) {
		return of(PING, utf8(payload));
	}

	static OutFrame pong(byte[] payload) {
		return of(PONG, payload);
	}

	/** A close frame with no payload at all. */
	static OutFrame close() {
		return of(CLOSE, new byte[0]);
	}

	/** A close frame with a code (any 16-bit value) and a reason given as raw bytes. */
	static OutFrame close(int code, byte[] reason) {
		byte[] payload = new byte[2 + reason.length];
		payload[0] = (byte) (code >>> 8);
		payload[1] = (byte) code;
		System.arraycopy(reason, 0, payload, 2, reason.length);
		return of(CLOSE, payload);
	}

	static OutFrame close(int code) {
		return close(code, new byte[0]);
	}

	OutFrame fin(boolean fin) {
		return new OutFrame(fin, this.rsv, this.opcode, this.payload, this.masked, this.declaredLength);
	}

	OutFrame rsv(int rsv) {
		return new OutFrame(this.fin, rsv, this.opcode, this.payload, this.masked, this.declaredLength);
	}

	OutFrame unmasked() {
		return new OutFrame(this.fin, this.rsv, this.opcode, this.payload, false, this.declaredLength);
	}

	/**
	 * Returns this frame with another length in its header, for frames whose payload is
	 * sent later or never.
	 */
	OutFrame declaredLength(long declaredLength) {
		return new OutFrame(this.fin, this.rsv, this.opcode, this.payload, this.masked, declaredLength);
	}

	/** Returns how many bytes the header takes. */
	int headerLength() {
		long length = (this.declaredLength >= 0) ? this.declaredLength : this.payload.length;
		int size = (length <= 125) ? 2 : (length <= 0xFFFF) ? 4 : 10;
		return this.masked ? size + 4 : size;
	}

	/**
	 * Encodes the frame: header, masking key (a fresh random one) and payload, masked
	 * when the frame is.
	 */
	byte[] toBytes() {
		long length = (this.declaredLength >= 0) ? this.declaredLength : this.payload.length;
		ByteArrayOutputStream out = new ByteArrayOutputStream(this.payload.length + 14);
		out.write((this.fin ? 0x80 : 0) | ((this.rsv & 0x7) << 4) | (this.opcode & 0xF));
		int maskBit = this.masked ? 0x80 : 0;
		if (length <= 125) {
			out.write(maskBit | (int) length);
		}
		else if (length <= 0xFFFF) {
			out.write(maskBit | 126);
			out.write((int) (length >>> 8));
			out.write((int) length);
		}
		else {
			out.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				out.write((int) (length >>> shift));
			}
		}
		if (!this.masked) {
			out.writeBytes(this.payload);
			return out.toByteArray();
		}
		byte[] key = new byte[4];
		ThreadLocalRandom.current().nextBytes(key);
		out.writeBytes(key);
		byte[] masked = new byte[this.payload.length];
		for (int i = 0; i < masked.length; i++) {
			masked[i] = (byte) (this.payload[i] ^ key[i & 3]);
		}
		out.writeBytes(masked);
		return out.toByteArray();
	}

	@Override
	public String toString() {
		long length = (this.declaredLength >= 0) ? this.declaredLength : this.payload.length;
		return Opcodes.name(this.opcode) + (this.fin ? "" : " fin=0") + ((this.rsv != 0) ? " rsv=" + this.rsv : "")
				+ (this.masked ? "" : " unmasked") + " " + length + "B"
				+ ((this.declaredLength >= 0) ? " (declared, " + this.payload.length + "B given)" : "");
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Encodes frames back to back, as one stream of bytes. */
	static byte[] concat(OutFrame... frames) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (OutFrame frame : frames) {
			out.writeBytes(frame.toBytes());
		}
		return out.toByteArray();
	}

}
