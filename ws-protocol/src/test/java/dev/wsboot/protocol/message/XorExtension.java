package dev.wsboot.protocol.message;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.wsboot.protocol.extension.Extension;

/**
 * A test-only extension: a message whose first frame carries its RSV bits is XORed with
 * 0x80, and each byte decodes into {@code expansion} bytes, handed to the sink one input
 * byte at a time. Records how it was called.
 */
final class XorExtension implements Extension {

	private final int rsvBits;

	private final int expansion;

	int decodeCalls;

	int lastParts;

	int piecesOut;

	boolean released;

	XorExtension(int rsvBits) {
		this(rsvBits, 1);
	}

	XorExtension(int rsvBits, int expansion) {
		this.rsvBits = rsvBits;
		this.expansion = expansion;
	}

	static byte[] xor(byte[] bytes) {
		byte[] xored = new byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			xored[i] = (byte) (bytes[i] ^ 0x80);
		}
		return xored;
	}

	@Override
	public String name() {
		return "x-xor";
	}

	@Override
	public int rsvBits() {
		return this.rsvBits;
	}

	@Override
	public String headerValue() {
		return name();
	}

	@Override
	public void decode(ByteBuffer part, boolean last, PayloadSink out) {
		this.decodeCalls++;
		if (last) {
			this.lastParts++;
		}
		while (part.hasRemaining()) {
			byte[] piece = new byte[this.expansion];
			Arrays.fill(piece, (byte) (part.get() ^ 0x80));
			this.piecesOut++;
			out.accept(ByteBuffer.wrap(piece));
		}
	}

	@Override
	public ByteBuffer encode(ByteBuffer message) {
		byte[] bytes = new byte[message.remaining()];
		message.get(bytes);
		return ByteBuffer.wrap(xor(bytes));
	}

	@Override
	public void release() {
		this.released = true;
	}

}
