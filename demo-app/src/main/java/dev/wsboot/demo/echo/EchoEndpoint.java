package dev.wsboot.demo.echo;

import java.nio.ByteBuffer;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;

/**
 * Sends every message back unchanged: text as text, binary as binary. Conformance suites
 * such as Autobahn|Testsuite drive the server through this endpoint. Its methods never
 * wait, so it runs on the event loops, without a hand-off to a worker per message.
 */
@WsEndpoint(path = "/echo", nonBlocking = true)
class EchoEndpoint {

	@OnMessage
	String text(String text) {
		return text;
	}

	@OnMessage
	ByteBuffer binary(ByteBuffer data) {
		return data;
	}

}
