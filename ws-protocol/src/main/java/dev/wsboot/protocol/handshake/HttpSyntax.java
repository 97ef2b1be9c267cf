package dev.wsboot.protocol.handshake;

/**
 * The character classes of HTTP/1.1 (RFC 9110 section 5.6) that handshake headers are
 * made of. Public because extension offers, in their own package, are built from the same
 * tokens and whitespace.
 */
public final class HttpSyntax {

	private static final byte TOKEN = 1;

	private static final byte FIELD_VALUE = 2;

	// One lookup per byte keeps the parsers' inner loops free of branches on ranges.
	private static final byte[] CLASSES = new byte[256];

	static {
		for (int c = 0x21; c <= 0xFF; c++) {
			if (c != 0x7F) {
				CLASSES[c] = FIELD_VALUE;
			}
		}
		CLASSES[' '] = FIELD_VALUE;
		CLASSES['\t'] = FIELD_VALUE;
		for (int c = 0x21; c < 0x7F; c++) {
			if ("\"(),/:;<=>?@[\\]{}".indexOf(c) < 0) {
				CLASSES[c] |= TOKEN;
			}
		}
	}

	private HttpSyntax() {
	}

	/**
	 * Returns whether a character may appear in a token: a letter, a digit or one of
	 * {@code !#$%&'*+-.^_`|~}.
	 * @param c the character
	 * @return whether it is a token character
	 */
	public static boolean isTokenChar(int c) {
		return c >= 0 && c < 0x80 && (CLASSES[c] & TOKEN) != 0;
	}

	/**
	 * Returns whether a string is a token: one or more token characters.
	 * @param s the string
	 * @return whether it is a non-empty token
	 */
	public static boolean isToken(CharSequence s) {
		int length = s.length();
		if (length == 0) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (!isTokenChar(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns whether a character may appear in a header value: visible ASCII, space, tab
	 * and the ISO-8859-1 upper half, but no other control character.
	 * @param c the character, or an unsigned byte
	 * @return whether it is allowed in a header value
	 */
	static boolean isFieldValueChar(int c) {
		return c >= 0 && c <= 0xFF && (CLASSES[c] & FIELD_VALUE) != 0;
	}

	/**
	 * Returns whether a string may be sent as a header value: field-value characters
	 * only, with no surrounding whitespace that the receiver would strip.
	 * @param s the string
	 * @return whether it is a valid, trimmed header value
	 */
	static boolean isFieldValue(CharSequence s) {
		int length = s.length();
		if (length > 0 && (isWhitespace(s.charAt(0)) || isWhitespace(s.charAt(length - 1)))) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (!isFieldValueChar(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Checks that a string is a token, for names and values that will be sent as tokens.
	 * @param s the string
	 * @param what what the string is, for the exception's message
	 * @throws IllegalArgumentException if it is not a token
	 */
	public static void requireToken(String s, String what) {
		if (!isToken(s)) {
			throw new IllegalArgumentException(what + " is not a token: '" + s + "'");
		}
	}

	/**
	 * Checks that a header could be sent as it is: its name a token, its value a trimmed
	 * field value, so that it cannot end its line early and smuggle in another.
	 * @param name the field name
	 * @param value the field value
	 * @throws IllegalArgumentException if either is invalid
	 */
	static void requireHeader(String name, String value) {
		requireToken(name, "Header name");
		if (!isFieldValue(value)) {
			throw new IllegalArgumentException("Header value for " + name + " is not a valid field value");
		}
	}

	/**
	 * Returns whether an HTTP version, as a parsed start line gives it, is 1.1 or later,
	 * as a WebSocket handshake requires (RFC 6455 section 4.1).
	 * @param version the version, for example {@code HTTP/1.1}
	 * @return whether it has the form {@code HTTP/x.y} and is at least 1.1
	 */
	static boolean isHttp11OrLater(String version) {
		if (version.length() != 8 || !version.startsWith("HTTP/") || version.charAt(6) != '.') {
			return false;
		}
		char major = version.charAt(5);
		char minor = version.charAt(7);
		return major >= '1' && major <= '9' && minor >= '0' && minor <= '9' && (major > '1' || minor >= '1');
	}

	/**
	 * Returns whether a character is optional whitespace (OWS): a space or a tab.
	 * @param c the character
	 * @return whether it is a space or a tab
	 */
	public static boolean isWhitespace(int c) {
		return c == ' ' || c == '\t';
	}

}
