package dev.wsboot.autoconfigure;

import dev.wsboot.actuate.WsHealthIndicator;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.WsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsHealthContributorAutoConfiguration} and {@link WsHealthIndicator}.
 */
class WsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WsServerAutoConfiguration.class, WsHealthContributorAutoConfiguration.class))
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1", "ws.server.event-loops=3");

	@Test
	void reportsUpWithDetailsWhileTheServerRuns() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			assertThat(context).hasNotFailed().hasBean("wsHealthIndicator");
			WsServer server = context.getBean(WsServer.class);
			Health health = context.getBean("wsHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("port", server.port())
				.containsEntry("eventLoops", 3)
				.containsEntry("openSessions", 0)
				.containsEntry("connections", 0)
				.containsKey("maxConnections");
		});
	}

	@Test
	void reportsDownOnceTheServerStops() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class).run((context) -> {
			context.getBean(WsServerLifecycle.class).stop();
			assertThat(context.getBean(WsHealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withClassLoader(new FilteredClassLoader(Health.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WsServer.class)
				.doesNotHaveBean(WsHealthIndicator.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("management.health.ws.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsHealthIndicator.class));
	}

	@Test
	void backsOffWithoutAServer() {
		this.contextRunner
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsHealthIndicator.class));
	}

	@Test
	void userIndicatorNamedWsHealthIndicatorWins() {
		this.contextRunner.withUserConfiguration(EchoEndpoint.class)
			.withBean("wsHealthIndicator", HealthIndicator.class, () -> () -> Health.unknown().build())
			.run((context) -> assertThat(context).doesNotHaveBean(WsHealthIndicator.class)
				.hasBean("wsHealthIndicator"));
	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
