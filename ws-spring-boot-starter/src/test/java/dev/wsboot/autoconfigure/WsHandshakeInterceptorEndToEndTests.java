package dev.wsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.PathParam;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.server.WsHandshakeContext;
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshake interceptor beans through real handshakes: rejections with their status and
 * body, and the attributes and principal they set, as the endpoint sees them.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsHandshakeInterceptorEndToEndTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
		.withUserConfiguration(SecureEndpoint.class, OpenEndpoint.class, Interceptors.class)
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1");

	@Test
	void routesOnWorkersWhenThereAreInterceptors() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(WsEndpointRegistry.class).isBlocking()).isTrue();
			assertThat(context.getBean(WsEndpointRegistry.class).interceptors()).hasSize(3);
			int port = context.getBean(WsServer.class).port();
			try (RawClient client = RawClient.connect(port)) {
				assertThat(client.handshake("/secure/lobby?token=alice-token")).startsWith("HTTP/1.1 101 ");
			}
			assertThat(context.getBean(Interceptors.class).threads).isNotEmpty()
				.allSatisfy((thread) -> assertThat(thread).startsWith("ws-worker-"));
		});
	}

	@Test
	void rejectsWith401WithoutToken() {
		this.contextRunner.run((context) -> {
			try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
				assertThat(client.handshake("/secure/lobby")).startsWith("HTTP/1.1 401 Unauthorized\r\n")
					.contains("\r\nWWW-Authenticate: Bearer\r\n");
				assertThat(client.readToEnd()).isEqualTo("Missing token");
			}
		});
	}

	@Test
	void rejectsWith403WithUnknownToken() {
		this.contextRunner.run((context) -> {
			try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
				assertThat(client.handshake("/secure/lobby?token=mallory")).startsWith("HTTP/1.1 403 Forbidden\r\n");
				assertThat(client.readToEnd()).isEqualTo("Invalid token");
			}
		});
	}

	@Test
	void endpointSeesPrincipalAndAttributesInOnOpenAndOnMessage() {
		this.contextRunner.run((context) -> {
			try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
				assertThat(client.handshake("/secure/lobby?token=alice-token")).startsWith("HTTP/1.1 101 ");
				assertThat(client.read().text()).isEqualTo("open lobby: alice, order [first, second], room lobby");
				client.text("hi", true);
				assertThat(client.read().text()).isEqualTo("alice (admin) says hi");
			}
		});
	}

	@Test
	void readsTheTokenFromACookie() {
		this.contextRunner.run((context) -> {
			try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
				String response = client.request("GET /secure/kitchen HTTP/1.1\r\nHost: localhost\r\n"
						+ "Cookie: theme=dark; token=alice-token\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
						+ "Sec-WebSocket-Key: " + RawClient.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
				assertThat(response).startsWith("HTTP/1.1 101 ");
				assertThat(client.read().text()).startsWith("open kitchen: alice");
			}
		});
	}

	@Test
	void leavesOtherEndpointsOpen() {
		this.contextRunner.run((context) -> {
			try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
				assertThat(client.handshake("/open")).startsWith("HTTP/1.1 101 ");
				client.text("who", true);
				assertThat(client.read().text()).isEqualTo("principal null, attributes {order=[first, second]}");
			}
		});
	}

	@Test
	void rejectsWith500AndLogsWhenAnInterceptorThrows(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
				assertThat(client.handshake("/secure/lobby?token=boom")).startsWith("HTTP/1.1 500 ");
				assertThat(client.readToEnd()).isEqualTo("Handshake failed");
			}
			assertThat(output).contains("ERROR")
				.contains("Handshake interceptor")
				.contains("failed for endpoint '/secure/{room}'")
				.contains("IllegalStateException: token store unavailable");
		});
	}

	@Test
	void doesNotBlockWithoutInterceptors() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
			.withUserConfiguration(OpenEndpoint.class)
			.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1")
			.run((context) -> assertThat(context.getBean(WsEndpointRegistry.class).isBlocking()).isFalse());
	}

	@Configuration(proxyBeanMethods = false)
	static class Interceptors {

		final List<String> threads = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		WsHandshakeInterceptor tokenInterceptor() {
			return (handshake) -> {
				this.threads.add(Thread.currentThread().getName());
				if (!handshake.endpoint().startsWith("/secure/")) {
					return;
				}
				String token = handshake.queryParam("token");
				if (token == null) {
					token = handshake.cookie("token");
				}
				if (token == null) {
					handshake.reject(401, "Missing token", Map.of("WWW-Authenticate", "Bearer"));
					return;
				}
				if (token.equals("boom")) {
					throw new IllegalStateException("token store unavailable");
				}
				if (!token.equals("alice-token")) {
					handshake.reject(403, "Invalid token");
					return;
				}
				handshake.setPrincipal(new NamedPrincipal("alice"));
				handshake.attributes().put("role", "admin");
			};
		}

		@Bean
		@Order(1)
		WsHandshakeInterceptor first() {
			return (handshake) -> handshake.attributes().put("order", new CopyOnWriteArrayList<>(List.of("first")));
		}

		@Bean
		@Order(3)
		WsHandshakeInterceptor second() {
			return (handshake) -> order(handshake).add("second");
		}

		@SuppressWarnings("unchecked")
		private static List<String> order(WsHandshakeContext handshake) {
			return (List<String>) handshake.attributes().get("order");
		}

	}

	record NamedPrincipal(String getName) implements Principal {
	}

	@WsEndpoint("/secure/{room}")
	static class SecureEndpoint {

		@OnOpen
		void open(WsSession session, @PathParam String room) {
			Map<String, Object> attributes = session.attributes();
			session.sendText("open " + room + ": " + session.principal().getName() + ", order "
					+ attributes.get("order") + ", room " + session.pathParams().get("room"));
		}

		@OnMessage
		String say(WsSession session, String text) {
			return session.principal().getName() + " (" + session.attributes().get("role") + ") says " + text;
		}

	}

	@WsEndpoint("/open")
	static class OpenEndpoint {

		@OnMessage
		String who(WsSession session, String text) {
			return "principal " + session.principal() + ", attributes " + session.attributes();
		}

	}

}
