package dev.wsboot.autoconfigure;

import java.io.IOException;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.WsServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The origin policy through real handshakes from a raw socket, which, unlike browsers and
 * the JDK's client, sends whatever {@code Origin} and {@code Host} a test asks for.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsOriginPolicyEndToEndTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
		.withUserConfiguration(EchoEndpoint.class, PartnerEndpoint.class)
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1");

	@Test
	void allowsClientsWithoutOrigin() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(handshake(port, "/echo", "localhost:" + port, null)).startsWith("HTTP/1.1 101 ");
		});
	}

	@Test
	void allowsPagesOnTheWebSocketPort() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(handshake(port, "/echo", "localhost:" + port, "http://localhost:" + port))
				.startsWith("HTTP/1.1 101 ");
		});
	}

	@Test
	void allowsPagesOnTheApplicationsHttpPort() {
		this.contextRunner.withPropertyValues("server.port=18080").run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(handshake(port, "/echo", "localhost:" + port, "http://localhost:18080"))
				.startsWith("HTTP/1.1 101 ");
			assertThat(handshake(port, "/echo", "LOCALHOST:" + port, "HTTP://LocalHost:18080"))
				.startsWith("HTTP/1.1 101 ");
		});
	}

	@Test
	void prefersTheBoundHttpPortToTheConfiguredOne() {
		this.contextRunner.withPropertyValues("server.port=0", "local.server.port=23456").run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(handshake(port, "/echo", "localhost:" + port, "http://localhost:23456"))
				.startsWith("HTTP/1.1 101 ");
		});
	}

	@Test
	void forbidsSameHostOnAnotherPort() {
		this.contextRunner.withPropertyValues("server.port=18080").run((context) -> {
			int port = context.getBean(WsServer.class).port();
			try (RawClient client = RawClient.connect(port)) {
				assertThat(client.request(head("/echo", "localhost:" + port, "http://localhost:18081")))
					.startsWith("HTTP/1.1 403 Forbidden\r\n");
				assertThat(client.readToEnd()).isEqualTo("Origin not allowed");
			}
		});
	}

	@Test
	void forbidsAnotherHost() {
		this.contextRunner.withPropertyValues("server.port=18080").run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(handshake(port, "/echo", "localhost:" + port, "http://evil.example:18080"))
				.startsWith("HTTP/1.1 403 ");
			assertThat(handshake(port, "/echo", "localhost:" + port, "null")).startsWith("HTTP/1.1 403 ");
		});
	}

	@Test
	void allowsExactOriginsAndPatterns() {
		this.contextRunner
			.withPropertyValues(
					"ws.server.allowed-origins=https://app.example.com, https://*.example.org," + " http://localhost:*")
			.run((context) -> {
				int port = context.getBean(WsServer.class).port();
				String host = "ws.example.com";
				assertThat(handshake(port, "/echo", host, "https://app.example.com")).startsWith("HTTP/1.1 101 ");
				assertThat(handshake(port, "/echo", host, "https://a.b.example.org")).startsWith("HTTP/1.1 101 ");
				assertThat(handshake(port, "/echo", host, "http://localhost:5173")).startsWith("HTTP/1.1 101 ");
				assertThat(handshake(port, "/echo", host, "https://other.example.com")).startsWith("HTTP/1.1 403 ");
				assertThat(handshake(port, "/echo", host, "https://example.org")).startsWith("HTTP/1.1 403 ");
				assertThat(handshake(port, "/echo", host, "http://app.example.com")).startsWith("HTTP/1.1 403 ");
			});
	}

	@Test
	void allowsEveryOriginWithStarAndWarns(CapturedOutput output) {
		this.contextRunner.withPropertyValues("ws.server.allowed-origins=*").run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(handshake(port, "/echo", "localhost", "https://evil.example")).startsWith("HTTP/1.1 101 ");
			assertThat(output).contains("WARN")
				.contains("ws.server.allowed-origins is '*'")
				.contains("cross-site WebSocket hijacking");
		});
	}

	@Test
	void doesNotWarnWithoutStar(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(output).doesNotContain("hijacking"));
	}

	@Test
	void endpointOriginsWidenTheGlobalOnesForThatEndpoint() {
		this.contextRunner.withPropertyValues("ws.server.allowed-origins=https://global.example").run((context) -> {
			int port = context.getBean(WsServer.class).port();
			assertThat(handshake(port, "/partner", "localhost", "https://app.partner.example"))
				.startsWith("HTTP/1.1 101 ");
			assertThat(handshake(port, "/partner", "localhost", "https://global.example")).startsWith("HTTP/1.1 101 ");
			assertThat(handshake(port, "/echo", "localhost", "https://app.partner.example"))
				.startsWith("HTTP/1.1 403 ");
		});
	}

	@Test
	void failsToStartWithAnInvalidAllowedOrigin() {
		this.contextRunner.withPropertyValues("ws.server.allowed-origins=app.example.com")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.server.allowed-origins")
				.hasMessageContaining("Invalid allowed origin 'app.example.com'"));
	}

	private static String handshake(int port, String path, String host, @Nullable String origin) throws IOException {
		try (RawClient client = RawClient.connect(port)) {
			return client.request(head(path, host, origin));
		}
	}

	private static String head(String path, String host, @Nullable String origin) {
		return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
				+ ((origin != null) ? "Origin: " + origin + "\r\n" : "")
				+ "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + RawClient.KEY
				+ "\r\nSec-WebSocket-Version: 13\r\n\r\n";
	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint(path = "/partner", allowedOrigins = "https://*.partner.example")
	static class PartnerEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
