package dev.wsboot.actuate;

import dev.wsboot.server.WsServer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of the WebSocket server: {@code UP} while it accepts connections,
 * {@code DOWN} before it starts and once it stops. Details: the bound port, the number of
 * event loops, the open sessions, the TCP connections in any state and their limit.
 */
public final class WsHealthIndicator implements HealthIndicator {

	private final WsServer server;

	/**
	 * Creates an indicator.
	 * @param server the server to report on
	 */
	public WsHealthIndicator(WsServer server) {
		this.server = server;
	}

	@Override
	public Health health() {
		Health.Builder builder = this.server.isRunning() ? Health.up() : Health.down();
		return builder.withDetail("port", this.server.port())
			.withDetail("eventLoops", this.server.config().eventLoops())
			.withDetail("openSessions", this.server.openSessions())
			.withDetail("connections", this.server.connections())
			.withDetail("maxConnections", this.server.config().maxConnections())
			.build();
	}

}
