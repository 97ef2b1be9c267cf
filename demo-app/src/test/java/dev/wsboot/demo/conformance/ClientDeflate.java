package dev.wsboot.demo.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import dev.wsboot.demo.conformance.Conversation.CaseFailure;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.extension.ExtensionOffer.Parameter;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.extension.PerMessageDeflateNegotiation;
import dev.wsboot.protocol.extension.PerMessageDeflateParameters;
import org.jspecify.annotations.Nullable;

/**
 * The client's side of permessage-deflate (RFC 7692) in a conformance case, played as
 * Autobahn|Testsuite's client plays it. It judges the server's answer to the offer, then
 * compresses every message it sends, even one that deflate cannot shrink (as
 * autobahn-python does), keeping to the context and window rules of the answer, and
 * inflates the server's compressed messages with {@code ws-protocol}'s client-role
 * {@link PerMessageDeflate} made from the answer: a server that compressed with context
 * takeover after promising {@code server_no_context_takeover} fails to inflate.
 * <p>
 * A window limit below 15 bits is kept by compressing each piece of 2<sup>N</sup> bytes
 * with a fresh {@link Deflater} (the JDK's cannot be given a smaller window): each
 * piece's output ends with a sync flush and no BFINAL, so the pieces make one DEFLATE
 * stream whose references never reach outside their piece.
 */
final class ClientDeflate implements AutoCloseable {

	private static final byte[] TAIL = { 0x00, 0x00, (byte) 0xff, (byte) 0xff };

	private final PerMessageDeflateParameters terms;

	private final ExtensionOffer answered;

	private final int windowLimit;

	private final boolean freshWindow;

	private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

	private final PerMessageDeflate inflating;

	private final byte[] buffer = new byte[16384];

	private ClientDeflate(PerMessageDeflateParameters terms, ExtensionOffer answered, int clientWindowBits) {
		this.terms = terms;
		this.answered = answered;
		this.windowLimit = (clientWindowBits < 15) ? 1 << clientWindowBits : Integer.MAX_VALUE;
		this.freshWindow = terms.clientNoContextTakeover();
		this.inflating = PerMessageDeflate.create(Role.CLIENT, terms,
				new PerMessageDeflateConfig(true, false, false, 0, 6), null);
	}

	/**
	 * Judges the server's answer to an offer and returns the client's side of the
	 * extension it agreed to.
	 * @param offerHeader the {@code Sec-WebSocket-Extensions} value offered
	 * @param answer the values of the 101 response's {@code Sec-WebSocket-Extensions}
	 * @return the extension
	 * @throws CaseFailure if the server declined every offer or answered in a way RFC
	 * 7692 does not allow for any of them
	 */
	static ClientDeflate negotiate(String offerHeader, List<String> answer) {
		List<ExtensionOffer> offers = ExtensionOffer.parse(offerHeader);
		List<ExtensionOffer> accepted = new ArrayList<>();
		for (String value : answer) {
			try {
				accepted.addAll(ExtensionOffer.parse(value));
			}
			catch (RuntimeException ex) {
				throw CaseFailure.failed("the 101 response's Sec-WebSocket-Extensions is not valid: " + value);
			}
		}
		if (accepted.isEmpty()) {
			throw CaseFailure.failed("the server declined the permessage-deflate offer (" + offerHeader
					+ "), which Autobahn reports as UNIMPLEMENTED; this suite expects it accepted");
		}
		PerMessageDeflateParameters terms;
		try {
			// Checks names, repetitions and values of the answer's parameters.
			terms = PerMessageDeflateNegotiation.accept(accepted,
					new PerMessageDeflateConfig(true, false, false, 0, 6));
		}
		catch (RuntimeException ex) {
			throw CaseFailure.failed("the server's answer " + answer + " is not valid: " + ex.getMessage());
		}
		ExtensionOffer element = accepted.get(0);
		List<String> reasons = new ArrayList<>();
		for (ExtensionOffer offer : offers) {
			String reason = mismatch(offer, element, terms);
			if (reason == null) {
				int windowBits = (terms.clientMaxWindowBits() != 0) ? terms.clientMaxWindowBits() : 15;
				String hint = value(offer, "client_max_window_bits");
				if (hint != null) {
					windowBits = Math.min(windowBits, Integer.parseInt(hint));
				}
				return new ClientDeflate(terms, offer, windowBits);
			}
			reasons.add(offer.toHeaderValue() + ": " + reason);
		}
		throw CaseFailure.failed("the server's answer '" + element.toHeaderValue()
				+ "' does not accept any offer as RFC 7692 section 7 requires: " + String.join("; ", reasons));
	}

