package dev.wsboot.endpoint;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A serialized origin as browsers send it in the {@code Origin} header (RFC 6454 section
 * 6.1): a scheme, a host and a port, with the scheme and host in lower case and the port
 * made explicit ({@code http://Example.com} is {@code http}, {@code example.com},
 * {@code 80}).
 *
 * @param scheme the scheme, lower case
 * @param host the host, lower case; an IPv6 literal keeps its brackets
 * @param port the port, or -1 when neither given nor implied by the scheme
 */
record Origin(String scheme, String host, int port) {

	/**
	 * Parses an origin: {@code scheme "://" host [ ":" port ]}, nothing before or after.
	 * @param value the text, for example an {@code Origin} header's value
	 * @return the origin, or {@code null} when the text is not one ({@code null},
	 * {@code file://}, a path, user information...)
	 */
	static @Nullable Origin parse(String value) {
		Parts parts = Parts.split(value);
		if (parts == null || !isHost(parts.host()) || parts.port() == null && parts.hasPortSeparator()) {
			return null;
		}
		int port = (parts.port() != null) ? parsePort(parts.port()) : defaultPort(parts.scheme());
		if (parts.port() != null && port < 0) {
			return null;
		}
		return new Origin(parts.scheme(), parts.host(), port);
	}

	/**
	 * Returns the port a scheme implies when an origin gives none.
	 * @param scheme the scheme, lower case
	 * @return 80 for {@code http} and {@code ws}, 443 for {@code https} and {@code wss},
	 * else -1
	 */
	static int defaultPort(String scheme) {
		return switch (scheme) {
			case "http", "ws" -> 80;
			case "https", "wss" -> 443;
			default -> -1;
		};
	}

	/**
	 * Parses a port: one to five digits, at most 65535.
	 * @param text the digits
	 * @return the port, or -1 when the text is not one
	 */
	static int parsePort(String text) {
		if (text.isEmpty() || text.length() > 5) {
			return -1;
		}
		int port = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			port = port * 10 + (c - '0');
		}
		return (port <= 65535) ? port : -1;
	}

	/**
	 * Returns whether the text is a host as origins spell it: a bracketed IPv6 literal,
	 * or letters, digits, hyphens, dots and underscores (names, IPv4 addresses,
	 * punycode).
	 * @param host the host text
	 * @return whether it is a host
	 */
	static boolean isHost(String host) {
		if (host.isEmpty()) {
			return false;
		}
		if (host.charAt(0) == '[') {
			if (host.length() < 3 || host.charAt(host.length() - 1) != ']') {
				return false;
			}
			for (int i = 1; i < host.length() - 1; i++) {
				char c = host.charAt(i);
				if (!(isAlphanumeric(c) || c == ':' || c == '.' || c == '%')) {
					return false;
				}
			}
			return true;
		}
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (!(isAlphanumeric(c) || c == '-' || c == '.' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAlphanumeric(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	@Override
	public String toString() {
		return this.scheme + "://" + this.host + ((this.port >= 0) ? ":" + this.port : "");
	}

	/**
	 * An origin's text cut at its separators, unchecked but for the scheme: the host and
	 * port as written, the scheme in lower case.
	 *
	 * @param scheme the scheme, lower case
	 * @param host the host, lower case
	 * @param port the port text, or {@code null} when there is none
	 * @param hasPortSeparator whether a {@code :} followed the host
	 */
	record Parts(String scheme, String host, @Nullable String port, boolean hasPortSeparator) {

		/**
		 * Splits {@code scheme "://" host [ ":" port ]}.
		 * @param value the text
		 * @return the parts, or {@code null} when the text does not have that shape
		 */
		static @Nullable Parts split(String value) {
			int separator = value.indexOf("://");
			if (separator <= 0 || !isScheme(value, separator)) {
				return null;
			}
			String authority = value.substring(separator + 3);
			if (authority.isEmpty() || containsAny(authority, "/?#@ \t\\")) {
				return null;
			}
			String host;
			String rest;
			if (authority.charAt(0) == '[') {
				int end = authority.indexOf(']');
				if (end < 0) {
					return null;
				}
				host = authority.substring(0, end + 1);
				rest = authority.substring(end + 1);
			}
			else {
				int colon = authority.indexOf(':');
				host = (colon >= 0) ? authority.substring(0, colon) : authority;
				rest = (colon >= 0) ? authority.substring(colon) : "";
			}
			if (!rest.isEmpty() && rest.charAt(0) != ':') {
				return null;
			}
			String port = (rest.length() > 1) ? rest.substring(1) : null;
			return new Parts(value.substring(0, separator).toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT),
					port, !rest.isEmpty());
		}

		private static boolean isScheme(String value, int end) {
			char first = value.charAt(0);
			if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
				return false;
			}
			for (int i = 1; i < end; i++) {
				char c = value.charAt(i);
				if (!(isAlphanumeric(c) || c == '+' || c == '-' || c == '.')) {
					return false;
				}
			}
			return true;
		}

		private static boolean containsAny(String text, String characters) {
			for (int i = 0; i < text.length(); i++) {
				if (characters.indexOf(text.charAt(i)) >= 0 || text.charAt(i) < 0x21 || text.charAt(i) > 0x7e) {
					return true;
				}
			}
			return false;
		}

	}

}
