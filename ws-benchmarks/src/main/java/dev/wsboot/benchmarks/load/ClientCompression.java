package dev.wsboot.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.extension.DeflatePool;
import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.extension.PerMessageDeflateNegotiation;
import dev.wsboot.protocol.extension.PerMessageDeflateParameters;
import dev.wsboot.protocol.handshake.HttpHeaders;

/**
 * The load tool's side of permessage-deflate (RFC 7692), for every connection of a
 * {@link ClientLoop}: the offer its handshakes make, and the client-role
 * {@link PerMessageDeflate} each connection gets from the server's answer, all from
 * {@code ws-protocol}. Directions without context takeover borrow from one
 * {@link DeflatePool}, as the server does. Also counts what was negotiated and
 * compressed, for the benchmark to check. Loop thread only.
 */
final class ClientCompression implements AutoCloseable {

	/** Offers nothing, and fails a connection whose server accepts an extension. */
	static final PerMessageDeflateConfig NOT_OFFERED = new PerMessageDeflateConfig(false, false, false, 0, 6);

	private final PerMessageDeflateConfig config;

	private final String offer;

	private final DeflatePool pool;

	private PerMessageDeflateParameters negotiated;

	private int negotiations;

	private boolean termsDiffer;

	long compressedSent;

	long compressedReceived;

	/**
	 * Creates the client's side.
	 * @param config what to offer and how to compress, or {@link #NOT_OFFERED}
	 */
	ClientCompression(PerMessageDeflateConfig config) {
		this.config = config;
		ExtensionOffer offer = PerMessageDeflateNegotiation.offer(config);
		this.offer = (offer != null) ? offer.toHeaderValue() : null;
		// One thread compresses at a time: one idle instance of each kind is enough.
		this.pool = new DeflatePool(config.compressionLevel(), 1);
	}

	/**
	 * Returns the {@code Sec-WebSocket-Extensions} value handshakes offer.
	 * @return the offer, or {@code null} for none
	 */
	String offer() {
		return this.offer;
	}

	/**
	 * Reads the server's answer to the offer.
	 * @param response the 101 response's headers
	 * @return the connection's extension, or {@code null} if the server declined
	 * @throws dev.wsboot.protocol.handshake.HandshakeException if the answer is not a
	 * valid acceptance of the offer (or accepts an extension nobody offered)
	 */
	PerMessageDeflate accept(HttpHeaders response) {
		List<ExtensionOffer> accepted = new ArrayList<>();
		for (String value : response.all("Sec-WebSocket-Extensions")) {
			accepted.addAll(ExtensionOffer.parse(value));
		}
		PerMessageDeflateParameters terms = PerMessageDeflateNegotiation.accept(accepted, this.config);
		if (terms == null) {
			return null;
		}
		this.termsDiffer |= this.negotiated != null && !this.negotiated.equals(terms);
		this.negotiated = terms;
		this.negotiations++;
		return PerMessageDeflate.create(Role.CLIENT, terms, this.config, this.pool);
	}

	/**
	 * Returns what the connections agreed on with the server.
	 * @return the terms, or {@code null} if no connection negotiated the extension
	 * @throws IllegalStateException if connections agreed on different terms
	 */
	PerMessageDeflateParameters negotiated() {
		if (this.termsDiffer) {
			throw new IllegalStateException("Connections negotiated different permessage-deflate terms");
		}
		return this.negotiated;
	}

	/**
	 * Returns how many connections negotiated the extension.
	 * @return the count
	 */
	int negotiations() {
		return this.negotiations;
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
