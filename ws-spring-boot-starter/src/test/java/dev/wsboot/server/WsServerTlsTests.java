package dev.wsboot.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS ({@code wss://}) through the listener's non-blocking {@link SSLEngine}, with a
 * certificate made at test time and the JDK's client trusting it.
 */
class WsServerTlsTests {

	@TempDir
	Path directory;

	private SelfSignedCertificate certificate;

	private WsServer server;

	@BeforeEach
	void start() throws Exception {
		this.certificate = SelfSignedCertificate.create(this.directory);
		SSLContext context = this.certificate.serverContext();
		WsServerConfig config = WsServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(1)
			.maxMessageSize(4 << 20)
			.maxFrameSize(4 << 20)
			.tlsEngineFactory(() -> {
				SSLEngine engine = context.createSSLEngine();
				engine.setUseClientMode(false);
				return engine;
			})
			.build();
		this.server = new WsServer(config, (request, remote) -> new HandshakeDecision.Accept(new Echo(), "/echo"));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(5));
	}

	@Test
	void echoesSmallAndLargeMessagesOverTls() throws Exception {
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		HttpClient client = HttpClient.newBuilder().sslContext(this.certificate.clientContext()).build();
		WebSocket socket = client.newWebSocketBuilder()
			.buildAsync(URI.create("wss://127.0.0.1:" + this.server.port() + "/echo"), new Collector(received))
			.orTimeout(20, TimeUnit.SECONDS)
			.join();
		try {
			socket.sendText("secure ✓", true).join();
			assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo("secure ✓");
			byte[] big = new byte[3 << 20];
			new Random(7).nextBytes(big);
			socket.sendBinary(ByteBuffer.wrap(big), true).join();
			assertThat((byte[]) received.poll(20, TimeUnit.SECONDS)).isEqualTo(big);
		}
		finally {
			socket.abort();
		}
	}

	@Test
	void enablesOnlyTlsThirteenAndTwelve() throws Exception {
		SSLEngine engine = this.certificate.serverContext().createSSLEngine();
		engine.setEnabledProtocols(new String[] { "TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1" });
		assertThat(TlsTransport.restrictToModernProtocols(engine).getEnabledProtocols()).containsExactly("TLSv1.3",
				"TLSv1.2");
	}

	static final class Echo implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
			session.sendBinary(data);
		}

		@Override
		public void onError(WsSession session, Throwable error) {
		}

	}

	record Collector(BlockingQueue<Object> received, StringBuilder text,
			java.io.ByteArrayOutputStream binary) implements WebSocket.Listener {

		Collector(BlockingQueue<Object> received) {
			this(received, new StringBuilder(), new java.io.ByteArrayOutputStream());
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.received.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				this.received.add(this.binary.toByteArray());
				this.binary.reset();
			}
			webSocket.request(1);
			return null;
		}

	}

}
