package dev.wsboot.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A list of allowed origins, checked when the application starts: exact origins
 * ({@code https://app.example.com}), origins with a subdomain wildcard
 * ({@code https://*.example.com}, any depth, not the parent domain itself) or a port
 * wildcard ({@code http://localhost:*}), or {@code *} for every origin. Schemes and hosts
 * compare ignoring case; an origin without a port has its scheme's default (80 for
 * {@code http}, 443 for {@code https}).
 */
final class OriginPatterns {

	/** No origin. */
	static final OriginPatterns NONE = new OriginPatterns(List.of(), List.of(), false);

	private static final int ANY_PORT = -2;

	private final List<String> values;

	private final List<Pattern> patterns;

	private final boolean any;

	private OriginPatterns(List<String> values, List<Pattern> patterns, boolean any) {
		this.values = values;
		this.patterns = patterns;
		this.any = any;
	}

	/**
	 * Parses allowed origins. Blank entries are skipped, and one trailing {@code /} is
	 * ignored.
	 * @param values the origins and patterns
	 * @return the patterns
	 * @throws IllegalArgumentException naming the first entry that is not an origin or a
	 * supported pattern
	 */
	static OriginPatterns parse(Collection<String> values) {
		List<String> kept = new ArrayList<>();
		List<Pattern> patterns = new ArrayList<>();
		boolean any = false;
		for (String raw : values) {
			String value = raw.strip();
			if (value.isEmpty()) {
				continue;
			}
			kept.add(value);
			if (value.equals("*")) {
				any = true;
			}
			else {
				patterns.add(Pattern.parse(value));
			}
		}
		if (kept.isEmpty()) {
			return NONE;
		}
		return new OriginPatterns(List.copyOf(kept), List.copyOf(patterns), any);
	}

	/**
	 * Returns whether an origin matches one of the patterns.
	 * @param origin the request's origin, or {@code null} when its {@code Origin} header
	 * is not an origin (the opaque {@code null}, say), which only {@code *} allows
	 * @return whether the origin is allowed
	 */
	boolean matches(@Nullable Origin origin) {
		if (this.any) {
			return true;
		}
		if (origin == null) {
			return false;
		}
		for (Pattern pattern : this.patterns) {
			if (pattern.matches(origin)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether {@code *} is listed.
	 * @return whether every origin is allowed
	 */
	boolean allowsAny() {
		return this.any;
	}

	/**
	 * Returns whether nothing is listed.
	 * @return whether the list is empty
	 */
	boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * Returns the entries as configured, without blanks.
	 * @return the entries
	 */
	List<String> values() {
		return this.values;
	}

	@Override
	public String toString() {
		return this.values.toString();
	}

	/**
	 * One allowed origin or pattern.
	 *
	 * @param scheme the scheme, lower case
	 * @param host the host, lower case, or the suffix after {@code *} (starting with a
	 * dot) when {@code subdomains} is true
	 * @param subdomains whether the host is a {@code *.} wildcard
	 * @param port the port, {@link #ANY_PORT} for {@code :*}, -1 for none
	 */
	private record Pattern(String scheme, String host, boolean subdomains, int port) {

		static Pattern parse(String value) {
			if (value.equalsIgnoreCase("null")) {
				throw new IllegalArgumentException("Invalid allowed origin 'null': it is what sandboxed frames, files "
						+ "and redirects of any site send, so allowing it would allow them all; use '*' if that is "
						+ "meant");
			}
			String text = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
			Origin.Parts parts = Origin.Parts.split(text);
			if (parts == null) {
				throw invalid(value, "expected scheme://host[:port], for example https://app.example.com");
			}
			String host = parts.host();
			boolean subdomains = host.startsWith("*.");
			String name = subdomains ? host.substring(1) : host;
			if (!Origin.isHost(subdomains ? name.substring(1) : name) || name.equals(".")) {
				throw invalid(value, "the host may only start with a '*.' wildcard, as in https://*.example.com");
			}
			int port;
			if (parts.port() == null) {
				if (parts.hasPortSeparator()) {
					throw invalid(value, "the port is missing after ':'");
				}
				port = Origin.defaultPort(parts.scheme());
			}
			else if (parts.port().equals("*")) {
				port = ANY_PORT;
			}
			else {
				port = Origin.parsePort(parts.port());
				if (port < 0) {
					throw invalid(value, "the port must be a number up to 65535 or '*'");
				}
			}
			return new Pattern(parts.scheme(), name, subdomains, port);
		}

		private static IllegalArgumentException invalid(String value, String why) {
			return new IllegalArgumentException("Invalid allowed origin '" + value + "': " + why);
		}

		boolean matches(Origin origin) {
			if (!this.scheme.equals(origin.scheme()) || (this.port != ANY_PORT && this.port != origin.port())) {
				return false;
			}
			if (this.subdomains) {
				return origin.host().length() > this.host.length() && origin.host().endsWith(this.host);
			}
			return this.host.equals(origin.host());
		}

	}

}
