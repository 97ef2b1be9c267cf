package dev.wsboot.protocol.extension;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import dev.wsboot.protocol.BufferKind;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.close.CloseCodes;

/**
 * A sink that counts what it is given and, unless told to only count, keeps it; past a
 * limit it throws 1009 as the message assembler does.
 */
final class CollectingSink implements Extension.PayloadSink {

	private final long limit;

	private final boolean keep;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private long total;

	private int pieces;

	private int largestPiece;

	private CollectingSink(long limit, boolean keep) {
		this.limit = limit;
		this.keep = keep;
	}

	/** Returns a sink that keeps everything. */
	static CollectingSink keeping() {
		return new CollectingSink(Long.MAX_VALUE, true);
	}

	/** Returns a sink that only counts, and throws 1009 once past the limit. */
	static CollectingSink counting(long limit) {
		return new CollectingSink(limit, false);
	}

	@Override
	public void accept(ByteBuffer piece) {
		this.pieces++;
		this.largestPiece = Math.max(this.largestPiece, piece.remaining());
		this.total += piece.remaining();
		if (this.keep) {
			this.bytes.writeBytes(BufferKind.content(piece));
		}
		if (this.total > this.limit) {
			throw new ProtocolException(CloseCodes.MESSAGE_TOO_BIG, "Message longer than " + this.limit);
		}
	}

	byte[] bytes() {
		return this.bytes.toByteArray();
	}

	long total() {
		return this.total;
	}

	int pieces() {
		return this.pieces;
	}

	int largestPiece() {
		return this.largestPiece;
	}

}
