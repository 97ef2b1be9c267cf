package dev.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's limits, from raw sockets: the handshake size (431), the number of
 * connections (503), the frame and message sizes (1009), the close timeout and the idle
 * timeout. After each the server must be as before
 * ({@link ServerFixture#assertRecovered()}).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WsServerLimitsTests {

	private ServerFixture fixture;

	@AfterEach
	void stop() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	private ServerFixture start(UnaryOperator<WsServerConfig.Builder> customizer) throws IOException {
		this.fixture = new ServerFixture(customizer);
		return this.fixture;
	}

	@Test
	void handshakeExactlyAtTheSizeLimitIsAcceptedAndOneByteMoreGets431() throws Exception {
		int limit = 1024;
		ServerFixture server = start((builder) -> builder.maxHandshakeSize(limit));
		try (RawClient client = RawClient.connect(server.port())) {
			client.write(handshakeOfSize(limit));
			assertThat(client.readResponse().status()).as("head of exactly %d bytes", limit).isEqualTo(101);
			client.sendText("at the limit");
			assertThat(client.readText()).isEqualTo("at the limit");
		}
		try (RawClient client = RawClient.connect(server.port())) {
			client.write(handshakeOfSize(limit + 1));
			assertThat(client.readResponse().status()).as("head of %d bytes", limit + 1).isEqualTo(431);
			assertThat(client.awaitServerClose()).as("server closes after 431").isTrue();
		}
		server.assertRecovered();
	}

	@Test
	void handshakeOverTheSizeLimitGets431WhileItIsStillArriving() throws Exception {
		ServerFixture server = start((builder) -> builder.maxHandshakeSize(1024));
		try (RawClient client = RawClient.connect(server.port())) {
			// A head that never ends: the server must answer once the limit is passed.
			client.write("GET /echo HTTP/1.1\r\nX-Endless: ".getBytes(StandardCharsets.US_ASCII));
			client.write("a".repeat(2000).getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readResponse().status()).isEqualTo(431);
			assertThat(client.awaitServerClose()).as("server closes after 431").isTrue();
		}
		server.assertRecovered();
	}

	@Test
	void connectionOverTheLimitGets503AndTheSlotIsFreedAfterwards() throws Exception {
		ServerFixture server = start((builder) -> builder.maxConnections(2));
		try (RawClient first = RawClient.open(server.port(), "/echo");
				RawClient second = RawClient.open(server.port(), "/echo");
				RawClient third = RawClient.connect(server.port())) {
			assertThat(third.handshake("/echo").status()).isEqualTo(503);
			assertThat(third.awaitServerClose()).as("server closes after 503").isTrue();
			first.sendText("still served");
			assertThat(first.readText()).isEqualTo("still served");
		}
		server.assertRecovered();
	}

	@Test
	void frameOverTheSizeLimitIsClosedWith1009AtItsHeader() throws Exception {
		ServerFixture server = start((builder) -> builder.maxFrameSize(1024).maxMessageSize(4096));
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			server.nextSession();
			// Only the header: the server must not wait for the payload.
			client.write(maskedHeader(true, Opcode.BINARY, 1025));
			assertThat(client.readClose()).isEqualTo(1009);
			assertThat(client.awaitServerClose()).as("server closes TCP after its close").isTrue();
		}
		assertThat(server.nextClose()).isEqualTo(1009);
		server.assertRecovered();
	}

	@Test
	void hugeFrameHeaderIsClosedWith1009() throws Exception {
		ServerFixture server = start(UnaryOperator.identity());
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			server.nextSession();
			client.write(maskedHeader(true, Opcode.TEXT, Long.MAX_VALUE));
			assertThat(client.readClose()).isEqualTo(1009);
			assertThat(client.awaitServerClose()).as("server closes TCP after its close").isTrue();
		}
		assertThat(server.nextClose()).isEqualTo(1009);
		server.assertRecovered();
	}

	@Test
	void messageOverTheSizeLimitIsClosedWith1009() throws Exception {
		ServerFixture server = start((builder) -> builder.maxFrameSize(4096).maxMessageSize(4096));
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			server.nextSession();
			client.send(false, Opcode.BINARY, new byte[3000]);
			client.write(maskedHeader(true, Opcode.CONTINUATION, 1097));
			assertThat(client.readClose()).isEqualTo(1009);
			assertThat(client.awaitServerClose()).as("server closes TCP after its close").isTrue();
		}
		assertThat(server.nextClose()).isEqualTo(1009);
		server.assertRecovered();
	}

	@Test
	void messageExactlyAtTheSizeLimitIsEchoed() throws Exception {
		ServerFixture server = start((builder) -> builder.maxFrameSize(4096).maxMessageSize(4096));
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			client.send(false, Opcode.TEXT, "a".repeat(3000).getBytes(StandardCharsets.US_ASCII));
			client.send(true, Opcode.CONTINUATION, "b".repeat(1096).getBytes(StandardCharsets.US_ASCII));
			assertThat(client.readText()).isEqualTo("a".repeat(3000) + "b".repeat(1096));
		}
		server.assertRecovered();
	}

	@Test
	void closeTimeoutDropsAClientThatNeverAnswersTheServersClose() throws Exception {
		Duration closeTimeout = Duration.ofMillis(400);
		ServerFixture server = start((builder) -> builder.closeTimeout(closeTimeout));
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			WsSession session = server.nextSession();
			long start = System.nanoTime();
			session.close(CloseStatus.of(4000, "bye"));
			assertThat(client.readClose()).isEqualTo(4000);
			// The client neither answers nor closes.
			assertThat(client.awaitServerClose()).as("server drops TCP after the close timeout").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(closeTimeout);
		}
		assertThat(server.nextClose()).isEqualTo(4000);
		server.assertRecovered();
	}

	@Test
	void idleTimeoutClosesWith1001AndThenDropsAClientThatNeverAnswers() throws Exception {
		Duration idleTimeout = Duration.ofMillis(400);
		ServerFixture server = start(
				(builder) -> builder.idleTimeout(idleTimeout).closeTimeout(Duration.ofMillis(400)));
		// Before the server can start its idle clock.
		long start = System.nanoTime();
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			assertThat(client.readClose()).isEqualTo(1001);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(idleTimeout);
			assertThat(client.awaitServerClose()).as("server drops TCP after the close timeout").isTrue();
		}
		assertThat(server.nextClose()).isEqualTo(1001);
		server.assertRecovered();
	}

	@Test
	void handshakeTimeoutDropsAClientThatNeverFinishesItsRequest() throws Exception {
		ServerFixture server = start((builder) -> builder.handshakeTimeout(Duration.ofMillis(400)));
		try (RawClient client = RawClient.connect(server.port())) {
			client.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(client.awaitServerClose()).as("server drops TCP after the handshake timeout").isTrue();
		}
		server.assertRecovered();
	}

	/**
	 * A valid handshake request for /echo of exactly the given size, padded by a header.
	 */
	private static byte[] handshakeOfSize(int size) {
		String head = new String(RawClient.handshakeRequest("/echo"), StandardCharsets.US_ASCII);
		String withoutEnd = head.substring(0, head.length() - 2);
		int padding = size - head.length() - "X-Pad: \r\n".length();
		assertThat(padding).isPositive();
		byte[] request = (withoutEnd + "X-Pad: " + "p".repeat(padding) + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		assertThat(request).hasSize(size);
		return request;
	}

	/** The header of a masked frame, without its payload. */
	private static byte[] maskedHeader(boolean fin, int opcode, long payloadLength) {
		ByteBuffer header = ByteBuffer.allocate(FrameEncoder.headerLength(payloadLength, true));
		FrameEncoder.writeHeader(header, fin, 0, opcode, payloadLength, true, 0x12345678);
		return header.array();
	}

}
