package dev.wsboot.protocol.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.wsboot.protocol.extension.ExtensionOffer.Parameter;
import dev.wsboot.protocol.handshake.HandshakeException;

/**
 * Negotiates permessage-deflate (RFC 7692 section 7) from either side: a server picks an
 * offer and answers it, a client makes an offer and checks the answer. Stateless.
 * <p>
 * Every valid offer can be honoured, including {@code server_max_window_bits} below 15,
 * although the JDK's {@link java.util.zip.Deflater} always uses a 32 KiB window: a
 * message no longer than the window, compressed with a fresh one, cannot refer further
 * back than the window, so {@link PerMessageDeflate} compresses only such messages for a
 * peer that limits the window, and sends longer ones uncompressed, as RFC 7692 lets any
 * message be sent. Limits on the peer's window cost nothing either: an
 * {@link java.util.zip.Inflater} reads any window up to 32 KiB.
 */
public final class PerMessageDeflateNegotiation {

	static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";

	static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";

	static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";

	static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

	// client_max_window_bits given without a value, which only an offer may do.
	private static final int VALUELESS = -1;

	private static final int INVALID = -2;

	private static final Pattern WINDOW_BITS = Pattern.compile("[89]|1[0-5]");

	private PerMessageDeflateNegotiation() {
	}

	/**
	 * Picks the client's first permessage-deflate offer that is valid and returns the
	 * terms to accept it with. An offer is declined, and the next one tried, when it has
	 * a parameter RFC 7692 does not define for offers, a parameter twice, or a value that
	 * is invalid: {@code server_max_window_bits} must be 8 to 15, without leading zeros;
	 * {@code client_max_window_bits} nothing or 8 to 15; the no-context-takeover
	 * parameters nothing.
	 * <p>
	 * The terms keep what the client asks for: {@code server_no_context_takeover} and
	 * {@code server_max_window_bits} are echoed, as accepting them requires. They add
	 * {@code server_no_context_takeover} when the configuration or a window below 15 bits
	 * calls for it, and {@code client_no_context_takeover} when the configuration asks
	 * for it or the client offers it (then it costs the client nothing and lets the
	 * server forget the client's window between messages). They never state
	 * {@code client_max_window_bits}: the server can read any window.
	 * @param offers the client's offers, of any extensions, in its order of preference
	 * @param config the server's configuration
	 * @return the terms to answer with, or {@code null} if the configuration disables the
	 * extension or no offer is acceptable
	 */
	public static PerMessageDeflateParameters negotiate(List<ExtensionOffer> offers, PerMessageDeflateConfig config) {
		if (!config.enabled()) {
			return null;
		}
		for (ExtensionOffer offer : offers) {
			Terms terms = PerMessageDeflate.NAME.equals(offer.name()) ? Terms.read(offer) : null;
			if (terms != null) {
				boolean windowLimited = terms.serverMaxWindowBits() != 0
						&& terms.serverMaxWindowBits() < PerMessageDeflateParameters.MAX_WINDOW_BITS;
				return new PerMessageDeflateParameters(
						terms.serverNoContextTakeover() || config.serverNoContextTakeover() || windowLimited,
						terms.clientNoContextTakeover() || config.clientNoContextTakeover(),
						terms.serverMaxWindowBits(), 0);
			}
		}
		return null;
	}

	/**
	 * Returns a client's offer: {@code client_max_window_bits} without a value, since the
	 * client honours any limit, and the no-context-takeover parameters the configuration
	 * asks for.
	 * @param config the client's configuration
	 * @return the offer, for example {@code permessage-deflate; client_max_window_bits},
	 * or {@code null} if the configuration disables the extension
	 */
	public static ExtensionOffer offer(PerMessageDeflateConfig config) {
		if (!config.enabled()) {
			return null;
		}
		List<Parameter> parameters = new ArrayList<>(3);
		if (config.serverNoContextTakeover()) {
			parameters.add(new Parameter(SERVER_NO_CONTEXT_TAKEOVER, null));
		}
		if (config.clientNoContextTakeover()) {
			parameters.add(new Parameter(CLIENT_NO_CONTEXT_TAKEOVER, null));
		}
		parameters.add(new Parameter(CLIENT_MAX_WINDOW_BITS, null));
		return new ExtensionOffer(PerMessageDeflate.NAME, parameters);
	}

