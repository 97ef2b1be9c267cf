package dev.wsboot.demo;

import java.util.Random;

import dev.wsboot.annotation.LocalWsServerPort;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * permessage-deflate between the demo's {@code /echo} and Jetty 12's WebSocket client, an
 * implementation independent of wsboot's: the extension is negotiated, large JSON text
 * and binary messages round-trip, and the server's deflate meters show that both
 * directions really travelled compressed.
 */
@SpringBootTest(classes = DemoApplication.class, properties = "ws.server.port=0")
class DeflateInteropTests {

	private static WebSocketClient jetty;

	@LocalWsServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@BeforeAll
	static void startJetty() throws Exception {
		jetty = new WebSocketClient();
		jetty.setMaxTextMessageSize(8L * 1024 * 1024);
		jetty.setMaxBinaryMessageSize(8L * 1024 * 1024);
		jetty.start();
	}

	@AfterAll
	static void stopJetty() throws Exception {
		jetty.stop();
	}

	@Test
	void jettyNegotiatesPermessageDeflateAndLargeMessagesRoundTripCompressed() throws Exception {
		DeflateMeters before = DeflateMeters.of(this.meters, "/echo");
		String json = json(new Random(7692), 512 * 1024);
		byte[] binary = structuredBinary(new Random(6455), 300 * 1024);
		try (JettyEchoClient client = JettyEchoClient.connect(jetty, this.port, "/echo", "permessage-deflate")) {
			assertThat(client.negotiatedExtensions()).extracting(ExtensionConfig::getName)
				.containsExactly("permessage-deflate");
			// Several of each, so that either side keeping a window it promised to drop
			// would show.
			for (int i = 0; i < 3; i++) {
				String text = json.substring(i * 1000);
				client.sendText(text);
				assertThat(client.next()).isEqualTo(text);
				client.sendBinary(binary);
				assertThat(client.next()).isEqualTo(binary);
			}
			client.sendText("small");
			assertThat(client.next()).isEqualTo("small");
		}
		DeflateMeters counted = DeflateMeters.of(this.meters, "/echo").since(before);
		long expected = 3L * (json.length() - 1000) + 3L * binary.length;
		assertThat(counted.sentDeflated()).as("bytes the server sent compressed, before compression")
			.isGreaterThan(expected * 0.9);
		assertThat(counted.sentWire()).as("bytes the server sent compressed, on the wire")
			.isLessThan(counted.sentDeflated() * 0.5);
		assertThat(counted.receivedInflated()).as("bytes Jetty sent compressed, inflated")
			.isGreaterThan(expected * 0.9);
		assertThat(counted.receivedWire()).as("bytes Jetty sent compressed, on the wire")
			.isLessThan(counted.receivedInflated() * 0.5);
	}

	@Test
	void jettyWithoutTheExtensionGetsNone() throws Exception {
		try (JettyEchoClient client = JettyEchoClient.connect(jetty, this.port, "/echo")) {
			assertThat(client.negotiatedExtensions()).isEmpty();
			String text = json(new Random(1), 100_000);
			client.sendText(text);
			assertThat(client.next()).isEqualTo(text);
		}
	}

	private static String json(Random random, int length) {
		String[] words = { "alpha", "beta", "gamma", "delta", "status", "value", "count", "user", "order", "price" };
		StringBuilder json = new StringBuilder(length + 200).append('[');
		for (int id = 1; json.length() < length; id++) {
			json.append("{\"id\":")
				.append(id)
				.append(",\"name\":\"")
				.append(words[random.nextInt(words.length)])
				.append(" \u00fc\u00df\u20ac\",\"score\":")
				.append(random.nextInt(100_000))
				.append(",\"tags\":[\"")
				.append(words[random.nextInt(words.length)])
				.append("\"]},");
		}
		return json.append("{}]").toString();
	}

	private static byte[] structuredBinary(Random random, int length) {
		byte[] data = new byte[length];
		for (int i = 0; i < length; i += 16) {
			// Records of 16 bytes: a counter, a small random value, constant padding.
			data[i] = (byte) (i >>> 12);
			data[i + 1] = (byte) (i >>> 4);
			data[i + 2] = (byte) random.nextInt(4);
		}
		return data;
	}

}
