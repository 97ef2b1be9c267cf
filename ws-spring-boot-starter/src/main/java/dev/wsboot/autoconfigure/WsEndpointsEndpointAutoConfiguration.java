package dev.wsboot.autoconfigure;

import dev.wsboot.actuate.WsEndpointsEndpoint;
import dev.wsboot.endpoint.WsEndpointRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code wsendpoints} actuator endpoint,
 * {@link WsEndpointsEndpoint}. Needs Spring Boot's actuator (the actuator starter brings
 * it); like every actuator endpoint, it is reachable over HTTP only once exposed, with
 * {@code management.endpoints.web.exposure.include}.
 */
@AutoConfiguration(after = WsServerAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(WsEndpointsEndpoint.class)
public final class WsEndpointsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(WsEndpointRegistry.class)
	@ConditionalOnMissingBean
	WsEndpointsEndpoint wsEndpointsEndpoint(WsEndpointRegistry wsEndpointRegistry) {
		return new WsEndpointsEndpoint(wsEndpointRegistry);
	}

}
