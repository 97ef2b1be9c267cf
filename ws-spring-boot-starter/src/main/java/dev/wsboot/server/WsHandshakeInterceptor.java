package dev.wsboot.server;

/**
 * Looks at an opening handshake before the connection opens, to authenticate it: reads
 * its headers, query and cookies, then rejects it (401, 403...), or lets it through,
 * possibly with session attributes and a {@link java.security.Principal}. Declare one as
 * a bean (a {@code @Component} or a {@code @Bean} method) and the starter calls it for
 * every handshake that matched an endpoint and passed the origin policy, before the
 * endpoint's {@code @OnOpen} method. <pre class="code">
 * &#64;Component
 * class TokenInterceptor implements WsHandshakeInterceptor {
 *
 *     &#64;Override
 *     public void beforeHandshake(WsHandshakeContext handshake) {
 *         if (!handshake.endpoint().startsWith("/secure/")) {
 *             return;
 *         }
 *         String token = handshake.queryParam("token");
 *         User user = (token != null) ? this.users.findByToken(token) : null;
 *         if (user == null) {
 *             handshake.reject(401, "Missing or invalid token", Map.of("WWW-Authenticate", "Bearer"));
 *             return;
 *         }
 *         handshake.setPrincipal(user::name);
 *         handshake.attributes().put("user", user);
 *     }
 *
 * }
 * </pre>
 * <p>
 * Every interceptor sees every endpoint's handshakes, so check
 * {@link WsHandshakeContext#endpoint()} to protect only some. Several interceptors run in
 * their Spring order ({@code @Order} on the class or the {@code @Bean} method, or
 * {@code Ordered}), sharing one context; the first rejection ends the handshake and the
 * interceptors after it do not run. When one throws, the handshake gets 500, and the
 * exception is logged.
 * <p>
 * Interceptors may block (to look a token up, say): as soon as there is one, the starter
 * routes every handshake on a worker thread rather than on the event loop, except with
 * {@code ws.server.dispatch=event-loop}, where there are no workers and interceptors must
 * not block. A handshake they have not decided on within
 * {@code ws.server.handshake-timeout} of the client connecting gets 503 while the blocked
 * worker carries on, so bound lookups too. Several handshakes may be intercepted at once,
 * so an interceptor must be thread-safe.
 */
@FunctionalInterface
public interface WsHandshakeInterceptor {

	/**
	 * Inspects a handshake that matched an endpoint and passed the origin policy. Return
	 * to let it proceed, after calling {@link WsHandshakeContext#reject(int, String)} to
	 * refuse it.
	 * @param handshake the request and what the interceptors decided so far
	 * @throws Exception when the interceptor fails; the handshake then gets 500
	 */
	void beforeHandshake(WsHandshakeContext handshake) throws Exception;

}
