package dev.wsboot.endpoint;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wsboot.protocol.handshake.HandshakeException;
import dev.wsboot.protocol.handshake.HandshakeRequest;
import dev.wsboot.protocol.handshake.ServerHandshake;
import dev.wsboot.server.HandshakeDecision;
import dev.wsboot.server.WsHandshakeContext;
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsHandshakeRouter;
import dev.wsboot.server.WsSessions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanInitializationException;

/**
 * The application's {@code @WsEndpoint} beans, by path template, and the
 * {@link WsHandshakeRouter} that sends each handshake to one of them.
 * <p>
 * A request path equal to a template without variables is matched by a map look-up and
 * wins over templates with variables; those are tried most specific first (a literal
 * segment beats a variable at the first segment where two templates differ). No match is
 * rejected with 404. The subprotocol is the first one the client offers that the endpoint
 * lists; when the client offers only others, the connection is accepted without one (RFC
 * 6455 section 4.2.2), and the client decides whether to go on.
 * <p>
 * A matched request then passes the {@link WsOriginPolicy} (403 when its origin is not
 * allowed) and the {@link WsHandshakeInterceptor}s, in order; the attributes and
 * principal they set go to the session. Without interceptors routing
 * {@linkplain #isBlocking() does not block}.
 * <p>
 * Filled once by {@link WsEndpointScanner} when the singletons exist, before the server
 * starts; reads are lock-free.
 */
public final class WsEndpointRegistry implements WsHandshakeRouter {

	private static final Log logger = LogFactory.getLog(WsEndpointRegistry.class);

	private volatile Routes routes = new Routes(Map.of(), Map.of(), List.of(), List.of());

	private final WsSessions sessions = new EndpointSessions(this);

	private final WsOriginPolicy originPolicy;

	/**
	 * Creates a registry that allows only handshakes without {@code Origin} and the
	 * origins the endpoints list ({@link WsOriginPolicy#withoutSameOrigin()}).
	 */
	public WsEndpointRegistry() {
		this(WsOriginPolicy.withoutSameOrigin());
	}

	/**
	 * Creates a registry.
	 * @param originPolicy which origins may open connections
	 */
	public WsEndpointRegistry(WsOriginPolicy originPolicy) {
		this.originPolicy = originPolicy;
	}

	/**
	 * Installs the endpoints, replacing any installed before, without interceptors.
	 * @param handlers the endpoints' handlers
	 * @throws BeanInitializationException when two endpoints match the same paths
	 */
	void register(Collection<EndpointHandler> handlers) {
		register(handlers, List.of());
	}

	/**
	 * Installs the endpoints and the handshake interceptors, replacing any installed
	 * before, and warns about endpoints open to every origin.
	 * @param handlers the endpoints' handlers
	 * @param interceptors the handshake interceptors, in the order they run
	 * @throws BeanInitializationException when two endpoints match the same paths
	 */
	void register(Collection<EndpointHandler> handlers, List<WsHandshakeInterceptor> interceptors) {
		Map<String, EndpointHandler> byTemplate = new LinkedHashMap<>();
		Map<String, EndpointHandler> byShape = new HashMap<>();
		Map<String, EndpointHandler> literal = new HashMap<>();
		List<EndpointHandler> templated = new ArrayList<>();
		for (EndpointHandler handler : handlers) {
			PathTemplate template = handler.template();
			EndpointHandler clash = byShape.putIfAbsent(template.shape(), handler);
			if (clash != null) {
				throw new BeanInitializationException("Ambiguous @WsEndpoint paths: '" + clash.template() + "' (bean '"
						+ clash.beanName() + "') and '" + template + "' (bean '" + handler.beanName()
						+ "') match the same request paths; change one of them");
			}
			byTemplate.put(template.template(), handler);
			if (template.hasVariables()) {
				templated.add(handler);
			}
			else {
				literal.put(template.template(), handler);
			}
		}
		templated.sort((a, b) -> PathTemplate.MOST_SPECIFIC_FIRST.compare(a.template(), b.template()));
		this.routes = new Routes(Collections.unmodifiableMap(byTemplate), Map.copyOf(literal), List.copyOf(templated),
				List.copyOf(interceptors));
		warnAboutAnyOrigin(handlers);
	}

	private void warnAboutAnyOrigin(Collection<EndpointHandler> handlers) {
		if (handlers.isEmpty()) {
			return;
		}
		String risk = "the pages of any web site can open WebSocket connections with their visitors' cookies "
				+ "(cross-site WebSocket hijacking); list the allowed origins instead unless every client "
				+ "authenticates otherwise";
		if (this.originPolicy.allowsAnyOrigin()) {
			logger.warn("ws.server.allowed-origins is '*': " + risk);
			return;
		}
		for (EndpointHandler handler : handlers) {
			if (handler.allowedOrigins().allowsAny()) {
				logger.warn("@WsEndpoint '" + handler.template() + "' (bean '" + handler.beanName()
						+ "') allows origin '*': " + risk);
			}
		}
	}

	/**
	 * Returns the origin policy.
	 * @return the policy every handshake passes
	 */
	public WsOriginPolicy originPolicy() {
		return this.originPolicy;
	}

	/**
	 * Returns the handshake interceptors.
	 * @return the interceptors, in the order they run
	 */
	public List<WsHandshakeInterceptor> interceptors() {
		return this.routes.interceptors();
	}

