package dev.wsboot.protocol.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames byte by byte, as a peer would, whatever the rules say: the oracle the
 * assembler's tests feed, independent of the encoder under test.
 */
final class TestFrames {

	static final int FIN = 0x80;

	static final int RSV1 = 0x40;

	private static final byte[] MASK_KEY = { 0x11, 0x22, 0x33, 0x44 };

	private TestFrames() {
	}

	/**
	 * Writes a frame masked with a fixed key, as a client sends it.
	 * @param firstByte FIN, RSV and opcode, for example {@code 0x81}
	 * @param payload the payload
	 * @return the frame
	 */
	static byte[] masked(int firstByte, byte[] payload) {
		return frame(firstByte, true, payload);
	}

	/**
	 * Writes an unmasked frame, as a server sends it.
	 * @param firstByte FIN, RSV and opcode, for example {@code 0x81}
	 * @param payload the payload
	 * @return the frame
	 */
	static byte[] unmasked(int firstByte, byte[] payload) {
		return frame(firstByte, false, payload);
	}

	static byte[] frame(int firstByte, boolean masked, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(firstByte);
		int maskBit = masked ? 0x80 : 0;
		long length = payload.length;
		if (length < 126) {
			out.write(maskBit | (int) length);
		}
		else if (length < 65536) {
			out.write(maskBit | 126);
			writeBigEndian(out, length, 2);
		}
		else {
			out.write(maskBit | 127);
			writeBigEndian(out, length, 8);
		}
		if (masked) {
			out.writeBytes(MASK_KEY);
		}
		for (int i = 0; i < payload.length; i++) {
			out.write(masked ? payload[i] ^ MASK_KEY[i % 4] : payload[i]);
		}
		return out.toByteArray();
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
		for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
			out.write((int) (value >>> shift));
		}
	}

}
