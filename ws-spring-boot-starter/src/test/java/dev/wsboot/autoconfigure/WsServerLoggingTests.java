package dev.wsboot.autoconfigure;

import java.nio.charset.StandardCharsets;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.WsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server logs in a Spring Boot application: the start line, and the listener's
 * {@code System.Logger} DEBUG lines, which reach Logback through Boot's
 * {@code java.util.logging} bridge and its level propagation.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsServerLoggingTests {

	@Test
	void logsStartAtInfo(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run()) {
			int port = context.getBean(WsServer.class).port();
			assertThat(output).contains("INFO")
				.contains("WebSocket server started on port " + port
						+ " (address 127.0.0.1, TLS off) with endpoints [/echo]");
		}
	}

	@Test
	void listenerDebugLinesReachLogback(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run("logging.level.dev.wsboot.server=DEBUG")) {
			int port = context.getBean(WsServer.class).port();
			try (RawClient client = RawClient.connect(port)) {
				assertThat(client.handshake("/nowhere")).startsWith("HTTP/1.1 404");
			}
			try (RawClient client = RawClient.connect(port)) {
				client.handshake("/echo");
				client.frame(true, 1, "unmasked".getBytes(StandardCharsets.UTF_8), false);
				assertThat(client.readCloseCode()).isEqualTo(1002);
			}
			assertThat(output)
				.containsPattern("DEBUG .* dev\\.wsboot\\.server\\.WsServer +: Handshake from "
						+ "/127\\.0\\.0\\.1:\\d+ rejected with 404 \\(not_found\\)")
				.containsPattern(
						"DEBUG .* dev\\.wsboot\\.server\\.WsServer +: Closing /127\\.0\\.0\\.1:\\d+ with 1002");
		}
	}

	@Test
	void listenerDebugLinesAreOffByDefault(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = run()) {
			try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
				assertThat(client.handshake("/nowhere")).startsWith("HTTP/1.1 404");
			}
			assertThat(output).doesNotContain("rejected with 404");
		}
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("ws.server.port=0", "ws.server.address=127.0.0.1")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WsServerAutoConfiguration.class)
	@Import(EchoEndpoint.class)
	static class Config {

	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
