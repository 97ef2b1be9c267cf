package dev.wsboot.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.wsboot.annotation.LocalWsServerPort;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's actuator over HTTP after a WebSocket echo: Prometheus series, the {@code ws}
 * health component and the {@code wsendpoints} endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.server.port=0", "ws.server.address=127.0.0.1" })
class DemoObservabilityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@Value("${local.server.port}")
	private int httpPort;

	@LocalWsServerPort
	private int wsPort;

	@Test
	void prometheusShowsWebSocketSeriesAfterAnEcho() throws Exception {
		assertThat(echo("hello")).isEqualTo("hello");
		// The session's end and the handling timer are recorded just after the client
		// sees the reply: scrape until they show, within a bound.
		// Micrometer's Prometheus naming appends the base unit and _total.
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(get("/actuator/prometheus"))
				.contains("ws_server_connections_opened_connections_total{endpoint=\"/echo\"}")
				.contains("ws_server_messages_received_messages_total{endpoint=\"/echo\",type=\"text\"}")
				.contains("ws_server_frames_received_total{endpoint=\"/echo\",opcode=\"text\"}")
				.contains("ws_server_bytes_received_bytes_total{endpoint=\"/echo\"}")
				.contains("ws_server_connections_active_connections{endpoint=\"/echo\"}")
				.contains("ws_server_connection_duration_seconds_count{endpoint=\"/echo\"}")
				.containsPattern(
						"ws_server_message_handling_seconds_count\\{endpoint=\"/echo\",error=\"none\",outcome=\"success\"} [1-9]")
				.contains("ws_server_connections_max_connections 10000"));
	}

	@Test
	void healthShowsTheWsComponentUp() throws Exception {
		String health = get("/actuator/health");
		assertThat(JsonPath.<String>read(health, "$.components.ws.status")).isEqualTo("UP");
		assertThat(JsonPath.<Integer>read(health, "$.components.ws.details.port")).isEqualTo(this.wsPort);
	}

	@Test
	void wsendpointsListsTheEchoEndpoint() throws Exception {
		String endpoints = get("/actuator/wsendpoints");
		assertThat(JsonPath.<List<String>>read(endpoints, "$.endpoints[*].path")).contains("/echo");
		assertThat(JsonPath.<List<Boolean>>read(endpoints, "$.endpoints[?(@.path == '/echo')].nonBlocking"))
			.containsExactly(true);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).timeout(TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	private String echo(String text) throws Exception {
		CompletableFuture<String> reply = new CompletableFuture<>();
		WebSocket socket = this.http.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.wsPort + "/echo"), new WebSocket.Listener() {

				private final StringBuilder received = new StringBuilder();

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					this.received.append(data);
					if (last) {
						reply.complete(this.received.toString());
					}
					webSocket.request(1);
					return null;
				}

			})
			.get(10, TimeUnit.SECONDS);
		try {
			socket.sendText(text, true).get(10, TimeUnit.SECONDS);
			return reply.get(10, TimeUnit.SECONDS);
		}
		finally {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
		}
	}

}
