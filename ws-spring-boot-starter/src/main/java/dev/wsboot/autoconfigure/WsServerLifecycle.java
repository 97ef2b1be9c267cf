package dev.wsboot.autoconfigure;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;

import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.server.WsServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link WsServer} once the application context is refreshed, publishes a
 * {@link WsServerInitializedEvent}, and stops it gracefully when the context closes: the
 * server stops accepting, sends 1001 (going away) to every session and waits up to
 * {@code ws.server.shutdown-timeout} for queued messages and closing handshakes before
 * closing the sockets.
 * <p>
 * Its phase is the one Spring Boot gives its embedded web servers' start and stop
 * ({@code SmartLifecycle.DEFAULT_PHASE - 2048}): started after and stopped before the
 * application's ordinary lifecycle beans, so that endpoints can use them while sessions
 * close.
 */
public class WsServerLifecycle implements SmartLifecycle {

	/**
	 * The phase: {@code SmartLifecycle.DEFAULT_PHASE - 2048}, as Boot's
	 * {@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE}.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private static final Log logger = LogFactory.getLog(WsServerLifecycle.class);

	private final WsServer server;

	private final int configuredPort;

	private final Duration shutdownTimeout;

	private final ApplicationContext applicationContext;

	private volatile boolean running;

	/**
	 * Creates a lifecycle.
	 * @param server the server
	 * @param configuredPort the port the server is configured with, for error messages
	 * @param shutdownTimeout how long stopping may take
	 * @param applicationContext where to publish the event
	 */
	public WsServerLifecycle(WsServer server, int configuredPort, Duration shutdownTimeout,
			ApplicationContext applicationContext) {
		this.server = server;
		this.configuredPort = configuredPort;
		this.shutdownTimeout = shutdownTimeout;
		this.applicationContext = applicationContext;
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		try {
			this.server.start();
		}
		catch (BindException ex) {
			throw new WsPortInUseException(this.configuredPort, ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unable to start the WebSocket server on port " + this.configuredPort, ex);
		}
		this.running = true;
		if (logger.isInfoEnabled()) {
			logger.info(startedMessage());
		}
		this.applicationContext.publishEvent(new WsServerInitializedEvent(this.server, this.applicationContext));
	}

	private String startedMessage() {
		InetSocketAddress address = this.server.address();
		String host = (address != null) ? address.getAddress().getHostAddress() : "?";
		WsEndpointRegistry endpoints = this.applicationContext.getBeanProvider(WsEndpointRegistry.class).getIfUnique();
		return "WebSocket server started on port " + this.server.port() + " (address " + host + ", " + tls() + ")"
				+ ((endpoints != null) ? " with endpoints " + endpoints.endpoints() : "");
	}

	private String tls() {
		Object tlsEngineFactory = this.server.config().tlsEngineFactory();
		if (tlsEngineFactory instanceof SslBundleEngineFactory bundle) {
			return "TLS on, SSL bundle '" + bundle.bundleName() + "'";
		}
		return (tlsEngineFactory != null) ? "TLS on" : "TLS off";
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.server.stop(this.shutdownTimeout);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
