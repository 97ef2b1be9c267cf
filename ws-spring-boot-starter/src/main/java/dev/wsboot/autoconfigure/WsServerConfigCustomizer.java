package dev.wsboot.autoconfigure;

import dev.wsboot.server.WsServerConfig;

/**
 * Adjusts the auto-configured {@link WsServerConfig} after the {@code ws.server.*}
 * properties were applied. Beans of this type are called in
 * {@link org.springframework.core.Ordered order}.
 */
@FunctionalInterface
public interface WsServerConfigCustomizer {

	/**
	 * Customizes the configuration.
	 * @param builder the builder, holding the values from the properties
	 */
	void customize(WsServerConfig.Builder builder);

}
