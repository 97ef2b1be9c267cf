package dev.wsboot.autoconfigure;

import dev.wsboot.server.WsServer;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;

/**
 * Published when the WebSocket server is listening, to learn its port, for example when
 * {@code ws.server.port} is 0.
 */
public class WsServerInitializedEvent extends ApplicationEvent {

	private final transient ApplicationContext applicationContext;

	/**
	 * Creates an event.
	 * @param server the server that started
	 * @param applicationContext the context it belongs to
	 */
	public WsServerInitializedEvent(WsServer server, ApplicationContext applicationContext) {
		super(server);
		this.applicationContext = applicationContext;
	}

	/**
	 * Returns the server that started.
	 * @return the server
	 */
	public WsServer getServer() {
		return (WsServer) getSource();
	}

	/**
	 * Returns the context the server belongs to.
	 * @return the application context
	 */
	public ApplicationContext getApplicationContext() {
		return this.applicationContext;
	}

}
