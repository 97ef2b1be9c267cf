package dev.wsboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.SelfSignedCertificate;
import dev.wsboot.server.WsServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS from Spring Boot SSL bundles ({@code ws.server.ssl.bundle}): key stores and PEM
 * files made at test time, and real {@code wss://} clients that trust only them.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsServerSslBundleTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path directory;

	private SelfSignedCertificate certificate;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, WsServerAutoConfiguration.class))
		.withUserConfiguration(EchoEndpoint.class)
		.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1");

	@BeforeEach
	void createCertificate() throws Exception {
		this.certificate = SelfSignedCertificate.create(this.directory);
	}

	@Test
	void servesWssWithJksBundle(CapturedOutput output) {
		this.contextRunner.withPropertyValues(jksBundle("server", this.certificate))
			.withPropertyValues("ws.server.ssl.bundle=server")
			.run((context) -> {
				int port = context.getBean(WsServer.class).port();
				assertThat(wssEcho(port, this.certificate.clientContext(), "over a JKS bundle ✓"))
					.isEqualTo("over a JKS bundle ✓");
				assertThat(output).contains("WebSocket server started on port " + port
						+ " (address 127.0.0.1, TLS on, SSL bundle 'server')");
			});
	}

	@Test
	void servesWssWithPemBundle() throws Exception {
		Path[] pem = this.certificate.writePem();
		this.contextRunner
			.withPropertyValues("spring.ssl.bundle.pem.web.keystore.certificate=file:" + pem[0],
					"spring.ssl.bundle.pem.web.keystore.private-key=file:" + pem[1], "ws.server.ssl.bundle=web")
			.run((context) -> {
				int port = context.getBean(WsServer.class).port();
				assertThat(wssEcho(port, this.certificate.clientContext(), "over a PEM bundle"))
					.isEqualTo("over a PEM bundle");
			});
	}

	@Test
	void refusesPlainWebSocketWhenTlsIsOn() {
		this.contextRunner.withPropertyValues(jksBundle("server", this.certificate))
			.withPropertyValues("ws.server.ssl.bundle=server")
			.run((context) -> {
				try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
					assertThat(catchHandshake(client)).isInstanceOf(IOException.class);
				}
			});
	}

	@Test
	void servesPlainWebSocketWhenSslIsDisabled(CapturedOutput output) {
		this.contextRunner.withPropertyValues(jksBundle("server", this.certificate))
			.withPropertyValues("ws.server.ssl.bundle=server", "ws.server.ssl.enabled=false")
			.run((context) -> {
				try (RawClient client = RawClient.connect(context.getBean(WsServer.class).port())) {
					assertThat(client.handshake("/echo")).startsWith("HTTP/1.1 101 ");
				}
				assertThat(output).contains("TLS off");
			});
	}

	@Test
	void failsToStartWhenTheBundleDoesNotExist() {
		this.contextRunner.withPropertyValues(jksBundle("server", this.certificate))
			.withPropertyValues("ws.server.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.server.ssl.bundle")
				.hasMessageContaining("There is no SSL bundle named 'missing'; configured bundles: [server]"));
	}

	@Test
	void failsToStartWithoutSslBundles() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
			.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.server.port=0", "ws.server.ssl.bundle=server")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("ws.server.ssl.bundle")
				.hasMessageContaining("No SslBundles bean"));
	}

	@Test
	void failsToStartWhenTheBundleHasNoKey() {
		this.contextRunner
			.withPropertyValues("spring.ssl.bundle.jks.trust.truststore.location=file:" + this.certificate.keyStore(),
					"spring.ssl.bundle.jks.trust.truststore.password=" + SelfSignedCertificate.PASSWORD,
					"spring.ssl.bundle.jks.trust.truststore.type=PKCS12", "ws.server.ssl.bundle=trust")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("SSL bundle 'trust' cannot serve TLS: it has no key store with a private key"));
	}

	@Test
	void narrowsTheBundlesProtocols() {
		this.contextRunner.withPropertyValues(jksBundle("server", this.certificate))
			.withPropertyValues("spring.ssl.bundle.jks.server.options.enabled-protocols=TLSv1.1,TLSv1.2",
					"ws.server.ssl.bundle=server")
			.run((context) -> {
				try (SSLSocket socket = tlsSocket(context.getBean(WsServer.class).port(),
						this.certificate.clientContext())) {
					assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
					assertThat(upgrade(socket)).startsWith("HTTP/1.1 101 ");
				}
			});
	}

	@Test
	void failsToStartWhenTheBundleAllowsNoModernProtocol() {
		this.contextRunner.withPropertyValues(jksBundle("server", this.certificate))
			.withPropertyValues("spring.ssl.bundle.jks.server.options.enabled-protocols=TLSv1.1",
					"ws.server.ssl.bundle=server")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("include neither TLSv1.3 nor TLSv1.2"));
	}

	@Test
	void buildsOneSslContextForAllConnections() {
		AtomicInteger contexts = new AtomicInteger();
		SslBundle bundle = jks(this.certificate);
		SslBundle counting = new CountingSslBundle(bundle, contexts);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WsServerAutoConfiguration.class))
			.withUserConfiguration(EchoEndpoint.class)
			.withBean(DefaultSslBundleRegistry.class, () -> new DefaultSslBundleRegistry("server", counting))
			.withPropertyValues("ws.server.port=0", "ws.server.address=127.0.0.1", "ws.server.ssl.bundle=server")
			.run((context) -> {
				int port = context.getBean(WsServer.class).port();
				for (int i = 0; i < 3; i++) {
					try (SSLSocket socket = tlsSocket(port, this.certificate.clientContext())) {
						assertThat(upgrade(socket)).startsWith("HTTP/1.1 101 ");
					}
				}
				assertThat(contexts).hasValue(1);
			});
	}

	@Test
	void newConnectionsUseTheReloadedBundle(CapturedOutput output) throws Exception {
		SelfSignedCertificate renewed = SelfSignedCertificate.create(this.directory, "renewed");
		SSLContext trustsBoth = trusting(this.certificate, renewed);
		this.contextRunner.withPropertyValues(jksBundle("server", this.certificate))
			.withPropertyValues("ws.server.ssl.bundle=server")
			.run((context) -> {
				int port = context.getBean(WsServer.class).port();
				try (SSLSocket before = tlsSocket(port, trustsBoth)) {
					assertThat(upgrade(before)).startsWith("HTTP/1.1 101 ");
					assertThat(peerCertificate(before)).isEqualTo(this.certificate.certificate());
					context.getBean(SslBundleRegistry.class).updateBundle("server", jks(renewed));
					try (SSLSocket after = tlsSocket(port, trustsBoth)) {
						assertThat(upgrade(after)).startsWith("HTTP/1.1 101 ");
						assertThat(peerCertificate(after)).isEqualTo(renewed.certificate());
					}
					// The connection made before the reload is still served.
					assertThat(echoFrame(before, "still here")).isEqualTo("still here");
				}
				assertThat(output).contains("SSL bundle 'server' reloaded");
			});
	}

	@Test
	void keepsThePreviousBundleWhenTheReloadedOneCannotServe(CapturedOutput output) {
		this.contextRunner.withPropertyValues(jksBundle("server", this.certificate))
			.withPropertyValues("ws.server.ssl.bundle=server")
			.run((context) -> {
				context.getBean(SslBundleRegistry.class).updateBundle("server", SslBundle.of(SslStoreBundle.NONE));
				try (SSLSocket socket = tlsSocket(context.getBean(WsServer.class).port(),
						this.certificate.clientContext())) {
					assertThat(upgrade(socket)).startsWith("HTTP/1.1 101 ");
				}
				assertThat(output).contains("keeps using the previous one");
			});
	}

	private static String[] jksBundle(String name, SelfSignedCertificate certificate) {
		String prefix = "spring.ssl.bundle.jks." + name + ".keystore.";
		return new String[] { prefix + "location=file:" + certificate.keyStore(),
				prefix + "password=" + SelfSignedCertificate.PASSWORD, prefix + "type=PKCS12" };
	}

	private static SslBundle jks(SelfSignedCertificate certificate) {
		return SslBundle.of(new JksSslStoreBundle(new JksSslStoreDetails("PKCS12", null,
				"file:" + certificate.keyStore(), SelfSignedCertificate.PASSWORD), null));
	}

	private static SSLContext trusting(SelfSignedCertificate... certificates) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		for (int i = 0; i < certificates.length; i++) {
			trusted.setCertificateEntry("trusted-" + i, certificates[i].certificate());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	private static String wssEcho(int port, SSLContext clientContext, String text) throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		HttpClient client = HttpClient.newBuilder().sslContext(clientContext).connectTimeout(TIMEOUT).build();
		WebSocket socket = client.newWebSocketBuilder()
			.buildAsync(URI.create("wss://127.0.0.1:" + port + "/echo"), new WebSocket.Listener() {

				private final StringBuilder text = new StringBuilder();

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					this.text.append(data);
					if (last) {
						received.add(this.text.toString());
						this.text.setLength(0);
					}
					webSocket.request(1);
					return null;
				}

			})
			.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
			.join();
		try {
			socket.sendText(text, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
			return received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		finally {
			socket.abort();
		}
	}

	private static Object catchHandshake(RawClient client) {
		try {
			return client.handshake("/echo");
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private static SSLSocket tlsSocket(int port, SSLContext clientContext) throws Exception {
		SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
			.createSocket(InetAddress.getLoopbackAddress(), port);
		socket.setSoTimeout((int) TIMEOUT.toMillis());
		socket.startHandshake();
		return socket;
	}

	private static Certificate peerCertificate(SSLSocket socket) throws Exception {
		return socket.getSession().getPeerCertificates()[0];
	}

	private static String upgrade(SSLSocket socket) throws Exception {
		OutputStream out = socket.getOutputStream();
		out.write(("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: " + RawClient.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		return head.toString();
	}

	/**
	 * Sends a short masked text frame and reads the server's unmasked reply.
	 */
	private static String echoFrame(SSLSocket socket, String text) throws Exception {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] mask = { 1, 2, 3, 4 };
		byte[] frame = new byte[6 + payload.length];
		frame[0] = (byte) 0x81;
		frame[1] = (byte) (0x80 | payload.length);
		System.arraycopy(mask, 0, frame, 2, 4);
		for (int i = 0; i < payload.length; i++) {
			frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
		}
		socket.getOutputStream().write(frame);
		socket.getOutputStream().flush();
		InputStream in = socket.getInputStream();
		int opcode = in.read() & 0x0f;
		int length = in.read() & 0x7f;
		assertThat(opcode).isEqualTo(1);
		return new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	/**
	 * A bundle that counts the SSL contexts made from it.
	 */
	private record CountingSslBundle(SslBundle bundle, AtomicInteger contexts) implements SslBundle {

		@Override
		public SslStoreBundle getStores() {
			return this.bundle.getStores();
		}

		@Override
		public SslBundleKey getKey() {
			return this.bundle.getKey();
		}

		@Override
		public SslOptions getOptions() {
			return this.bundle.getOptions();
		}

		@Override
		public String getProtocol() {
			return this.bundle.getProtocol();
		}

		@Override
		public SslManagerBundle getManagers() {
			return this.bundle.getManagers();
		}

		@Override
		public SSLContext createSslContext() {
			this.contexts.incrementAndGet();
			return this.bundle.createSslContext();
		}

	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
