package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.close.CloseCodes;
import dev.wsboot.protocol.extension.Extension.PayloadSink;

/**
 * Decompresses messages as RFC 7692 section 7.2.2 describes: raw DEFLATE, with the
 * {@code 00 00 FF FF} the sender stripped put back after the message's last byte. Output
 * goes to the sink a chunk of at most {@value #CHUNK_SIZE} bytes at a time, as it is
 * produced, so that a sink that refuses more (a size limit) stops a decompression bomb
 * one chunk past the limit. Its LZ77 window carries over from one message to the next
 * until {@link #reset()}. Holds an {@link Inflater}, some 7 KiB of native memory and 32
 * KiB more once it has inflated anything, and the chunk, until {@link #end()}. Not
 * thread-safe.
 * <p>
 * A stream that is not valid DEFLATE fails with close code 1007: the payload does not
 * match what its RSV1 bit claims, as with text that is not UTF-8. RFC 7692 names no code;
 * Jetty answers 1007 as well. A message cut off inside a block goes unnoticed, since an
 * {@link Inflater} does not tell where blocks end: the message is what could be decoded
 * and, with context takeover, the next message's bytes are read as the rest of the block,
 * which most likely fails it.
 */
final class Decompressor {

	/** The most bytes handed to the sink at once. */
	static final int CHUNK_SIZE = 8192;

	private static final byte[] NO_INPUT = {};

	private final Inflater inflater = new Inflater(true);

	private final byte[] chunk = new byte[CHUNK_SIZE];

	/**
	 * Inflates the next bytes of a message. Bytes that follow a block with BFINAL set
	 * (RFC 7692 section 7.2.3.4) end the stream and are skipped.
	 * @param part the bytes, consumed by this call unless the sink throws
	 * @param out receives the inflated bytes
	 * @throws ProtocolException with close code 1007 if the bytes are not valid DEFLATE;
	 * or whatever the sink throws, after which nothing more is inflated
	 */
	void inflate(ByteBuffer part, PayloadSink out) {
		this.inflater.setInput(part);
		try {
			while (!this.inflater.finished()) {
				int inflated = this.inflater.inflate(this.chunk);
				if (inflated > 0) {
					out.accept(ByteBuffer.wrap(this.chunk, 0, inflated));
				}
				else if (this.inflater.needsInput()) {
					break;
				}
				else if (!this.inflater.finished()) {
					// Raw DEFLATE has no preset dictionary; nothing else stops zlib
					// while it has both input and room for output.
					throw corrupt("needs a preset dictionary");
				}
			}
			part.position(part.limit());
		}
		catch (DataFormatException ex) {
			throw corrupt(ex.getMessage());
		}
		finally {
			// Let go of the caller's buffer, which an Inflater holds until its next
			// input.
			this.inflater.setInput(NO_INPUT);
		}
	}

	/**
	 * Ends a message: inflates the tail its sender stripped. A stream that ended with a
	 * BFINAL block is over, so the next message starts a new one.
	 * @param out receives the inflated bytes, if the tail completes any
	 * @throws ProtocolException as {@link #inflate} does
	 */
	void endMessage(PayloadSink out) {
		inflate(ByteBuffer.wrap(Compressor.TAIL), out);
		if (this.inflater.finished()) {
			this.inflater.reset();
		}
	}

	/** Forgets the window, so that the next message must stand on its own. */
	void reset() {
		this.inflater.reset();
	}

	/** Frees the native state; the decompressor cannot be used after. */
	void end() {
		this.inflater.end();
	}

	private static ProtocolException corrupt(String detail) {
		return new ProtocolException(CloseCodes.INVALID_PAYLOAD_DATA, "Invalid compressed data: " + detail);
	}

}
