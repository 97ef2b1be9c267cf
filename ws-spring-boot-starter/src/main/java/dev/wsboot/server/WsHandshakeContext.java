package dev.wsboot.server;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.protocol.handshake.HandshakeRequest;
import dev.wsboot.protocol.handshake.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * An opening handshake as {@link WsHandshakeInterceptor}s see it: the request (method,
 * path, query, headers, cookies), the peer's address and the endpoint it matched; and
 * what they decide: session attributes, a principal, or a rejection.
 * <p>
 * The interceptors of one handshake run one after the other, so the context is not
 * thread-safe; it must not be kept after the interceptor returns. Tests of an interceptor
 * can create one with the public constructor.
 */
public final class WsHandshakeContext {

	private final HandshakeRequest request;

	private final InetSocketAddress remoteAddress;

	private final String endpoint;

	private final Map<String, String> pathParams;

	private final @Nullable String subprotocol;

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	private @Nullable Map<String, List<String>> queryParams;

	private @Nullable Map<String, String> cookies;

	private @Nullable Principal principal;

	private HandshakeDecision.@Nullable Reject rejection;

	/**
	 * Creates a context.
	 * @param request the handshake request
	 * @param remoteAddress the peer's address
	 * @param endpoint the path template of the endpoint the request matched, for example
	 * {@code /rooms/{room}}
	 * @param pathParams the values of the template's variables
	 * @param subprotocol the subprotocol agreed with the client, or {@code null}
	 */
	public WsHandshakeContext(HandshakeRequest request, InetSocketAddress remoteAddress, String endpoint,
			Map<String, String> pathParams, @Nullable String subprotocol) {
		this.request = Objects.requireNonNull(request, "request");
		this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
		this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
		this.pathParams = Map.copyOf(pathParams);
		this.subprotocol = subprotocol;
	}

	/**
	 * Returns the request as parsed.
	 * @return the handshake request
	 */
	public HandshakeRequest request() {
		return this.request;
	}

	/**
	 * Returns the request method.
	 * @return {@code GET}: the listener refuses any other before routing
	 */
	public String method() {
		return this.request.method();
	}

	/**
	 * Returns the request path, without the query, percent-encoded as sent.
	 * @return the path, for example {@code /rooms/lobby}
	 */
	public String path() {
		return this.request.path();
	}

	/**
	 * Returns the query, percent-encoded as sent.
	 * @return the query without the {@code ?}, or {@code null} when there is none
	 */
	public @Nullable String query() {
		return this.request.query();
	}

	/**
	 * Returns the query parameters, decoded as a form ({@code +} is a space, then
	 * percent-decoding as UTF-8). A name or value that does not decode is kept as sent.
	 * @return an unmodifiable map of each name to its values, in request order
	 */
	public Map<String, List<String>> queryParams() {
		Map<String, List<String>> queryParams = this.queryParams;
		if (queryParams == null) {
			queryParams = parseQuery(this.request.query());
			this.queryParams = queryParams;
		}
		return queryParams;
	}

	/**
	 * Returns the first value of a query parameter.
	 * @param name the parameter's decoded name
	 * @return the decoded value, or {@code null} when the query has no such parameter
	 */
	public @Nullable String queryParam(String name) {
		List<String> values = queryParams().get(name);
		return (values != null) ? values.get(0) : null;
	}

	/**
	 * Returns the request's headers.
	 * @return the headers, names compared ignoring case
	 */
	public HttpHeaders headers() {
		return this.request.headers();
	}

	/**
	 * Returns the first value of a header.
	 * @param name the header's name, in any case
	 * @return the value, or {@code null} when there is no such header
	 */
	public @Nullable String header(String name) {
		return this.request.headers().first(name);
	}

	/**
	 * Returns the cookies of the {@code Cookie} headers: {@code name=value} pairs
	 * separated by {@code ;}, with a value's surrounding double quotes removed. When a
	 * name repeats, the first value is kept (browsers send the one with the longest path
	 * first). Values are not decoded.
	 * @return an unmodifiable map of cookie names to values, in request order
	 */
	public Map<String, String> cookies() {
		Map<String, String> cookies = this.cookies;
		if (cookies == null) {
			cookies = parseCookies(this.request.headers().all("Cookie"));
			this.cookies = cookies;
		}
		return cookies;
	}

	/**
	 * Returns a cookie's value.
	 * @param name the cookie's name, case-sensitive
	 * @return the value, or {@code null} when there is no such cookie
	 */
	public @Nullable String cookie(String name) {
		return cookies().get(name);
	}