	/**
	 * Returns the path templates of the registered endpoints.
	 * @return the templates, in registration order
	 */
	public Set<String> endpoints() {
		return this.routes.byTemplate().keySet();
	}

	/**
	 * Returns the open sessions of the registered endpoints.
	 * @return the sessions, by endpoint
	 */
	public WsSessions sessions() {
		return this.sessions;
	}

	/**
	 * Returns the subprotocols an endpoint supports.
	 * @param template the endpoint's path template
	 * @return the subprotocols, most preferred first
	 * @throws IllegalArgumentException when no endpoint has that template
	 */
	public List<String> subprotocols(String template) {
		return handler(template).subprotocols();
	}

	/**
	 * Returns whether an endpoint is declared {@code @WsEndpoint(nonBlocking = true)}.
	 * @param template the endpoint's path template
	 * @return whether its methods run on the event loops whatever the dispatch
	 * @throws IllegalArgumentException when no endpoint has that template
	 */
	public boolean isNonBlocking(String template) {
		return !handler(template).mayBlock();
	}

	/**
	 * Returns the handler of an endpoint.
	 * @param template the endpoint's path template
	 * @return the handler
	 * @throws IllegalArgumentException when no endpoint has that template
	 */
	EndpointHandler handler(String template) {
		Routes routes = this.routes;
		EndpointHandler handler = routes.byTemplate().get(template);
		if (handler == null) {
			throw new IllegalArgumentException("No @WsEndpoint has the path template '" + template + "'; endpoints: "
					+ routes.byTemplate().keySet());
		}
		return handler;
	}

	@Override
	public HandshakeDecision route(HandshakeRequest request, InetSocketAddress remoteAddress) {
		String path = request.path();
		Routes routes = this.routes;
		EndpointHandler handler = routes.literal().get(path);
		Map<String, String> pathParams = Map.of();
		if (handler == null) {
			for (EndpointHandler candidate : routes.templated()) {
				Map<String, String> matched = candidate.template().match(path);
				if (matched != null) {
					handler = candidate;
					pathParams = matched;
					break;
				}
			}
		}
		if (handler == null) {
			return new HandshakeDecision.Reject(404, "No WebSocket endpoint at this path", "not_found");
		}
		String forbidden = this.originPolicy.check(request, handler.allowedOrigins());
		if (forbidden != null) {
			if (logger.isDebugEnabled()) {
				logger.debug(
						"Handshake from " + remoteAddress + " to '" + handler.template() + "' refused: " + forbidden);
			}
			return new HandshakeDecision.Reject(403, "Origin not allowed", "origin");
		}
		String unconvertible = handler.unconvertiblePathParam(pathParams);
		if (unconvertible != null) {
			return new HandshakeDecision.Reject(400, "Invalid value for path parameter '" + unconvertible + "'",
					"bad_request");
		}
		String subprotocol = null;
		if (!handler.subprotocols().isEmpty()) {
			try {
				subprotocol = ServerHandshake.selectSubprotocol(ServerHandshake.offeredSubprotocols(request),
						handler.subprotocols());
			}
			catch (HandshakeException ex) {
				return new HandshakeDecision.Reject(ex.status(), ex.getMessage(), "bad_request");
			}
		}
		String endpoint = handler.template().template();
		List<WsHandshakeInterceptor> interceptors = routes.interceptors();
		if (interceptors.isEmpty()) {
			return new HandshakeDecision.Accept(handler, endpoint, subprotocol, pathParams, Map.of(), null);
		}
		WsHandshakeContext context = new WsHandshakeContext(request, remoteAddress, endpoint, pathParams, subprotocol);
		for (WsHandshakeInterceptor interceptor : interceptors) {
			try {
				interceptor.beforeHandshake(context);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				logger.error("Handshake interceptor " + interceptor.getClass().getName() + " failed for endpoint '"
						+ endpoint + "' (request path " + request.path() + ", from " + remoteAddress
						+ "); rejecting the handshake with 500", ex);
				return new HandshakeDecision.Reject(500, "Handshake failed", "interceptor");
			}
			HandshakeDecision.Reject rejection = context.rejection();
			if (rejection != null) {
				if (logger.isDebugEnabled()) {
					logger.debug("Handshake from " + remoteAddress + " to '" + endpoint + "' rejected by "
							+ interceptor.getClass().getName() + " with " + rejection.status() + ": "
							+ rejection.message());
				}
				return rejection;
			}
		}
		return new HandshakeDecision.Accept(handler, endpoint, subprotocol, pathParams,
				Map.copyOf(context.attributes()), context.getPrincipal());
	}

	/**
	 * Returns whether routing may block: only when there are handshake interceptors,
	 * which may look credentials up. Without them routing is a map look-up or a few
	 * template matches, the origin check and converting path parameters, so it can run on
	 * the event loop.
	 * @return whether there are interceptors
	 */
	@Override
	public boolean isBlocking() {
		return !this.routes.interceptors().isEmpty();
	}

	@Override
	public String toString() {
		return "WsEndpointRegistry" + endpoints();
	}

	private record Routes(Map<String, EndpointHandler> byTemplate, Map<String, EndpointHandler> literal,
			List<EndpointHandler> templated, List<WsHandshakeInterceptor> interceptors) {
	}

}
