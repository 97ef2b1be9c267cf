package dev.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS listener against clients that fail: plain text on the TLS port, ClientHellos
 * cut short or garbled, and clients that vanish once TLS is up, in the middle of the
 * WebSocket handshake, a frame or a message, with or without close_notify. After each the
 * server must be as before ({@link ServerFixture#assertRecovered()}, its probe over TLS).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WsServerTlsFaultTests {

	private static final int CLIENTS = 24;

	@TempDir
	static Path directory;

	private static SSLContext serverContext;

	private static SSLContext clientContext;

	private ServerFixture fixture;

	@BeforeAll
	static void certificate() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
		serverContext = certificate.serverContext();
		clientContext = certificate.clientContext();
	}

	@AfterEach
	void stop() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	private ServerFixture start(UnaryOperator<WsServerConfig.Builder> customizer) throws IOException {
		this.fixture = new ServerFixture((builder) -> customizer.apply(builder.tlsEngineFactory(() -> {
			SSLEngine engine = serverContext.createSSLEngine();
			engine.setUseClientMode(false);
			return engine;
		})), clientContext);
		return this.fixture;
	}

	@Test
	void plainTextOnTheTlsPortIsDropped() throws Exception {
		ServerFixture server = start(UnaryOperator.identity());
		try (RawClient client = RawClient.connect(server.port())) {
			client.write(RawClient.handshakeRequest("/echo"));
			assertThat(client.awaitServerClose()).as("server closes a connection that does not speak TLS").isTrue();
		}
		server.assertRecovered();
	}

	@Test
	void clientHellosCutShortOrGarbledLeaveNothingBehind() throws Exception {
		ServerFixture server = start(UnaryOperator.identity());
		Random random = new Random(6455);
		for (int i = 0; i < CLIENTS; i++) {
			byte[] hello = clientHello(server.port());
			RawClient client = RawClient.connect(server.port());
			if (i % 3 == 2) {
				hello[5 + random.nextInt(hello.length - 5)] ^= (byte) (1 + random.nextInt(255));
				client.write(hello);
			}
			else {
				client.write(Arrays.copyOf(hello, i * (hello.length - 1) / (CLIENTS - 1)));
			}
			vanish(client, i);
		}
		server.assertRecovered();
	}

	@Test
	void clientHelloThatNeverEndsIsDroppedByTheHandshakeTimeout() throws Exception {
		ServerFixture server = start((builder) -> builder.handshakeTimeout(Duration.ofMillis(400)));
		try (RawClient client = RawClient.connect(server.port())) {
			byte[] hello = clientHello(server.port());
			client.write(Arrays.copyOf(hello, hello.length / 2));
			assertThat(client.awaitServerClose()).as("server drops TCP after the handshake timeout").isTrue();
		}
		server.assertRecovered();
	}

	@Test
	void clientsVanishingOnceTlsIsUpLeaveNothingBehind() throws Exception {
		ServerFixture server = start(UnaryOperator.identity());
		byte[] request = RawClient.handshakeRequest("/echo");
		int sessions = 0;
		for (int i = 0; i < CLIENTS; i++) {
			RawClient client = RawClient.connect(server.port(), clientContext);
			switch (i % 4) {
				case 0 -> {
					// TLS only.
				}
				case 1 -> client.write(Arrays.copyOf(request, request.length / 2));
				case 2 -> {
					client.write(request);
					assertThat(client.readResponse().status()).isEqualTo(101);
					client.write(Arrays.copyOf(client.frame(true, Opcode.BINARY, new byte[3000]), 1500));
					sessions++;
				}
				default -> {
					client.write(request);
					assertThat(client.readResponse().status()).isEqualTo(101);
					client.send(false, Opcode.TEXT, "half a message".getBytes(StandardCharsets.UTF_8));
					sessions++;
				}
			}
			vanish(client, i);
		}
		server.assertRecovered();
		assertThat(server.awaitCloses(sessions)).as("sessions closed without a close frame").containsOnly(1006);
	}

	@Test
	void clientClosingTlsWithoutAWebSocketCloseEndsTheSession() throws Exception {
		ServerFixture server = start(UnaryOperator.identity());
		try (RawClient client = RawClient.open(server.port(), "/echo", clientContext)) {
			client.sendText("hello");
			assertThat(client.readText()).isEqualTo("hello");
			// close_notify and FIN, but no close frame.
		}
		assertThat(server.nextClose()).isEqualTo(1006);
		server.assertRecovered();
	}

	@Test
	void frameOverTheSizeLimitIsClosedWith1009OverTls() throws Exception {
		ServerFixture server = start((builder) -> builder.maxFrameSize(1024));
		try (RawClient client = RawClient.open(server.port(), "/echo", clientContext)) {
			client.send(true, Opcode.BINARY, new byte[1025]);
			assertThat(client.readClose()).isEqualTo(1009);
			assertThat(client.awaitServerClose()).as("server closes TCP after its close").isTrue();
		}
		assertThat(server.nextClose()).isEqualTo(1009);
		server.assertRecovered();
	}

	/** The first flight of a TLS client: its ClientHello record. */
	private byte[] clientHello(int port) throws IOException {
		SSLEngine engine = clientContext.createSSLEngine("127.0.0.1", port);
		engine.setUseClientMode(true);
		engine.beginHandshake();
		ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		engine.wrap(ByteBuffer.allocate(0), out);
		out.flip();
		byte[] hello = new byte[out.remaining()];
		out.get(hello);
		return hello;
	}

	/** Half the clients drop TCP without close_notify, the other half reset. */
	private static void vanish(RawClient client, int index) {
		if (index % 2 == 0) {
			client.drop();
		}
		else {
			client.reset();
		}
	}

}