	/**
	 * Checks a server's answer to {@link #offer(PerMessageDeflateConfig)} and returns the
	 * terms the client then works by.
	 * @param accepted the elements of the response's {@code Sec-WebSocket-Extensions}
	 * @param config the client's configuration, as given to {@code offer}
	 * @return the terms, with {@code client_no_context_takeover} set if the client
	 * announced it; {@code null} if the server accepted no extension
	 * @throws HandshakeException with status 101, which fails the connection, if the
	 * server accepted an extension that was not offered or accepted permessage-deflate
	 * twice; if its parameters are not all valid for a response (an unknown or repeated
	 * parameter, a value out of range, {@code client_max_window_bits} without a value);
	 * or if it leaves out {@code server_no_context_takeover} that the client asked for
	 */
	public static PerMessageDeflateParameters accept(List<ExtensionOffer> accepted, PerMessageDeflateConfig config) {
		if (accepted.isEmpty()) {
			return null;
		}
		if (!config.enabled() || accepted.size() > 1 || !PerMessageDeflate.NAME.equals(accepted.get(0).name())) {
			throw invalid101("server accepted extensions that were not offered: " + accepted);
		}
		Terms terms = Terms.read(accepted.get(0));
		if (terms == null || terms.clientMaxWindowBits() == VALUELESS) {
			throw invalid101("invalid permessage-deflate parameters: " + accepted.get(0).toHeaderValue());
		}
		if (config.serverNoContextTakeover() && !terms.serverNoContextTakeover()) {
			throw invalid101("server did not accept server_no_context_takeover");
		}
		return new PerMessageDeflateParameters(terms.serverNoContextTakeover(),
				terms.clientNoContextTakeover() || config.clientNoContextTakeover(), terms.serverMaxWindowBits(),
				terms.clientMaxWindowBits());
	}

	private static HandshakeException invalid101(String message) {
		return new HandshakeException(101, "Invalid 101 response: " + message);
	}

	/**
	 * The parameters of one permessage-deflate element, as RFC 7692 section 7.1 defines
	 * them for both offers and responses.
	 */
	private record Terms(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int serverMaxWindowBits,
			int clientMaxWindowBits) {

		/**
		 * Reads an element's parameters.
		 * @return the parameters, window sizes 0 when absent and client_max_window_bits
		 * {@link #VALUELESS} when given without a value; or {@code null} if a parameter
		 * is unknown, repeated or has an invalid value
		 */
		static Terms read(ExtensionOffer element) {
			boolean serverNoContextTakeover = false;
			boolean clientNoContextTakeover = false;
			int serverMaxWindowBits = 0;
			int clientMaxWindowBits = 0;
			List<String> seen = new ArrayList<>(4);
			for (Parameter parameter : element.parameters()) {
				String name = parameter.name();
				String value = parameter.value();
				if (seen.contains(name)) {
					return null;
				}
				seen.add(name);
				boolean valid = switch (name) {
					case SERVER_NO_CONTEXT_TAKEOVER -> {
						serverNoContextTakeover = true;
						yield value == null;
					}
					case CLIENT_NO_CONTEXT_TAKEOVER -> {
						clientNoContextTakeover = true;
						yield value == null;
					}
					case SERVER_MAX_WINDOW_BITS -> {
						serverMaxWindowBits = windowBits(value);
						yield serverMaxWindowBits != INVALID;
					}
					case CLIENT_MAX_WINDOW_BITS -> {
						clientMaxWindowBits = (value != null) ? windowBits(value) : VALUELESS;
						yield clientMaxWindowBits != INVALID;
					}
					default -> false;
				};
				if (!valid) {
					return null;
				}
			}
			return new Terms(serverNoContextTakeover, clientNoContextTakeover, serverMaxWindowBits,
					clientMaxWindowBits);
		}

		/**
		 * Reads a window size: a decimal 8 to 15 without leading zeros (RFC 7692 section
		 * 7.1.2).
		 * @return the size, or {@link #INVALID} if the value is missing or invalid
		 */
		private static int windowBits(String value) {
			return (value != null && WINDOW_BITS.matcher(value).matches()) ? Integer.parseInt(value) : INVALID;
		}

	}

}
