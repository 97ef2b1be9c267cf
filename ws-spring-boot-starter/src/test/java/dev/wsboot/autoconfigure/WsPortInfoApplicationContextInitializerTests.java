package dev.wsboot.autoconfigure;

import dev.wsboot.annotation.LocalWsServerPort;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.WsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Lazy;

import static org.assertj.core.api.Assertions.assertThat;

class WsPortInfoApplicationContextInitializerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
		.withInitializer(new WsPortInfoApplicationContextInitializer())
		.withUserConfiguration(EchoEndpoint.class)
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1");

	@Test
	void publishesBoundPortAsLocalWsServerPort() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(port).isPositive();
			assertThat(context.getEnvironment().getProperty("local.ws.server.port", Integer.class)).isEqualTo(port);
		});
	}

	@Test
	void injectsPortIntoLazilyResolvedBeans() {
		this.contextRunner.withBean(PortHolder.class).run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(context.getBean(PortHolder.class).port).isEqualTo(port);
		});
	}

	@Test
	void publishesPortInParentContextToo() {
		try (AnnotationConfigApplicationContext parent = new AnnotationConfigApplicationContext()) {
			parent.refresh();
			this.contextRunner.withParent(parent).run((context) -> {
				int port = context.getBean(WsServer.class).port();
				assertThat(parent.getEnvironment().getProperty("local.ws.server.port", Integer.class)).isEqualTo(port);
			});
		}
	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@Lazy
	static class PortHolder {

		final int port;

		PortHolder(@LocalWsServerPort int port) {
			this.port = port;
		}

	}

}
