package dev.wsboot.endpoint;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

import dev.wsboot.protocol.handshake.HandshakeRequest;
import org.jspecify.annotations.Nullable;

/**
 * Which web pages may open WebSocket connections: the defence against cross-site
 * WebSocket hijacking, where a page of another site opens a connection that carries its
 * visitor's cookies. Browsers send the page's origin in the {@code Origin} header and
 * other clients usually send none.
 * <p>
 * A handshake is allowed when:
 * <ul>
 * <li>it has no {@code Origin} header: it does not come from a browser page, and a client
 * that is not a browser can send any {@code Origin} it likes anyway;</li>
 * <li>it comes from the application's own pages: an {@code http} or {@code https} origin
 * whose host equals the {@code Host} header's host (ignoring case) and whose port (80 or
 * 443 by scheme when absent) is the WebSocket server's port or the application's HTTP
 * port;</li>
 * <li>its origin matches {@code ws.server.allowed-origins} or the endpoint's
 * {@code @WsEndpoint(allowedOrigins)}: exact origins, {@code https://*.example.com},
 * {@code http://localhost:*}, or {@code *} for any.</li>
 * </ul>
 * Others, and a handshake with more than one {@code Origin} header, are refused with 403.
 * The opaque origin {@code null} (sandboxed frames, {@code file:} pages) is never the
 * application's own, and only {@code *} allows it.
 * <p>
 * The same-origin rule trusts the {@code Host} header, which the browser sets to the
 * address it connects to. A page served by another application on the same host and one
 * of these ports, or a DNS-rebinding attack on a server reachable without TLS, can pass
 * it; list the exact origins and terminate TLS where that matters.
 */
public final class WsOriginPolicy {

	private final OriginPatterns allowed;

	private final IntSupplier webSocketPort;

	private final IntSupplier httpPort;

	private WsOriginPolicy(OriginPatterns allowed, IntSupplier webSocketPort, IntSupplier httpPort) {
		this.allowed = allowed;
		this.webSocketPort = webSocketPort;
		this.httpPort = httpPort;
	}

	/**
	 * Returns a policy that allows handshakes without {@code Origin}, the application's
	 * own pages, and the given origins.
	 * @param allowedOrigins exact origins, patterns, or {@code *}; may be empty
	 * @param webSocketPort the port the WebSocket server listens on; asked per handshake
	 * that has an {@code Origin} header, so it may be resolved late
	 * @param httpPort the application's HTTP port, or -1 when it has none; asked like
	 * {@code webSocketPort}
	 * @return the policy
	 * @throws IllegalArgumentException when an entry is not an origin or a supported
	 * pattern
	 */
	public static WsOriginPolicy of(Collection<String> allowedOrigins, IntSupplier webSocketPort,
			IntSupplier httpPort) {
		return new WsOriginPolicy(OriginPatterns.parse(allowedOrigins), webSocketPort, httpPort);
	}

	/**
	 * Returns a policy that allows only handshakes without {@code Origin} and the origins
	 * endpoints list: it knows no ports, so no page is the application's own.
	 * @return the policy
	 */
	public static WsOriginPolicy withoutSameOrigin() {
		return new WsOriginPolicy(OriginPatterns.NONE, () -> -1, () -> -1);
	}

	/**
	 * Returns whether {@code *} is among the allowed origins.
	 * @return whether every origin is allowed
	 */
	public boolean allowsAnyOrigin() {
		return this.allowed.allowsAny();
	}

	/**
	 * Returns the allowed origins and patterns as configured.
	 * @return the entries, without blanks
	 */
	public List<String> allowedOrigins() {
		return this.allowed.values();
	}

	/**
	 * Decides on a handshake that matched an endpoint.
	 * @param request the handshake request
	 * @param endpointOrigins the origins the endpoint adds
	 * @return {@code null} when allowed, else why not, for the log
	 */
	@Nullable String check(HandshakeRequest request, OriginPatterns endpointOrigins) {
		List<String> values = request.headers().all("Origin");
		if (values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			return "more than one Origin header";
		}
		String value = values.get(0);
		Origin origin = Origin.parse(value);
		if (isSameOrigin(origin, request.headers().first("Host")) || this.allowed.matches(origin)
				|| endpointOrigins.matches(origin)) {
			return null;
		}
		return "origin '" + value + "' is not allowed";
	}

	private boolean isSameOrigin(@Nullable Origin origin, @Nullable String hostHeader) {
		if (origin == null || hostHeader == null || !(origin.scheme().equals("http") || origin.scheme().equals("https"))
				|| !origin.host().equals(hostOf(hostHeader))) {
			return false;
		}
		return origin.port() == this.webSocketPort.getAsInt() || origin.port() == this.httpPort.getAsInt();
	}

	/**
	 * Returns the host of a {@code Host} header value, {@code host[:port]}, in lower
	 * case.
	 */
	private static String hostOf(String hostHeader) {
		int end;
		if (hostHeader.startsWith("[")) {
			end = hostHeader.indexOf(']') + 1;
			if (end == 0) {
				end = hostHeader.length();
			}
		}
		else {
			int colon = hostHeader.indexOf(':');
			end = (colon >= 0) ? colon : hostHeader.length();
		}
		return hostHeader.substring(0, end).toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "WsOriginPolicy[same origin, " + this.allowed + "]";
	}

}
