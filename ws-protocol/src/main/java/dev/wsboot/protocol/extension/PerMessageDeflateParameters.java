package dev.wsboot.protocol.extension;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.extension.ExtensionOffer.Parameter;

/**
 * The terms of a negotiated permessage-deflate (RFC 7692 section 7): what each side
 * promised about the LZ77 window its compressed messages refer to. A server sends them in
 * its response; a client reads them from it.
 *
 * @param serverNoContextTakeover whether the server compresses each message with a fresh
 * window, so that the client may forget the window between messages
 * @param clientNoContextTakeover whether the client compresses each message with a fresh
 * window, so that the server may forget the window between messages
 * @param serverMaxWindowBits the base-two logarithm of the farthest the server's messages
 * reach back, 8 to 15, or 0 when the terms do not state it, which means 15
 * @param clientMaxWindowBits the same for the client's messages, or 0 when not stated
 */
public record PerMessageDeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
		int serverMaxWindowBits, int clientMaxWindowBits) {

	/** The window of DEFLATE (RFC 1951), 32 KiB, and the largest either side may use. */
	static final int MAX_WINDOW_BITS = 15;

	/** The smallest window RFC 7692 lets a side ask for, 256 bytes. */
	static final int MIN_WINDOW_BITS = 8;

	/**
	 * Creates the terms.
	 * @param serverNoContextTakeover whether the server compresses each message with a
	 * fresh window
	 * @param clientNoContextTakeover whether the client compresses each message with a
	 * fresh window
	 * @param serverMaxWindowBits 8 to 15, or 0 for not stated
	 * @param clientMaxWindowBits 8 to 15, or 0 for not stated
	 * @throws IllegalArgumentException if a window size is out of range
	 */
	public PerMessageDeflateParameters {
		checkWindowBits("server_max_window_bits", serverMaxWindowBits);
		checkWindowBits("client_max_window_bits", clientMaxWindowBits);
	}

	/**
	 * Returns the terms as a {@code Sec-WebSocket-Extensions} element.
	 * @return the element, with the parameters that are set, in the order of RFC 7692
	 * section 7.1
	 */
	public ExtensionOffer toExtensionOffer() {
		List<Parameter> parameters = new ArrayList<>(4);
		if (this.serverNoContextTakeover) {
			parameters.add(new Parameter(PerMessageDeflateNegotiation.SERVER_NO_CONTEXT_TAKEOVER, null));
		}
		if (this.clientNoContextTakeover) {
			parameters.add(new Parameter(PerMessageDeflateNegotiation.CLIENT_NO_CONTEXT_TAKEOVER, null));
		}
		if (this.serverMaxWindowBits != 0) {
			parameters.add(new Parameter(PerMessageDeflateNegotiation.SERVER_MAX_WINDOW_BITS,
					Integer.toString(this.serverMaxWindowBits)));
		}
		if (this.clientMaxWindowBits != 0) {
			parameters.add(new Parameter(PerMessageDeflateNegotiation.CLIENT_MAX_WINDOW_BITS,
					Integer.toString(this.clientMaxWindowBits)));
		}
		return new ExtensionOffer(PerMessageDeflate.NAME, parameters);
	}

	/**
	 * Returns the terms as a {@code Sec-WebSocket-Extensions} header value.
	 * @return for example {@code permessage-deflate; server_no_context_takeover}
	 */
	public String toHeaderValue() {
		return toExtensionOffer().toHeaderValue();
	}

	private static void checkWindowBits(String name, int bits) {
		if (bits != 0 && (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS)) {
			throw new IllegalArgumentException(name + " must be 8 to 15, or 0 for not stated: " + bits);
		}
	}

}
