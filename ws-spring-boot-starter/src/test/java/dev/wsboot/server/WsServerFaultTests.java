package dev.wsboot.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The listener against clients that fail: that vanish in the middle of a handshake, a
 * frame or a message, reset the connection, half-close it, or all go at once. After each
 * fault the server must serve a new client and return to no connections, no sessions, its
 * own threads and about its own file descriptors
 * ({@link ServerFixture#assertRecovered()}).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WsServerFaultTests {

	private static final int CLIENTS = 40;

	private ServerFixture fixture;

	@AfterEach
	void stop() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	private ServerFixture start() throws IOException {
		return start(UnaryOperator.identity());
	}

	private ServerFixture start(UnaryOperator<WsServerConfig.Builder> customizer) throws IOException {
		this.fixture = new ServerFixture(customizer);
		return this.fixture;
	}

	@Test
	void clientsVanishingMidHandshakeLeaveNothingBehind() throws Exception {
		ServerFixture server = start();
		byte[] request = RawClient.handshakeRequest("/echo");
		for (int i = 0; i < CLIENTS; i++) {
			RawClient client = RawClient.connect(server.port());
			// Anything from nothing to all but the last byte of the head.
			client.write(Arrays.copyOf(request, i * (request.length - 1) / (CLIENTS - 1)));
			vanish(client, i);
		}
		server.assertRecovered();
		assertThat(server.drainCloses()).as("sessions closed").isEmpty();
	}

	@Test
	void clientsVanishingMidFrameLeaveNothingBehind() throws Exception {
		ServerFixture server = start();
		for (int i = 0; i < CLIENTS; i++) {
			RawClient client = RawClient.open(server.port(), "/echo");
			server.nextSession();
			byte[] frame = client.frame(true, Opcode.BINARY, new byte[1000]);
			// From the first header byte to all but the last payload byte.
			client.write(Arrays.copyOf(frame, 1 + i * (frame.length - 2) / (CLIENTS - 1)));
			vanish(client, i);
		}
		server.assertRecovered();
		assertThat(server.awaitCloses(CLIENTS)).as("sessions closed without a close frame").containsOnly(1006);
	}

	@Test
	void clientsVanishingMidMessageLeaveNothingBehind() throws Exception {
		ServerFixture server = start();
		for (int i = 0; i < CLIENTS; i++) {
			RawClient client = RawClient.open(server.port(), "/echo");
			server.nextSession();
			client.send(false, Opcode.TEXT, "first fragment, ".getBytes(StandardCharsets.UTF_8));
			client.send(false, Opcode.CONTINUATION, new byte[i * 100]);
			client.send(true, Opcode.PING, new byte[] { 1 });
			assertThat(client.readFrame().opcode()).as("pong between fragments").isEqualTo(Opcode.PONG);
			vanish(client, i);
		}
		server.assertRecovered();
		assertThat(server.awaitCloses(CLIENTS)).as("sessions closed without a close frame").containsOnly(1006);
	}

	@Test
	void clientsResettingWhileTheServerWritesLeaveNothingBehind() throws Exception {
		ServerFixture server = start();
		byte[] big = new byte[1 << 20];
		for (int i = 0; i < 10; i++) {
			RawClient client = RawClient.open(server.port(), "/echo");
			server.nextSession();
			// The echo of 1 MiB fills the socket buffers, since the client reads none of
			// it.
			client.send(true, Opcode.BINARY, big);
			client.reset();
		}
		server.assertRecovered();
		assertThat(server.awaitCloses(10)).as("sessions closed without a close frame").containsOnly(1006);
	}

	@Test
	void halfCloseAfterTheHandshakeClosesTheConnection() throws Exception {
		ServerFixture server = start();
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			server.nextSession();
			client.shutdownOutput();
			assertThat(client.awaitServerClose()).as("server closes on the client's FIN").isTrue();
		}
		assertThat(server.nextClose()).as("closed without a close frame").isEqualTo(1006);
		server.assertRecovered();
	}

	@Test
	void halfCloseMidHandshakeClosesTheConnection() throws Exception {
		ServerFixture server = start();
		byte[] request = RawClient.handshakeRequest("/echo");
		try (RawClient client = RawClient.connect(server.port())) {
			client.write(Arrays.copyOf(request, request.length / 2));
			client.shutdownOutput();
			assertThat(client.awaitServerClose()).as("server closes on the client's FIN").isTrue();
		}
		server.assertRecovered();
	}

	@Test
	void halfCloseMidMessageClosesTheConnection() throws Exception {
		ServerFixture server = start();
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			server.nextSession();
			client.send(false, Opcode.BINARY, new byte[100]);
			byte[] header = new byte[FrameEncoder.headerLength(500, true)];
			FrameEncoder.writeHeader(java.nio.ByteBuffer.wrap(header), true, 0, Opcode.CONTINUATION, 500, true, 42);
			client.write(header);
			client.shutdownOutput();
			assertThat(client.awaitServerClose()).as("server closes on the client's FIN").isTrue();
		}
		assertThat(server.nextClose()).as("closed without a close frame").isEqualTo(1006);
		server.assertRecovered();
	}

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void twoThousandConnectionsKilledAtOnceLeaveNothingBehind() throws Exception {
		int count = 2000;
		// Each connection costs two descriptors in this process: the client's and the
		// server's.
		assumeThat(ServerFixture.fileDescriptorLimit())
			.as("open files limit (ulimit -n) for %d connections from this process to itself", count)
			.isGreaterThan(ServerFixture.openFileDescriptors() + 2L * count + 100);
		ServerFixture server = start((builder) -> builder.maxConnections(count + 10));
		byte[] request = RawClient.handshakeRequest("/echo");
		List<RawClient> clients = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				RawClient client = RawClient.connect(server.port());
				clients.add(client);
				client.write(request);
			}
			for (RawClient client : clients) {
				assertThat(client.readResponse().status()).isEqualTo(101);
			}
			await("all sessions open").atMost(ServerFixture.CLEANUP)
				.until(() -> server.server().openSessions() == count);
			for (int i = 0; i < count; i++) {
				vanish(clients.get(i), i);
			}
		}
		finally {
			clients.forEach(RawClient::close);
		}
		server.assertRecovered();
		assertThat(server.awaitCloses(count)).as("sessions closed without a close frame").containsOnly(1006);
	}

	@Test
	void clientsVanishingRightAfterTheirHandshakeRequestLeaveNothingBehind() throws Exception {
		ServerFixture server = start();
		byte[] request = RawClient.handshakeRequest("/echo");
		for (int i = 0; i < CLIENTS; i++) {
			RawClient client = RawClient.connect(server.port());
			client.write(request);
			vanish(client, i);
		}
		server.assertRecovered();
		// Some sessions may have opened before the server saw the client go.
		assertThat(server.drainCloses()).as("sessions closed without a close frame").containsOnly(1006);
	}

	@Test
	void framesSentWithTheHandshakeRequestAreServed() throws Exception {
		ServerFixture server = start();
		try (RawClient client = RawClient.connect(server.port())) {
			byte[] request = RawClient.handshakeRequest("/echo");
			byte[] text = client.frame(true, Opcode.TEXT, "early".getBytes(StandardCharsets.UTF_8));
			client.write(concat(request, text));
			assertThat(client.readResponse().status()).isEqualTo(101);
			assertThat(client.readText()).isEqualTo("early");
			client.sendClose(1000);
			assertThat(client.readClose()).isEqualTo(1000);
			assertThat(client.awaitServerClose()).as("server closes TCP after the close handshake").isTrue();
		}
		assertThat(server.nextClose()).isEqualTo(1000);
		server.assertRecovered();
	}

	@Test
	void framesSentWithTheHandshakeRequestBeyondOneReadAreServed() throws Exception {
		ServerFixture server = start();
		try (RawClient client = RawClient.connect(server.port())) {
			byte[] big = new byte[200_000];
			new java.util.Random(1).nextBytes(big);
			byte[] request = RawClient.handshakeRequest("/echo");
			// More than the listener reads at once (64 KiB), arriving while it routes.
			client.write(concat(request, client.frame(true, Opcode.BINARY, big),
					client.frame(true, Opcode.TEXT, "after".getBytes(StandardCharsets.UTF_8))));
			assertThat(client.readResponse().status()).isEqualTo(101);
			RawClient.Frame echo = client.readMessage();
			assertThat(echo.opcode()).isEqualTo(Opcode.BINARY);
			assertThat(echo.payload()).isEqualTo(big);
			assertThat(client.readText()).isEqualTo("after");
		}
		server.assertRecovered();
	}

	@Test
	void repliesToMessagesBeforeTheClientsCloseGoOutFirstWithHandlersOnTheLoop() throws Exception {
		assertRepliesGoOutBeforeTheServersClose(start((builder) -> builder.handlerExecutor(null)));
	}

	/**
	 * A client sends a text message and its close frame in one write. With handlers on an
	 * executor (the starter's default, {@code ws.server.dispatch=workers}) the event loop
	 * answers the close before the handler has run, so the handler's reply is refused
	 * ({@code SendFailedException}, session closing) and the client gets only the close:
	 * the reply is lost, where with handlers on the loop it goes out first.
	 */
	@Test
	void repliesToMessagesBeforeTheClientsCloseGoOutFirstWithHandlersOnAnExecutor() throws Exception {
		assertRepliesGoOutBeforeTheServersClose(start());
	}

	private static void assertRepliesGoOutBeforeTheServersClose(ServerFixture server) throws Exception {
		try (RawClient client = RawClient.open(server.port(), "/echo")) {
			byte[] text = client.frame(true, Opcode.TEXT, "last words".getBytes(StandardCharsets.UTF_8));
			byte[] close = client.frame(true, Opcode.CLOSE, new byte[] { 0x03, (byte) 0xE8 });
			client.write(concat(text, close));
			RawClient.Frame first = client.readFrame();
			assertThat(first.opcode()).as("first frame from the server").isEqualTo(Opcode.TEXT);
			assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("last words");
			assertThat(client.readClose()).isEqualTo(1000);
		}
		server.assertRecovered();
	}

	@Test
	void protocolViolationSentWithTheHandshakeRequestIsClosedWith1002() throws Exception {
		ServerFixture server = start();
		try (RawClient client = RawClient.connect(server.port())) {
			byte[] request = RawClient.handshakeRequest("/echo");
			// Unmasked, as no client may send it.
			byte[] unmasked = { (byte) 0x81, 0x02, 'h', 'i' };
			client.write(concat(request, unmasked));
			assertThat(client.readResponse().status()).isEqualTo(101);
			assertThat(client.readClose()).isEqualTo(1002);
			assertThat(client.awaitServerClose()).as("server closes TCP after its close").isTrue();
		}
		assertThat(server.nextClose()).isEqualTo(1002);
		server.assertRecovered();
	}

	@Test
	void connectionsFarOverTheLimitAreRefusedAndLeaveNothingBehind() throws Exception {
		ServerFixture server = start((builder) -> builder.maxConnections(5));
		List<RawClient> clients = new ArrayList<>();
		try {
			// The limit is 5: 5 more get a 503, and the rest are closed at once.
			for (int i = 0; i < 30; i++) {
				RawClient client = RawClient.connect(server.port());
				clients.add(client);
				client.write(RawClient.handshakeRequest("/echo"));
			}
			int accepted = 0;
			for (RawClient client : clients) {
				try {
					int status = client.readResponse().status();
					assertThat(status).isIn(101, 503);
					accepted += (status == 101) ? 1 : 0;
				}
				catch (IOException ex) {
					// Closed without a response, far over the limit.
				}
			}
			assertThat(accepted).isLessThanOrEqualTo(5);
		}
		finally {
			clients.forEach(RawClient::close);
		}
		server.assertRecovered();
	}

	@Test
	void stopWithFaultyClientsAttachedLeavesNothingBehind() throws Exception {
		ServerFixture server = start();
		List<RawClient> clients = new ArrayList<>();
		try {
			byte[] request = RawClient.handshakeRequest("/echo");
			for (int i = 0; i < CLIENTS; i++) {
				RawClient client = RawClient.connect(server.port());
				clients.add(client);
				switch (i % 4) {
					case 0 -> client.write(Arrays.copyOf(request, request.length / 2));
					case 1 -> {
						client.write(request);
						client.readResponse();
						client.write(Arrays.copyOf(client.frame(true, Opcode.BINARY, new byte[500]), 100));
					}
					case 2 -> {
						client.write(request);
						client.readResponse();
						client.send(false, Opcode.TEXT, new byte[] { 'a' });
					}
					default -> {
						client.write(request);
						client.readResponse();
						client.shutdownOutput();
					}
				}
			}
			// The clients' own sockets are still open.
			server.stopAndAssertNothingLeft(clients.size());
		}
		finally {
			clients.forEach(RawClient::close);
		}
	}

	private static byte[] concat(byte[]... parts) {
		java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	/** Half the clients close with FIN, the other half reset. */
	private static void vanish(RawClient client, int index) {
		if (index % 2 == 0) {
			client.close();
		}
		else {
			client.reset();
		}
	}

}
