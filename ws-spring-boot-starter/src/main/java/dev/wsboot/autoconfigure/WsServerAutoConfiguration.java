package dev.wsboot.autoconfigure;

import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.endpoint.WsEndpointScanner;
import dev.wsboot.endpoint.WsOriginPolicy;
import dev.wsboot.observation.ObservationMessageHandlingObservers;
import dev.wsboot.observation.WsMessageHandlingObservationConvention;
import dev.wsboot.observation.WsMessageHandlingObservers;
import dev.wsboot.server.WsMetrics;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsServerConfig;
import dev.wsboot.server.WsSessions;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration of the wsboot WebSocket server: finds the
 * {@link WsEndpoint @WsEndpoint} beans, and, when there is at least one, runs a
 * {@link WsServer} for them on {@code ws.server.port} for as long as the application
 * context is running. Backs off with {@code ws.server.enabled=false}.
 * <p>
 * The endpoint registry, its scanner and {@link WsSessions} always exist, so that code
 * injecting {@code WsSessions} works in an application that has no endpoints yet. The
 * server, its executor and its lifecycle are in a nested configuration conditional on an
 * endpoint bean: the decision shows in the conditions report, and a user's own
 * {@link WsServer} or {@link WsServerConfig} bean replaces the auto-configured one.
 * <p>
 * The registry checks each handshake's origin against {@code ws.server.allowed-origins}
 * and the application's own ports, then runs the
 * {@link dev.wsboot.server.WsHandshakeInterceptor} beans. With
 * {@code ws.server.ssl.bundle} the server speaks TLS with that Spring Boot SSL bundle.
 * With {@code ws.server.observation-enabled} each message handled is a Micrometer
 * Observation in the application's {@code ObservationRegistry} (else
 * {@link WsMetricsAutoConfiguration} times it with a plain timer).
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "ws.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WsServerProperties.class)
public final class WsServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WsEndpointRegistry wsEndpointRegistry(WsServerProperties properties, Environment environment,
			ObjectProvider<WsServer> wsServer) {
		WsOriginPolicy originPolicy;
		try {
			originPolicy = WsOriginPolicy.of(properties.getAllowedOrigins(),
					ApplicationPorts.webSocket(wsServer, properties.getPort()), ApplicationPorts.http(environment));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("ws.server.allowed-origins",
					String.join(",", properties.getAllowedOrigins()), ex.getMessage());
		}
		return new WsEndpointRegistry(originPolicy);
	}

	@Bean
	@ConditionalOnMissingBean
	WsEndpointScanner wsEndpointScanner(WsEndpointRegistry wsEndpointRegistry) {
		return new WsEndpointScanner(wsEndpointRegistry);
	}

	@Bean
	@ConditionalOnBooleanProperty("ws.server.observation-enabled")
	@ConditionalOnMissingBean(WsMessageHandlingObservers.class)
	ObservationMessageHandlingObservers wsMessageHandlingObservers(ObjectProvider<ObservationRegistry> registry,
			ObjectProvider<WsMessageHandlingObservationConvention> convention) {
		return new ObservationMessageHandlingObservers(registry.getIfUnique(() -> ObservationRegistry.NOOP),
				convention.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	WsSessions wsSessions(WsEndpointRegistry wsEndpointRegistry) {
		return wsEndpointRegistry.sessions();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(annotation = WsEndpoint.class)
	static class WsServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WsHandlerExecutor wsHandlerExecutor(WsServerProperties properties, Environment environment) {
			if (properties.getDispatch() == WsServerProperties.Dispatch.EVENT_LOOP) {
				return WsHandlerExecutor.eventLoop();
			}
			if (Threading.VIRTUAL.isActive(environment)) {
				return WsHandlerExecutor.virtualThreads();
			}
			return WsHandlerExecutor.platformThreads(properties.getWorkerThreads());
		}

		@Bean
		@ConditionalOnMissingBean
		WsServerConfig wsServerConfig(WsServerProperties properties, WsHandlerExecutor wsHandlerExecutor,
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<WsServerConfigCustomizer> customizers) {
			WsServerConfig.Builder builder = WsServerConfig.builder();
			PropertyMapper map = PropertyMapper.get();
			map.from(properties::getAddress).to(builder::address);
			map.from(properties::getPort).to(builder::port);
			map.from(properties::getEventLoops).to(builder::eventLoops);
			map.from(properties::getMaxFrameSize).asInt(DataSize::toBytes).to(builder::maxFrameSize);
			map.from(properties::getMaxMessageSize).asInt(DataSize::toBytes).to(builder::maxMessageSize);
			map.from(properties::getAutoFragmentSize).asInt(DataSize::toBytes).to(builder::autoFragmentSize);
			map.from(properties::getMaxHandshakeSize).asInt(DataSize::toBytes).to(builder::maxHandshakeSize);
			map.from(properties::getHandshakeTimeout).to(builder::handshakeTimeout);
			map.from(properties::getIdleTimeout).to(builder::idleTimeout);
			map.from(properties::getPingInterval).to(builder::pingInterval);
			map.from(properties::getCloseTimeout).to(builder::closeTimeout);
			map.from(properties::getMaxConnections).to(builder::maxConnections);
			map.from(properties::getOutboundBufferLimit).as(DataSize::toBytes).to(builder::outboundBufferLimit);
			map.from(properties::getOverflowPolicy).to(builder::overflowPolicy);
			builder.compression(properties.getCompression().toConfig());
			builder.handlerExecutor(wsHandlerExecutor.executor());
			builder.adaptiveDispatch(properties.getDispatch() == WsServerProperties.Dispatch.ADAPTIVE);
			builder.busyPoll(properties.getBusyPoll());
			WsServerProperties.Ssl ssl = properties.getSsl();
			if (ssl.isEnabled() && StringUtils.hasText(ssl.getBundle())) {
				builder.tlsEngineFactory(SslBundleEngineFactory.create(sslBundles.getIfAvailable(), ssl.getBundle()));
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean
		WsServer wsServer(WsServerConfig wsServerConfig, WsEndpointRegistry wsEndpointRegistry,
				ObjectProvider<WsMetrics> wsMetrics) {
			return new WsServer(wsServerConfig, wsEndpointRegistry, wsMetrics.getIfUnique(() -> WsMetrics.NONE));
		}

		@Bean
		@ConditionalOnMissingBean
		WsServerLifecycle wsServerLifecycle(WsServer wsServer, WsServerProperties properties,
				ObjectProvider<WsServerConfig> wsServerConfig, ApplicationContext applicationContext) {
			WsServerConfig config = wsServerConfig.getIfUnique();
			int port = (config != null) ? config.port() : properties.getPort();
			return new WsServerLifecycle(wsServer, port, properties.getShutdownTimeout(), applicationContext);
		}

	}

}