	/**
	 * Returns the peer's address.
	 * @return the remote address; behind a proxy, the proxy's
	 */
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * Returns the path template of the endpoint the request matched.
	 * @return the template, for example {@code /rooms/{room}}
	 */
	public String endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the values of the endpoint's path template variables.
	 * @return an unmodifiable map, for example {@code room -> lobby}
	 */
	public Map<String, String> pathParams() {
		return this.pathParams;
	}

	/**
	 * Returns the subprotocol agreed with the client.
	 * @return the subprotocol, or {@code null} when none
	 */
	public @Nullable String subprotocol() {
		return this.subprotocol;
	}

	/**
	 * Returns the attributes the session starts with, as {@link WsSession#attributes()}.
	 * @return a modifiable map, shared by the handshake's interceptors; it refuses
	 * {@code null} keys and values
	 */
	public Map<String, Object> attributes() {
		return this.attributes;
	}

	/**
	 * Returns the principal an interceptor set.
	 * @return the principal, or {@code null} when none is set
	 */
	public @Nullable Principal getPrincipal() {
		return this.principal;
	}

	/**
	 * Sets the principal of the session, as {@link WsSession#principal()}.
	 * @param principal the authenticated principal, or {@code null} for none
	 */
	public void setPrincipal(@Nullable Principal principal) {
		this.principal = principal;
	}

	/**
	 * Refuses the handshake: the client gets the status and the message as a plain-text
	 * body, and no interceptor after this one runs. When called more than once, the first
	 * call wins.
	 * @param status an error status, 400 to 599: usually 401 (no or bad credentials) or
	 * 403 (not allowed)
	 * @param message a short text for the client; it is sent as it is, so it must not
	 * reveal secrets
	 * @throws IllegalArgumentException when the status is not an error status
	 */
	public void reject(int status, String message) {
		reject(status, message, Map.of());
	}

	/**
	 * Refuses the handshake as {@link #reject(int, String)} does, with header fields in
	 * the response: a 401 must carry a {@code WWW-Authenticate} challenge (RFC 9110
	 * section 11.6.1), for example {@code reject(401, "Missing token",
	 * Map.of("WWW-Authenticate", "Bearer realm=\"chat\""))}.
	 * @param status an error status, 400 to 599
	 * @param message a short text for the client, sent as it is
	 * @param headers header fields to add; the response's framing fields
	 * ({@code Connection}, {@code Content-Type}, {@code Content-Length}) cannot be
	 * replaced
	 * @throws IllegalArgumentException when the status is not an error status, or a
	 * header name or value could not be sent as it is (a line break, say)
	 */
	public void reject(int status, String message, Map<String, String> headers) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("A handshake is rejected with a status from 400 to 599, not " + status);
		}
		HttpHeaders fields = HttpHeaders.empty();
		if (!headers.isEmpty()) {
			HttpHeaders.Builder builder = HttpHeaders.builder();
			headers.forEach(builder::add);
			fields = builder.build();
		}
		if (this.rejection == null) {
			this.rejection = new HandshakeDecision.Reject(status, Objects.requireNonNull(message, "message"),
					"interceptor", fields);
		}
	}

	/**
	 * Returns whether an interceptor rejected the handshake.
	 * @return whether {@link #reject(int, String)} was called
	 */
	public boolean isRejected() {
		return this.rejection != null;
	}

	/**
	 * Returns the rejection, as the listener takes it.
	 * @return the rejection, with reason {@code interceptor}, or {@code null} when the
	 * handshake is not rejected
	 */
	public HandshakeDecision.@Nullable Reject rejection() {
		return this.rejection;
	}

	private static Map<String, List<String>> parseQuery(@Nullable String query) {
		if (query == null || query.isEmpty()) {
			return Map.of();
		}
		Map<String, List<String>> params = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			params.computeIfAbsent(name, (key) -> new ArrayList<>(1)).add(value);
		}
		params.replaceAll((name, values) -> List.copyOf(values));
		return Collections.unmodifiableMap(params);
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	private static Map<String, String> parseCookies(List<String> headers) {
		if (headers.isEmpty()) {
			return Map.of();
		}
		Map<String, String> cookies = new LinkedHashMap<>();
		for (String header : headers) {
			for (String pair : header.split(";")) {
				int equals = pair.indexOf('=');
				if (equals < 0) {
					continue;
				}
				String name = pair.substring(0, equals).strip();
				String value = pair.substring(equals + 1).strip();
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				if (!name.isEmpty()) {
					cookies.putIfAbsent(name, value);
				}
			}
		}
		return Collections.unmodifiableMap(cookies);
	}

	@Override
	public String toString() {
		return "WsHandshakeContext[" + this.request.method() + " " + this.request.path() + " -> " + this.endpoint
				+ ", remote " + this.remoteAddress + "]";
	}

}
