package dev.wsboot.server;

import java.net.InetSocketAddress;

import dev.wsboot.protocol.handshake.HandshakeRequest;

/**
 * Decides where a valid opening handshake goes. It runs once per connection attempt, after the
 * listener checked the request against RFC 6455, on the thread that handlers run on.
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

}
