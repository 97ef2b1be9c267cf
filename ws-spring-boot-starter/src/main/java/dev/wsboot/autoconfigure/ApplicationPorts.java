package dev.wsboot.autoconfigure;

import java.util.function.IntSupplier;

import dev.wsboot.server.WsServer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * The ports the origin policy counts as the application's own, resolved when a handshake
 * asks: by then the servers are bound, which they are not when the policy is built.
 */
final class ApplicationPorts {

	private ApplicationPorts() {
	}

	/**
	 * Returns the WebSocket server's port: the bound port once it runs, else the
	 * configured one.
	 * @param server the server, resolved on first use
	 * @param configuredPort {@code ws.server.port}
	 * @return the port, or -1 when unknown
	 */
	static IntSupplier webSocket(ObjectProvider<WsServer> server, int configuredPort) {
		return new WebSocketPort(server, configuredPort);
	}

	/**
	 * Returns the application's HTTP port: {@code local.server.port}, which the embedded
	 * web server publishes once bound, else {@code server.port}.
	 * @param environment the environment
	 * @return the port, or -1 when the application has none
	 */
	static IntSupplier http(Environment environment) {
		return new HttpPort(environment);
	}

	private static final class WebSocketPort implements IntSupplier {

		private final ObjectProvider<WsServer> provider;

		private final int configuredPort;

		private volatile @Nullable WsServer server;

		WebSocketPort(ObjectProvider<WsServer> provider, int configuredPort) {
			this.provider = provider;
			this.configuredPort = configuredPort;
		}

		@Override
		public int getAsInt() {
			WsServer server = this.server;
			if (server == null) {
				server = this.provider.getIfUnique();
				this.server = server;
			}
			int port = (server != null) ? server.port() : -1;
			if (port > 0) {
				return port;
			}
			return (this.configuredPort > 0) ? this.configuredPort : -1;
		}

	}

	private static final class HttpPort implements IntSupplier {

		private final Environment environment;

		private volatile int localPort = -1;

		HttpPort(Environment environment) {
			this.environment = environment;
		}

		@Override
		public int getAsInt() {
			int port = this.localPort;
			if (port > 0) {
				return port;
			}
			Integer local = this.environment.getProperty("local.server.port", Integer.class);
			if (local != null && local > 0) {
				this.localPort = local;
				return local;
			}
			Integer configured = this.environment.getProperty("server.port", Integer.class);
			return (configured != null && configured > 0) ? configured : -1;
		}

	}

}
