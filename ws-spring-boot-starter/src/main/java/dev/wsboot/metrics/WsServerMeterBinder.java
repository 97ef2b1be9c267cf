package dev.wsboot.metrics;

import java.util.function.ToDoubleFunction;

import dev.wsboot.server.WsServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauges of the server as a whole: its TCP connections in any state, and the
 * limit they are held to. The per-endpoint meters come from {@link MicrometerWsMetrics}.
 */
public final class WsServerMeterBinder implements MeterBinder {

	private final WsServer server;

	/**
	 * Creates a binder for a server.
	 * @param server the server to observe
	 */
	public WsServerMeterBinder(WsServer server) {
		this.server = server;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, WsMeters.CONNECTIONS_CURRENT, this.server, WsServer::connections);
		gauge(registry, WsMeters.CONNECTIONS_MAX, this.server, (server) -> server.config().maxConnections());
	}

	private static void gauge(MeterRegistry registry, WsMeters meter, WsServer server,
			ToDoubleFunction<WsServer> value) {
		Gauge.builder(meter.getName(), server, value)
			.description(meter.getDescription())
			.baseUnit(meter.getBaseUnit())
			.register(registry);
	}

}
