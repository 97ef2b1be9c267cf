package dev.wsboot.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Publishes the port the WebSocket server bound as the property
 * {@code local.ws.server.port}, in the {@code server.ports} property source of the
 * context and its ancestors, so that {@code @Value("${local.ws.server.port}")} and
 * {@link dev.wsboot.annotation.LocalWsServerPort} work, typically in tests run with
 * {@code ws.server.port=0}. Registered in {@code META-INF/spring.factories}.
 */
public class WsPortInfoApplicationContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property that holds the bound port. */
	public static final String PROPERTY_NAME = "local.ws.server.port";

	private static final String PROPERTY_SOURCE_NAME = "server.ports";

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		applicationContext.addApplicationListener(new Listener());
	}

	private static final class Listener implements ApplicationListener<WsServerInitializedEvent> {

		@Override
		public void onApplicationEvent(WsServerInitializedEvent event) {
			setPortProperty(event.getApplicationContext(), event.getServer().port());
		}

		private void setPortProperty(ApplicationContext context, int port) {
			if (context instanceof ConfigurableApplicationContext configurable) {
				setPortProperty(configurable.getEnvironment(), port);
			}
			ApplicationContext parent = context.getParent();
			if (parent != null) {
				setPortProperty(parent, port);
			}
		}

		@SuppressWarnings("unchecked")
		private void setPortProperty(ConfigurableEnvironment environment, int port) {
			MutablePropertySources sources = environment.getPropertySources();
			PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
			if (source == null) {
				source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
				sources.addFirst(source);
			}
			((Map<String, Object>) source.getSource()).put(PROPERTY_NAME, port);
		}

	}

}
