package dev.wsboot.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.WsServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class WsServerLifecycleTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
		.withUserConfiguration(EchoEndpoint.class)
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1");

	@Test
	void runsInTheWebServersPhaseAndIsNotPauseable() {
		this.contextRunner.run((context) -> {
			WsServerLifecycle lifecycle = context.getBean(WsServerLifecycle.class);
			assertThat(lifecycle.getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE - 2048);
			assertThat(lifecycle.isAutoStartup()).isTrue();
			assertThat(lifecycle.isPauseable()).isFalse();
		});
	}

	@Test
	void publishesInitializedEventOnceListening() {
		this.contextRunner.withUserConfiguration(EventRecorder.class).run((context) -> {
			List<WsServerInitializedEvent> events = context.getBean(EventRecorder.class).events;
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.getServer()).isSameAs(context.getBean(WsServer.class));
				assertThat(event.getServer().port()).isPositive();
				assertThat(event.getApplicationContext()).isSameAs(context.getSourceApplicationContext());
			});
		});
	}

	@Test
	void stopsServerAndIsIdempotent() {
		this.contextRunner.run((context) -> {
			WsServerLifecycle lifecycle = context.getBean(WsServerLifecycle.class);
			WsServer server = context.getBean(WsServer.class);
			lifecycle.stop();
			assertThat(lifecycle.isRunning()).isFalse();
			assertThat(server.isRunning()).isFalse();
			lifecycle.stop();
		});
	}

	@Test
	void failsWithPortInUseWhenPortIsTaken() throws Exception {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = taken.getLocalPort();
			this.contextRunner.withPropertyValues("ws.server.port=" + port).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(java.net.BindException.class);
				assertThat(context.getStartupFailure()).hasStackTraceContaining(WsPortInUseException.class.getName()
						+ ": WebSocket server port " + port + " is already in use");
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

	@Configuration(proxyBeanMethods = false)
	static class EventRecorder {

		final List<WsServerInitializedEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<WsServerInitializedEvent> recorder() {
			return this.events::add;
		}

	}

}
