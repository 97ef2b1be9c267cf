package dev.wsboot.endtoend;

import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsSessions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application context closes every session with 1001 (going away).
 */
class ShutdownEndToEndTests {

	@Test
	void closingTheContextSends1001ToConnectedClients() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EndToEndApplication.class)
			.properties("ws.server.port=0", "ws.server.address=127.0.0.1", "ws.server.shutdown-timeout=5s")
			.run();
		JdkClient client = null;
		try {
			int port = context.getEnvironment().getRequiredProperty("local.ws.server.port", Integer.class);
			client = JdkClient.connect(port, "/echo");
			client.sendText("still here");
			assertThat(client.nextText()).isEqualTo("still here");
			WsSessions sessions = context.getBean(WsSessions.class);
			await().atMost(JdkClient.TIMEOUT).until(() -> sessions.sessions("/echo").size() == 1);
			WsServer server = context.getBean(WsServer.class);
			context.close();
			assertThat(client.awaitClose()).startsWith("1001");
			assertThat(server.isRunning()).isFalse();
		}
		finally {
			context.close();
			if (client != null) {
				client.close();
			}
		}
	}

}
