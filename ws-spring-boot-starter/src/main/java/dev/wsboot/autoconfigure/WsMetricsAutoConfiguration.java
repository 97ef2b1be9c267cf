package dev.wsboot.autoconfigure;

import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.metrics.MicrometerWsMetrics;
import dev.wsboot.metrics.TimerMessageHandlingObservers;
import dev.wsboot.metrics.WsServerMeterBinder;
import dev.wsboot.observation.WsMessageHandlingObservers;
import dev.wsboot.server.WsMetrics;
import dev.wsboot.server.WsServer;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the WebSocket server's Micrometer meters: a
 * {@link MicrometerWsMetrics} that the {@link WsServer} reports to, and the server-wide
 * gauges of {@link WsServerMeterBinder}, the {@code ws.server.message.handling} timers of
 * {@link TimerMessageHandlingObservers} (unless {@code ws.server.observation-enabled} put
 * Observations in their place); each endpoint's meters are registered when the server
 * starts, so they read zero before the first session. Backs off without Micrometer or
 * without a {@link MeterRegistry} bean, and the server then records nothing.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		after = WsServerAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
public final class WsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnMissingBean(WsMetrics.class)
	MicrometerWsMetrics wsMetrics(MeterRegistry meterRegistry) {
		return new MicrometerWsMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnMissingBean(WsMessageHandlingObservers.class)
	TimerMessageHandlingObservers wsMessageHandlingObservers(MeterRegistry meterRegistry) {
		return new TimerMessageHandlingObservers(meterRegistry);
	}

	@Bean
	@ConditionalOnBean({ MeterRegistry.class, WsServer.class })
	@ConditionalOnMissingBean
	WsServerMeterBinder wsServerMeterBinder(WsServer wsServer) {
		return new WsServerMeterBinder(wsServer);
	}

	@Bean
	@ConditionalOnBean({ MicrometerWsMetrics.class, WsEndpointRegistry.class })
	WsEndpointMetersRegistrar wsEndpointMetersRegistrar(MicrometerWsMetrics wsMetrics,
			WsEndpointRegistry wsEndpointRegistry) {
		return new WsEndpointMetersRegistrar(wsMetrics, wsEndpointRegistry);
	}

}
