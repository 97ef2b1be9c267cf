package dev.wsboot.protocol.extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.wsboot.protocol.handshake.HandshakeException;
import dev.wsboot.protocol.handshake.HttpSyntax;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header: an extension's name and its
 * parameters, in order, as a client offers them or a server accepts them. Parameters are
 * a list rather than a map because repeats matter: RFC 7692 section 7 has a server
 * decline a permessage-deflate offer that names a parameter twice.
 *
 * @param name the extension's name, a token, for example {@code permessage-deflate}
 * @param parameters the parameters, in the order they were given
 */
public record ExtensionOffer(String name, List<Parameter> parameters) {

	/**
	 * Creates an offer.
	 * @param name the extension's name, a token
	 * @param parameters the parameters, in order
	 * @throws IllegalArgumentException if the name is not a token
	 */
	public ExtensionOffer {
		HttpSyntax.requireToken(name, "Extension name");
		parameters = List.copyOf(parameters);
	}

	/**
	 * Parses the value of a {@code Sec-WebSocket-Extensions} header (RFC 6455 section
	 * 9.1): a comma-separated list of extension names, each followed by
	 * semicolon-separated parameters, each a token optionally followed by {@code =} and a
	 * token or a quoted string, such as
	 * {@code permessage-deflate; client_max_window_bits="10", x-webkit-deflate-frame}.
	 * Whitespace around separators and empty list elements are allowed.
	 * @param headerValue the header's value; for a header that occurs more than once,
	 * call this for each occurrence, since quoted strings keep values from being joined
	 * @return the offers, in order
	 * @throws HandshakeException 400 if the value does not follow the syntax, including a
	 * quoted value that is not a token once unquoted
	 */
	public static List<ExtensionOffer> parse(String headerValue) {
		return new Parser(headerValue).offers();
	}

	/**
	 * Formats this offer as a {@code Sec-WebSocket-Extensions} list element.
	 * @return the element, for example
	 * {@code permessage-deflate; client_max_window_bits=10; server_no_context_takeover}
	 */
	public String toHeaderValue() {
		StringBuilder value = new StringBuilder(this.name);
		for (Parameter parameter : this.parameters) {
			value.append("; ").append(parameter.name());
			if (parameter.value() != null) {
				// Values are tokens, so they never need quoting.
				value.append('=').append(parameter.value());
			}
		}
		return value.toString();
	}

	/**
	 * A parameter of an extension offer.
	 *
	 * @param name the parameter's name, a token, for example
	 * {@code client_max_window_bits}
	 * @param value the parameter's value, a token and unquoted, or {@code null} for a
	 * parameter given without one
	 */
	public record Parameter(String name, String value) {

		/**
		 * Creates a parameter.
		 * @param name the parameter's name, a token
		 * @param value the parameter's value, a token, or {@code null}
		 * @throws IllegalArgumentException if the name or the value is not a token
		 */
		public Parameter {
			HttpSyntax.requireToken(name, "Extension parameter name");
			if (value != null) {
				HttpSyntax.requireToken(value, "Extension parameter value");
			}
		}

	}

	/**
	 * Reads a header value from left to right, one syntax element at a time.
	 */
	private static final class Parser {

		private final String text;

		private int position;

		Parser(String text) {
			this.text = Objects.requireNonNull(text, "headerValue");
		}

		List<ExtensionOffer> offers() {
			List<ExtensionOffer> offers = new ArrayList<>(2);
			skipWhitespace();
			while (this.position < this.text.length()) {
				if (peek() != ',') {
					offers.add(offer());
					if (this.position == this.text.length()) {
						break;
					}
					if (peek() != ',') {
						throw malformed();
					}
				}
				this.position++;
				skipWhitespace();
			}
			return offers;
		}

		private ExtensionOffer offer() {
			String name = token();
			List<Parameter> parameters = new ArrayList<>(4);
			skipWhitespace();
			while (this.position < this.text.length() && peek() == ';') {
				this.position++;
				skipWhitespace();
				String parameterName = token();
				skipWhitespace();
				String value = null;
				if (this.position < this.text.length() && peek() == '=') {
					this.position++;
					skipWhitespace();
					value = (this.position < this.text.length() && peek() == '"') ? quotedToken() : token();
					skipWhitespace();
				}
				parameters.add(new Parameter(parameterName, value));
			}
			return new ExtensionOffer(name, parameters);
		}

		private String token() {
			int start = this.position;
			while (this.position < this.text.length() && HttpSyntax.isTokenChar(peek())) {
				this.position++;
			}
			if (this.position == start) {
				throw malformed();
			}
			return this.text.substring(start, this.position);
		}

		// RFC 6455 section 9.1: a quoted value must be a token once its quotes and
		// backslash escapes are removed.
		private String quotedToken() {
			StringBuilder value = new StringBuilder();
			this.position++;
			while (true) {
				if (this.position == this.text.length()) {
					throw malformed();
				}
				char c = this.text.charAt(this.position++);
				if (c == '"') {
					break;
				}
				if (c == '\\') {
					if (this.position == this.text.length()) {
						throw malformed();
					}
					c = this.text.charAt(this.position++);
				}
				value.append(c);
			}
			if (!HttpSyntax.isToken(value)) {
				throw malformed();
			}
			return value.toString();
		}

		private char peek() {
			return this.text.charAt(this.position);
		}

		private void skipWhitespace() {
			while (this.position < this.text.length() && HttpSyntax.isWhitespace(peek())) {
				this.position++;
			}
		}

		private static HandshakeException malformed() {
			return new HandshakeException(400, "Malformed Sec-WebSocket-Extensions header");
		}

	}

}
