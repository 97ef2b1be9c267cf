package dev.wsboot.demo.secure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Map;

import dev.wsboot.server.WsHandshakeContext;
import dev.wsboot.server.WsHandshakeInterceptor;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets a handshake to an endpoint under {@code /secure/} through only with the demo's
 * token, from the {@code token} query parameter ({@code ?token=...}) or the
 * {@code demo-token} cookie: none gets 401, a wrong one 403. Other endpoints stay open.
 * <p>
 * A real application would look the token up (and may block doing so: the starter runs
 * interceptors on worker threads) and set the user it belongs to as the principal. A
 * cookie is the better carrier for browsers: a query can end up in proxies' logs.
 */
@Component
class DemoTokenInterceptor implements WsHandshakeInterceptor {

	static final String COOKIE = "demo-token";

	private final byte[] token;

	DemoTokenInterceptor(@Value("${demo.secure.token}") String token) {
		this.token = token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void beforeHandshake(WsHandshakeContext handshake) {
		if (!handshake.endpoint().startsWith("/secure/")) {
			return;
		}
		String token = handshake.queryParam("token");
		if (token == null) {
			token = handshake.cookie(COOKIE);
		}
		if (token == null) {
			// A 401 names the scheme that would get through (RFC 9110 section 11.6.1).
			handshake.reject(401, "Missing token: add ?token=... or the demo-token cookie",
					Map.of("WWW-Authenticate", "Bearer realm=\"wsboot-demo\""));
			return;
		}
		// Compared in constant time, so that timing does not tell how much of it is
		// right.
		if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), this.token)) {
			handshake.reject(403, "Invalid token");
			return;
		}
		handshake.setPrincipal(new DemoUser("demo-user"));
		handshake.attributes().put("authenticatedBy", (handshake.queryParam("token") != null) ? "query" : "cookie");
	}

	record DemoUser(String getName) implements Principal {
	}

}