	/**
	 * Returns why an answer cannot accept an offer (RFC 7692 section 7.1), or
	 * {@code null} if it can.
	 */
	private static @Nullable String mismatch(ExtensionOffer offer, ExtensionOffer answer,
			PerMessageDeflateParameters terms) {
		if (has(offer, "server_no_context_takeover") && !terms.serverNoContextTakeover()) {
			return "server_no_context_takeover was offered but not answered (7.1.1.1)";
		}
		String serverBits = value(offer, "server_max_window_bits");
		if (serverBits != null
				&& (terms.serverMaxWindowBits() == 0 || terms.serverMaxWindowBits() > Integer.parseInt(serverBits))) {
			return "server_max_window_bits=" + serverBits
					+ " was offered but the answer has no server_max_window_bits of at most that (7.1.2.1)";
		}
		if (has(answer, "client_max_window_bits")) {
			if (!has(offer, "client_max_window_bits")) {
				return "client_max_window_bits answered but not offered (7.1.2.2)";
			}
			String hint = value(offer, "client_max_window_bits");
			if (hint != null && terms.clientMaxWindowBits() > Integer.parseInt(hint)) {
				return "client_max_window_bits answered larger than offered (7.1.2.2)";
			}
		}
		return null;
	}

	private static boolean has(ExtensionOffer element, String name) {
		return element.parameters().stream().anyMatch((p) -> p.name().equals(name));
	}

	private static @Nullable String value(ExtensionOffer element, String name) {
		for (Parameter parameter : element.parameters()) {
			if (parameter.name().equals(name)) {
				return parameter.value();
			}
		}
		return null;
	}

	/**
	 * Returns the agreed terms.
	 * @return the terms, as the client works by them
	 */
	PerMessageDeflateParameters terms() {
		return this.terms;
	}

	/**
	 * Returns the offer the answer accepted (the first compatible one).
	 * @return the offer element
	 */
	ExtensionOffer answered() {
		return this.answered;
	}

	/**
	 * Returns the largest message the server may compress under the window it agreed to:
	 * {@link Integer#MAX_VALUE} without a limit.
	 * @return 2<sup>server_max_window_bits</sup>, or no limit
	 */
	int serverWindow() {
		int bits = this.terms.serverMaxWindowBits();
		return (bits != 0 && bits < 15) ? 1 << bits : Integer.MAX_VALUE;
	}

	/**
	 * Compresses a message for sending with RSV1 set.
	 * @param message the payload
	 * @return the compressed payload, without the final {@code 00 00 ff ff}
	 */
	byte[] compress(byte[] message) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
		boolean windowLimited = this.windowLimit != Integer.MAX_VALUE;
		if (this.freshWindow || windowLimited) {
			this.deflater.reset();
		}
		int chunk = windowLimited ? this.windowLimit : Math.max(message.length, 1);
		int at = 0;
		do {
			if (windowLimited && at > 0) {
				this.deflater.reset();
			}
			int length = Math.min(chunk, message.length - at);
			this.deflater.setInput(message, at, length);
			int written;
			do {
				written = this.deflater.deflate(this.buffer, 0, this.buffer.length, Deflater.SYNC_FLUSH);
				out.write(this.buffer, 0, written);
			}
			while (written == this.buffer.length);
			at += length;
		}
		while (at < message.length);
		byte[] compressed = out.toByteArray();
		if (compressed.length < TAIL.length || !Arrays.equals(compressed, compressed.length - TAIL.length,
				compressed.length, TAIL, 0, TAIL.length)) {
			throw new IllegalStateException("A sync flush did not end with 00 00 ff ff");
		}
		return Arrays.copyOf(compressed, compressed.length - TAIL.length);
	}

	/**
	 * Inflates one frame's payload of a compressed message from the server.
	 * @param part the frame's payload
	 * @param last whether the frame ends the message
	 * @param into where the inflated bytes go
	 * @throws CaseFailure if the payload does not inflate with the agreed terms
	 */
	void inflate(byte[] part, boolean last, ByteArrayOutputStream into) {
		try {
			this.inflating.decode(ByteBuffer.wrap(part), last, (bytes) -> {
				byte[] copy = new byte[bytes.remaining()];
				bytes.get(copy);
				into.writeBytes(copy);
			});
		}
		catch (RuntimeException ex) {
			throw CaseFailure.failed("the server's compressed message does not inflate with the agreed terms ("
					+ this.terms.toHeaderValue() + "): " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.deflater.end();
		this.inflating.release();
	}

}
