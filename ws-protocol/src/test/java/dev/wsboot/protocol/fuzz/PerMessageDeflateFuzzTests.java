package dev.wsboot.protocol.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.extension.Extension;
import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.extension.PerMessageDeflateNegotiation;
import dev.wsboot.protocol.extension.PerMessageDeflateParameters;
import dev.wsboot.protocol.handshake.HandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes permessage-deflate where a peer controls the input: the payload of a compressed
 * message, and the offers of a handshake.
 */
class PerMessageDeflateFuzzTests {

	/** The most bytes {@link PerMessageDeflate#decode} hands its sink at once. */
	private static final int PIECE = 8192;

	private static final PerMessageDeflateConfig KEEP_CONTEXT = new PerMessageDeflateConfig(true, false, false, 0, 6);

	/**
	 * Decodes the stream of a {@link Chunked} input as one compressed message, in its
	 * chunks and whole, under the message limit the parameter picks from
	 * {@link FrameFuzzTests#LIMITS} (times 64, so that limits up to 4 MiB are met). Both
	 * must come to the same bytes, or both fail: with 1007 for a stream that is not
	 * DEFLATE or 1009 past the limit, which of the two depending on the cuts, since an
	 * inflater that meets corrupt data drops what it inflated in the same call. No other
	 * exception may escape. The sink must never get a piece over 8 KiB, nor more than one
	 * piece past the limit, and every chunk must be consumed.
	 */
	@FuzzTest
	void fuzzInflate(byte[] input) {
		Chunked chunked = Chunked.of(input);
		long limit = 64L * FrameFuzzTests.LIMITS[chunked.parameter() & 0x0F];
		Outcome inChunks = inflate(chunked.buffers(), limit);
		Outcome whole = inflate(List.of(chunked.whole()), limit);
		if (inChunks.bytes() != null || whole.bytes() != null) {
			assertThat(inChunks).as("in chunks, against whole").isEqualTo(whole);
		}
	}

	/**
	 * Negotiates the offers of a header value read as ISO-8859-1. When the server accepts
	 * one, its response must be one a client that offered the same takes, with the same
	 * terms.
	 */
	@FuzzTest
	void fuzzNegotiation(byte[] input) {
		List<ExtensionOffer> offers;
		try {
			offers = ExtensionOffer.parse(new String(input, StandardCharsets.ISO_8859_1));
		}
		catch (HandshakeException ex) {
			return;
		}
		for (PerMessageDeflateConfig config : List.of(KEEP_CONTEXT, PerMessageDeflateConfig.DEFAULTS)) {
			PerMessageDeflateParameters terms = PerMessageDeflateNegotiation.negotiate(offers, config);
			if (terms != null) {
				List<ExtensionOffer> response = ExtensionOffer.parse(terms.toHeaderValue());
				assertThat(PerMessageDeflateNegotiation.accept(response, KEEP_CONTEXT)).isEqualTo(terms);
			}
		}
	}

	private static Outcome inflate(List<ByteBuffer> parts, long limit) {
		PerMessageDeflate extension = PerMessageDeflate.create(Role.SERVER,
				new PerMessageDeflateParameters(false, false, 0, 0), KEEP_CONTEXT, null);
		LimitedSink sink = new LimitedSink(limit);
		try {
			for (int i = 0; i < parts.size(); i++) {
				ByteBuffer part = parts.get(i);
				extension.decode(part, i == parts.size() - 1, sink);
				assertThat(part.hasRemaining()).as("part %d consumed", i).isFalse();
			}
			return new Outcome(sink.bytes(), 0);
		}
		catch (ProtocolException ex) {
			assertThat(ex.closeCode()).isIn(1007, 1009);
			return new Outcome(null, ex.closeCode());
		}
		finally {
			extension.release();
			assertThat(sink.total).isLessThanOrEqualTo(limit + PIECE);
		}
	}

	/**
	 * What decoding came to.
	 *
	 * @param bytes the decoded bytes, or {@code null} if it failed
	 * @param closeCode the close code it failed with, or 0
	 */
	private record Outcome(byte[] bytes, int closeCode) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Outcome that && Arrays.equals(this.bytes, that.bytes)
					&& this.closeCode == that.closeCode;
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(this.bytes) + this.closeCode;
		}

		@Override
		public String toString() {
			return (this.bytes != null) ? this.bytes.length + " bytes" : "close " + this.closeCode;
		}

	}

	/** Keeps what it gets, up to a limit past which it throws 1009, as the assembler. */
	private static final class LimitedSink implements Extension.PayloadSink {

		private final long limit;

		private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

		private long total;

		LimitedSink(long limit) {
			this.limit = limit;
		}

		@Override
		public void accept(ByteBuffer piece) {
			assertThat(piece.remaining()).isBetween(1, PIECE);
			this.total += piece.remaining();
			if (this.total > this.limit) {
				throw new ProtocolException(1009, "Over " + this.limit);
			}
			byte[] bytes = new byte[piece.remaining()];
			piece.get(bytes);
			this.kept.writeBytes(bytes);
		}

		byte[] bytes() {
			return this.kept.toByteArray();
		}

	}

}
