package dev.wsboot.autoconfigure;

import dev.wsboot.actuate.WsHealthIndicator;
import dev.wsboot.server.WsServer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code ws} health indicator, {@link WsHealthIndicator}. Needs
 * {@code spring-boot-health} (the actuator starter brings it) and a running
 * {@link WsServer}; {@code management.health.ws.enabled=false} turns it off.
 */
@AutoConfiguration(after = WsServerAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(Health.class)
@ConditionalOnEnabledHealthIndicator("ws")
public final class WsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnBean(WsServer.class)
	@ConditionalOnMissingBean(name = "wsHealthIndicator")
	WsHealthIndicator wsHealthIndicator(WsServer wsServer) {
		return new WsHealthIndicator(wsServer);
	}

}
