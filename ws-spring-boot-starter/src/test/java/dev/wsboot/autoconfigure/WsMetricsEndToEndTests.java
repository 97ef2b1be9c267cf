package dev.wsboot.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.WsServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The meters after real traffic: the auto-configured server with a
 * {@link SimpleMeterRegistry}, raw-socket clients that count the bytes they write, and
 * the JDK's WebSocket client.
 */
class WsMetricsEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int TEXT = 1;

	private static final int BINARY = 2;

	private static final int CONTINUATION = 0;

	private static final int PING = 9;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class, WsMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withUserConfiguration(EchoEndpoint.class)
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1", "ws.server.max-frame-size=1KB");

	@Test
	void countsFramesMessagesAndBytesOfRawTraffic() {
		this.contextRunner.run((context) -> {
			long written;
			long read;
			try (RawClient client = RawClient.connect(port(context))) {
				assertThat(client.handshake("/echo")).startsWith("HTTP/1.1 101");
				client.text("hello", true);
				client.text("hel", false);
				client.frame(true, CONTINUATION, "lo!".getBytes(StandardCharsets.UTF_8), true);
				client.frame(true, PING, new byte[] { 7 }, true);
				client.frame(true, BINARY, new byte[] { 1, 2, 3 }, true);
				List<Integer> opcodes = new ArrayList<>();
				for (int i = 0; i < 4; i++) {
					opcodes.add(client.read().opcode());
				}
				assertThat(opcodes).containsExactlyInAnyOrder(TEXT, TEXT, 10, BINARY);
				client.close(1000);
				assertThat(client.readCloseCode()).isEqualTo(1000);
				client.awaitEof();
				written = client.frameBytesWritten();
				read = client.frameBytesRead();
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(closed(registry, "1000", "client")).isEqualTo(1));
			assertThat(count(registry, "ws.server.frames.received", "opcode", "text")).isEqualTo(2);
			assertThat(count(registry, "ws.server.frames.received", "opcode", "continuation")).isEqualTo(1);
			assertThat(count(registry, "ws.server.frames.received", "opcode", "binary")).isEqualTo(1);
			assertThat(count(registry, "ws.server.frames.received", "opcode", "ping")).isEqualTo(1);
			assertThat(count(registry, "ws.server.frames.received", "opcode", "pong")).isZero();
			assertThat(count(registry, "ws.server.frames.received", "opcode", "close")).isEqualTo(1);
			assertThat(count(registry, "ws.server.messages.received", "type", "text")).isEqualTo(2);
			assertThat(count(registry, "ws.server.messages.received", "type", "binary")).isEqualTo(1);
			assertThat(count(registry, "ws.server.bytes.received")).isEqualTo(written);
			assertThat(count(registry, "ws.server.frames.sent", "opcode", "text")).isEqualTo(2);
			assertThat(count(registry, "ws.server.frames.sent", "opcode", "binary")).isEqualTo(1);
			assertThat(count(registry, "ws.server.frames.sent", "opcode", "pong")).isEqualTo(1);
			assertThat(count(registry, "ws.server.frames.sent", "opcode", "close")).isEqualTo(1);
			assertThat(count(registry, "ws.server.messages.sent", "type", "text")).isEqualTo(2);
			assertThat(count(registry, "ws.server.messages.sent", "type", "binary")).isEqualTo(1);
			assertThat(count(registry, "ws.server.bytes.sent")).isEqualTo(read);
			assertThat(count(registry, "ws.server.connections.opened")).isEqualTo(1);
			assertThat(active(registry)).isZero();
			assertThat(registry.get("ws.server.connection.duration").timer().count()).isEqualTo(1);
			assertThat(registry.get("ws.server.message.handling")
				.tags("endpoint", "/echo", "outcome", "success", "error", "none")
				.timer()
				.count()).isEqualTo(3);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "adaptive", "workers", "event-loop" })
	void countsEveryReplyToPipelinedMessagesExactly(String dispatch) {
		this.contextRunner.withPropertyValues("ws.server.dispatch=" + dispatch).run((context) -> {
			int messages = 500;
			long read = 0;
			try (RawClient client = RawClient.connect(port(context))) {
				assertThat(client.handshake("/echo")).startsWith("HTTP/1.1 101");
				for (int i = 0; i < messages; i++) {
					if (i % 5 == 0) {
						client.frame(true, BINARY, new byte[i % 200], true);
					}
					else {
						client.text("message " + i, true);
					}
				}
				for (int i = 0; i < messages; i++) {
					assertThat(client.read().opcode()).isEqualTo((i % 5 == 0) ? BINARY : TEXT);
				}
				read = client.frameBytesRead();
				client.close(1000);
				assertThat(client.readCloseCode()).isEqualTo(1000);
				client.awaitEof();
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(closed(registry, "1000", "client")).isEqualTo(1));
			assertThat(count(registry, "ws.server.messages.sent", "type", "text")).isEqualTo(400);
			assertThat(count(registry, "ws.server.messages.sent", "type", "binary")).isEqualTo(100);
			assertThat(count(registry, "ws.server.frames.sent", "opcode", "text")).isEqualTo(400);
			assertThat(count(registry, "ws.server.frames.sent", "opcode", "binary")).isEqualTo(100);
			assertThat(count(registry, "ws.server.frames.sent", "opcode", "continuation")).isZero();
			// The replies, and the close frame (4 bytes).
			assertThat(count(registry, "ws.server.bytes.sent")).isEqualTo(read + 4);
			assertThat(count(registry, "ws.server.messages.received", "type", "text")).isEqualTo(400);
		});
	}

	@Test
	void activeConnectionsRiseAndFallBackToZeroWithTheJdkClient() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			JdkClient first = JdkClient.connect(port(context));
			JdkClient second = JdkClient.connect(port(context));
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(active(registry)).isEqualTo(2));
			first.socket.sendText("one", true).get(10, TimeUnit.SECONDS);
			assertThat(first.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("one");
			second.socket.sendBinary(ByteBuffer.wrap(new byte[] { 1, 2 }), true).get(10, TimeUnit.SECONDS);
			assertThat(second.messages.poll(10, TimeUnit.SECONDS)).isEqualTo("2 bytes");
			first.socket.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
			second.socket.sendClose(1000, "").get(10, TimeUnit.SECONDS);
			assertThat(first.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
			assertThat(second.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(active(registry)).isZero());
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(closed(registry, "1000", "client")).isEqualTo(2));
			assertThat(count(registry, "ws.server.connections.opened")).isEqualTo(2);
			assertThat(count(registry, "ws.server.messages.received", "type", "text")).isEqualTo(1);
			assertThat(count(registry, "ws.server.messages.received", "type", "binary")).isEqualTo(1);
			assertThat(count(registry, "ws.server.messages.sent", "type", "text")).isEqualTo(1);
			assertThat(count(registry, "ws.server.messages.sent", "type", "binary")).isEqualTo(1);
		});
	}

	@Test
	void tagsProtocolErrorsWithTheirCloseCodes() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (RawClient client = RawClient.connect(port(context))) {
				client.handshake("/echo");
				client.frame(true, TEXT, "unmasked".getBytes(StandardCharsets.UTF_8), false);
				assertThat(client.readCloseCode()).isEqualTo(1002);
			}
			try (RawClient client = RawClient.connect(port(context))) {
				client.handshake("/echo");
				client.frame(true, TEXT, new byte[] { 'a', (byte) 0xc3, 0x28 }, true);
				assertThat(client.readCloseCode()).isEqualTo(1007);
			}
			try (RawClient client = RawClient.connect(port(context))) {
				client.handshake("/echo");
				client.header(BINARY, 2000);
				assertThat(client.readCloseCode()).isEqualTo(1009);
			}
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(closed(registry, "1002", "server")).isEqualTo(1);
				assertThat(closed(registry, "1007", "server")).isEqualTo(1);
				assertThat(closed(registry, "1009", "server")).isEqualTo(1);
			});
			assertThat(count(registry, "ws.server.protocol.errors", "code", "1002")).isEqualTo(1);
			assertThat(count(registry, "ws.server.protocol.errors", "code", "1007")).isEqualTo(1);
			assertThat(count(registry, "ws.server.protocol.errors", "code", "1009")).isEqualTo(1);
			assertThat(registry.find("ws.server.protocol.errors").counters()).hasSize(3);
			assertThat(active(registry)).isZero();
		});
	}

	@Test
	void countsServerInitiated1001OnIdleTimeoutAndShutdown() {
		this.contextRunner.withPropertyValues("ws.server.idle-timeout=300ms").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (RawClient client = RawClient.connect(port(context))) {
				client.handshake("/echo");
				assertThat(client.readCloseCode()).isEqualTo(1001);
				client.close(1001);
				client.awaitEof();
			}
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(closed(registry, "1001", "server")).isEqualTo(1));
		});
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			JdkClient client = JdkClient.connect(port(context));
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(active(registry)).isEqualTo(1));
			context.getBean(WsServerLifecycle.class).stop();
			assertThat(client.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1001);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(closed(registry, "1001", "server")).isEqualTo(1));
			assertThat(active(registry)).isZero();
		});
	}

	@Test
	void countsRejectedHandshakesByReason() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			try (RawClient client = RawClient.connect(port(context))) {
				assertThat(client.handshake("/nowhere")).startsWith("HTTP/1.1 404");
			}
			try (RawClient client = RawClient.connect(port(context))) {
				assertThat(client.request("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
						+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + RawClient.KEY
						+ "\r\nSec-WebSocket-Version: 8\r\n\r\n"))
					.startsWith("HTTP/1.1 426");
			}
			try (RawClient client = RawClient.connect(port(context))) {
				assertThat(client.request("GET /echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
						+ "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n"))
					.startsWith("HTTP/1.1 400");
			}
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(rejected(registry, "not_found")).isEqualTo(1);
				assertThat(rejected(registry, "version")).isEqualTo(1);
				assertThat(rejected(registry, "bad_request")).isEqualTo(1);
			});
			assertThat(count(registry, "ws.server.connections.opened")).isZero();
		});
	}

	private static int port(AssertableApplicationContext context) {
		return context.getBean(WsServer.class).port();
	}

	private static double count(MeterRegistry registry, String name, String... tags) {
		Counter counter = registry.find(name).tag("endpoint", "/echo").tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static double closed(MeterRegistry registry, String code, String initiator) {
		return count(registry, "ws.server.connections.closed", "code", code, "initiator", initiator);
	}

	private static double rejected(MeterRegistry registry, String reason) {
		Counter counter = registry.find("ws.server.handshakes.rejected").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static double active(MeterRegistry registry) {
		return registry.get("ws.server.connections.active").tag("endpoint", "/echo").gauge().value();
	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

		@OnMessage
		byte[] binary(byte[] data) {
			return data;
		}

	}

	/**
	 * The JDK's client, recording messages and the close code it receives.
	 */
	static final class JdkClient implements WebSocket.Listener {

		final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

		private final StringBuilder text = new StringBuilder();

		WebSocket socket;

		static JdkClient connect(int port) {
			JdkClient client = new JdkClient();
			client.socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.connectTimeout(TIMEOUT)
				.buildAsync(URI.create("ws://127.0.0.1:" + port + "/echo"), client)
				.orTimeout(10, TimeUnit.SECONDS)
				.join();
			return client;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.messages.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			this.messages.add(data.remaining() + " bytes");
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closeCode.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closeCode.completeExceptionally(error);
		}

	}

}
