package dev.wsboot.demo.secure;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.WsSession;

/**
 * Echoes text to the users {@link DemoTokenInterceptor} let in, naming them.
 */
@WsEndpoint("/secure/echo")
class SecureEchoEndpoint {

	@OnOpen
	void open(WsSession session) {
		session.sendText("welcome " + session.principal().getName() + " (token from "
				+ session.attributes().get("authenticatedBy") + ")");
	}

	@OnMessage
	String echo(WsSession session, String text) {
		return session.principal().getName() + ": " + text;
	}

}
