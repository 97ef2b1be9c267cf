package dev.wsboot.demo.secure;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.annotation.LocalWsServerPort;
import dev.wsboot.demo.DemoApplication;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The demo's security: {@code /secure/echo} behind {@link DemoTokenInterceptor}, the
 * other endpoints open, and the default origin policy with the demo's pages served by its
 * HTTP server.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.server.port=0", "ws.server.address=127.0.0.1", "demo.secure.token=s3cret" })
class SecureEchoEndpointTests {

	private static final int TIMEOUT_SECONDS = 10;

	@LocalWsServerPort
	private int port;

	@LocalServerPort
	private int httpPort;

	@Test
	void refusesHandshakeWithoutTokenWith401() throws IOException {
		assertThat(rawHandshake("/secure/echo", null, null)).startsWith("HTTP/1.1 401 ")
			.contains("\r\nWWW-Authenticate: Bearer realm=\"wsboot-demo\"\r\n")
			.endsWith("Missing token: add ?token=... or the demo-token cookie");
	}

	@Test
	void refusesHandshakeWithWrongTokenWith403() throws IOException {
		assertThat(rawHandshake("/secure/echo?token=guess", null, null)).startsWith("HTTP/1.1 403 ")
			.endsWith("Invalid token");
		assertThat(rawHandshake("/secure/echo", "demo-token=guess", null)).startsWith("HTTP/1.1 403 ");
	}

	@Test
	void echoesWithTokenInQuery() throws Exception {
		try (Client client = Client.connect(this.port, "/secure/echo?token=s3cret", null)) {
			assertThat(client.next()).isEqualTo("welcome demo-user (token from query)");
			client.send("hi");
			assertThat(client.next()).isEqualTo("demo-user: hi");
		}
	}

	@Test
	void echoesWithTokenInCookie() throws Exception {
		try (Client client = Client.connect(this.port, "/secure/echo", "theme=dark; demo-token=s3cret")) {
			assertThat(client.next()).isEqualTo("welcome demo-user (token from cookie)");
		}
	}

	@Test
	void jdkClientSeesTheRefusal() {
		Throwable failure = catchThrowable(() -> Client.connect(this.port, "/secure/echo", null));
		assertThat(failure).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
	}

	@Test
	void leavesEchoOpen() throws Exception {
		try (Client client = Client.connect(this.port, "/echo", null)) {
			client.send("no token needed");
			assertThat(client.next()).isEqualTo("no token needed");
		}
	}

	@Test
	void allowsTheDemosOwnPages() throws IOException {
		assertThat(rawHandshake("/echo", null, "http://localhost:" + this.httpPort)).startsWith("HTTP/1.1 101 ");
	}

	@Test
	void forbidsOtherSitesPages() throws IOException {
		assertThat(rawHandshake("/echo", null, "http://evil.example:" + this.httpPort)).startsWith("HTTP/1.1 403 ");
		int otherPort = (this.httpPort == 65535) ? 65534 : this.httpPort + 1;
		assertThat(rawHandshake("/echo", null, "http://localhost:" + otherPort)).startsWith("HTTP/1.1 403 ");
	}

	/**
	 * Sends a handshake from a plain socket, which, unlike the JDK's client, can send
	 * {@code Origin}; returns a refusal whole, or a 101's head.
	 */
	private String rawHandshake(String target, @Nullable String cookie, @Nullable String origin) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(TIMEOUT_SECONDS * 1000);
			String request = "GET " + target + " HTTP/1.1\r\nHost: localhost:" + this.port + "\r\n"
					+ ((cookie != null) ? "Cookie: " + cookie + "\r\n" : "")
					+ ((origin != null) ? "Origin: " + origin + "\r\n" : "")
					+ "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			StringBuilder response = new StringBuilder();
			int b;
			while ((b = in.read()) >= 0) {
				response.append((char) b);
				if (response.toString().startsWith("HTTP/1.1 101 ") && response.toString().endsWith("\r\n\r\n")) {
					break;
				}
			}
			return response.toString();
		}
	}

	/**
	 * The JDK's WebSocket client, collecting whole text messages.
	 */
	private static final class Client implements WebSocket.Listener, AutoCloseable {

		private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final StringBuilder text = new StringBuilder();

		private @Nullable WebSocket socket;

		static Client connect(int port, String target, @Nullable String cookie) {
			Client client = new Client();
			WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
			if (cookie != null) {
				builder.header("Cookie", cookie);
			}
			client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + target), client)
				.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
				.join();
			return client;
		}

		void send(String message) {
			this.socket.sendText(message, true).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
		}

		@Nullable String next() throws InterruptedException {
			return this.messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
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
		public void close() {
			this.socket.abort();
		}

	}

}
