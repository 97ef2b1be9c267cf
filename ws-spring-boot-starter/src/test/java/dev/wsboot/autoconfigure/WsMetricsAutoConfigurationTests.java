package dev.wsboot.autoconfigure;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.metrics.MicrometerWsMetrics;
import dev.wsboot.metrics.TimerMessageHandlingObservers;
import dev.wsboot.metrics.WsServerMeterBinder;
import dev.wsboot.observation.ObservationMessageHandlingObservers;
import dev.wsboot.observation.WsMessageHandlingObservers;
import dev.wsboot.server.WsMetrics;
import dev.wsboot.server.WsServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsMetricsAutoConfiguration}.
 */
class WsMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class, WsMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class))
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1", "ws.server.max-connections=123")
		.withUserConfiguration(EchoEndpoint.class);

	@Test
	void recordsToTheMeterRegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(MicrometerWsMetrics.class)
				.hasSingleBean(WsServerMeterBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("ws.server.connections.max").gauge().value()).isEqualTo(123);
			assertThat(registry.get("ws.server.connections.current").gauge().value()).isZero();
		});
	}

	@Test
	void registersEachEndpointsMetersBeforeTheFirstSession() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("ws.server.connections.active").tag("endpoint", "/echo").gauge().value()).isZero();
			assertThat(registry.get("ws.server.connections.opened").tag("endpoint", "/echo").counter().count())
				.isZero();
		});
	}

	@Test
	void timesMessageHandlingWithAPlainTimerByDefault() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(WsMessageHandlingObservers.class)
				.isInstanceOf(TimerMessageHandlingObservers.class));
	}

	@Test
	void observesMessageHandlingWhenObservationIsEnabled() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.withPropertyValues("ws.server.observation-enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(WsMessageHandlingObservers.class)
				.isInstanceOf(ObservationMessageHandlingObservers.class));
	}

	@Test
	void userMessageHandlingObserversWin() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean("customObservers", WsMessageHandlingObservers.class, () -> WsMessageHandlingObservers.NOOP)
			.run((context) -> assertThat(context.getBeanNamesForType(WsMessageHandlingObservers.class))
				.containsExactly("customObservers"));
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WsServer.class)
				.doesNotHaveBean(WsMetrics.class)
				.doesNotHaveBean(WsServerMeterBinder.class)
				.doesNotHaveBean(WsMessageHandlingObservers.class));
	}

	@Test
	void backsOffWithoutAMeterRegistryBean() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(WsServer.class)
			.doesNotHaveBean(WsMetrics.class)
			.doesNotHaveBean(WsServerMeterBinder.class)
			.doesNotHaveBean(WsMessageHandlingObservers.class));
	}

	@Test
	void userWsMetricsWins() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withBean("customWsMetrics", WsMetrics.class, () -> WsMetrics.NONE)
			.run((context) -> assertThat(context.getBeanNamesForType(WsMetrics.class))
				.containsExactly("customWsMetrics"));
	}

	@Test
	void bindsNoServerGaugesWithoutAServer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class, WsMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(MicrometerWsMetrics.class)
				.doesNotHaveBean(WsServerMeterBinder.class));
	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
