package dev.wsboot.autoconfigure;

import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.server.WsMetrics;

import org.springframework.context.ApplicationListener;

/**
 * Registers the meters of every endpoint once the server has started, so that
 * {@code ws.server.connections.active} and the counters show zero before the first
 * session instead of being absent.
 */
class WsEndpointMetersRegistrar implements ApplicationListener<WsServerInitializedEvent> {

	private final WsMetrics metrics;

	private final WsEndpointRegistry endpoints;

	WsEndpointMetersRegistrar(WsMetrics metrics, WsEndpointRegistry endpoints) {
		this.metrics = metrics;
		this.endpoints = endpoints;
	}

	@Override
	public void onApplicationEvent(WsServerInitializedEvent event) {
		this.endpoints.endpoints().forEach(this.metrics::endpoint);
	}

}
