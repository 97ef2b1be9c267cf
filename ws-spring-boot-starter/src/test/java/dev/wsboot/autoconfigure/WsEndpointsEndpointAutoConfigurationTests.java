package dev.wsboot.autoconfigure;

import java.util.List;

import dev.wsboot.actuate.WsEndpointsEndpoint;
import dev.wsboot.actuate.WsEndpointsEndpoint.WsEndpointDescriptor;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsEndpointsEndpointAutoConfiguration} and {@link WsEndpointsEndpoint}.
 */
class WsEndpointsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WsServerAutoConfiguration.class, WsEndpointsEndpointAutoConfiguration.class))
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1")
		.withUserConfiguration(EchoEndpoint.class, ChatEndpoint.class);

	@Test
	void describesEachEndpointWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wsendpoints")
			.run((context) -> {
				assertThat(context).hasSingleBean(WsEndpointsEndpoint.class);
				assertThat(context.getBean(WsEndpointsEndpoint.class).endpoints().endpoints())
					.containsExactlyInAnyOrder(new WsEndpointDescriptor("/echo", List.of(), true, 0),
							new WsEndpointDescriptor("/chat/{room}", List.of("chat.v2", "chat.v1"), false, 0));
			});
	}

	@Test
	void backsOffWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WsEndpointsEndpoint.class));
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wsendpoints")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsEndpointsEndpoint.class));
	}

	@WsEndpoint(path = "/echo", nonBlocking = true)
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint(path = "/chat/{room}", subprotocols = { "chat.v2", "chat.v1" })
	static class ChatEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
