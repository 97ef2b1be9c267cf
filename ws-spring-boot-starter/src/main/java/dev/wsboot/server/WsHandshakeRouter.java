package dev.wsboot.server;

import java.net.InetSocketAddress;

import dev.wsboot.protocol.handshake.HandshakeRequest;

/**
 * Decides where a valid opening handshake goes. It runs once per connection attempt,
 * after the listener checked the request against RFC 6455, on the thread that handlers
 * run on (or on the event loop when it {@linkplain #isBlocking() does not block}).
 */
@FunctionalInterface
public interface WsHandshakeRouter {

	/**
	 * Routes a handshake.
	 * @param request the validated request
	 * @param remoteAddress the peer's address
	 * @return accept with a handler, or reject with a status
	 */
	HandshakeDecision route(HandshakeRequest request, InetSocketAddress remoteAddress);

	/**
	 * Returns whether routing may block (an interceptor that looks up a token, say). A
	 * router that never blocks runs on the event loop, which saves two thread hops per
	 * handshake.
	 * @return true unless the router promises not to block
	 */
	default boolean isBlocking() {
		return true;
	}

}
