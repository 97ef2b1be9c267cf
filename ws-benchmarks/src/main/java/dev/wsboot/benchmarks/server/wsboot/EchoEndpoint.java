package dev.wsboot.benchmarks.server.wsboot;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;

/**
 * Sends each text and binary message back, as a user of the starter would write it.
 */
@WsEndpoint("/echo")
public class EchoEndpoint {

	@OnMessage
	public String text(String message) {
		return message;
	}

	@OnMessage
	public byte[] binary(byte[] message) {
		return message;
	}

}
