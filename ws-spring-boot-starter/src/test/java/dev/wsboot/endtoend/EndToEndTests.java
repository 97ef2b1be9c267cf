package dev.wsboot.endtoend;

import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.wsboot.annotation.LocalWsServerPort;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsSessions;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * The starter against two independent clients, the JDK's and Jetty's, over real sockets,
 * with the default dispatch ({@code adaptive}): endpoint methods run on the event loops
 * until one blocks.
 */
@SpringBootTest(classes = EndToEndApplication.class, properties = { "ws.server.port=0", "ws.server.address=127.0.0.1",
		"ws.server.max-frame-size=16MB", "ws.server.max-message-size=16MB", "ws.server.outbound-buffer-limit=64MB" })
class EndToEndTests {

	private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

	private static WebSocketClient jetty;

	@LocalWsServerPort
	private int port;

	@Value("${local.ws.server.port}")
	private int portFromValue;

	@Autowired
	private WsServer server;

	@Autowired
	private WsSessions sessions;

	@BeforeAll
	static void startJetty() throws Exception {
		jetty = new WebSocketClient();
		jetty.setMaxTextMessageSize(2L * SIXTEEN_MIB);
		jetty.setMaxBinaryMessageSize(2L * SIXTEEN_MIB);
		jetty.start();
	}

	@AfterAll
	static void stopJetty() throws Exception {
		jetty.stop();
	}

	@Test
	void injectsTheBoundPort() {
		assertThat(this.port).isPositive().isEqualTo(this.server.port()).isEqualTo(this.portFromValue);
	}

	@Test
	void echoesTextAndBinaryToJdkClient() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/echo")) {
			client.sendText("héllo wörld");
			assertThat(client.nextText()).isEqualTo("héllo wörld");
			client.sendBinary(new byte[] { 0, 1, 2, (byte) 255 });
			assertThat(client.nextBinary()).containsExactly(0, 1, 2, 255);
		}
	}

	@Test
	void echoesTextAndBinaryToJettyClient() throws Exception {
		try (JettyClient client = JettyClient.connect(jetty, this.port, "/echo")) {
			client.sendText("héllo wörld");
			assertThat(client.next()).isEqualTo("héllo wörld");
			client.sendBinary(new byte[] { 0, 1, 2, (byte) 255 });
			assertThat((byte[]) client.next()).containsExactly(0, 1, 2, 255);
		}
	}

	@Test
	void echoesEmptyMessages() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/echo")) {
			client.sendText("");
			assertThat(client.nextText()).isEmpty();
			client.sendBinary(new byte[0]);
			assertThat(client.nextBinary()).isEmpty();
		}
		try (JettyClient client = JettyClient.connect(jetty, this.port, "/echo")) {
			client.sendText("");
			assertThat(client.next()).isEqualTo("");
			client.sendBinary(new byte[0]);
			assertThat((byte[]) client.next()).isEmpty();
		}
	}

	@Test
	void echoesSixteenMebibyteMessages() throws Exception {
		byte[] binary = new byte[SIXTEEN_MIB];
		new Random(42).nextBytes(binary);
		char[] chars = new char[SIXTEEN_MIB];
		Arrays.fill(chars, 'w');
		String text = new String(chars);
		try (JdkClient client = JdkClient.connect(this.port, "/echo")) {
			client.sendBinary(binary);
			assertThat(client.nextBinary()).isEqualTo(binary);
			client.sendText(text);
			assertThat(client.nextText()).isEqualTo(text);
		}
		try (JettyClient client = JettyClient.connect(jetty, this.port, "/echo")) {
			client.sendBinary(binary);
			assertThat((byte[]) client.next()).isEqualTo(binary);
			client.sendText(text);
			assertThat(client.next()).isEqualTo(text);
		}
	}

	@Test
	void bindsPathParams() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/games/42/players/ada%20l")) {
			assertThat(client.nextText()).isEqualTo("game 42 player ada l");
		}
	}

	@Test
	void refusesPathParamThatDoesNotConvertWith400() {
		assertThat(handshakeStatus("/games/forty-two/players/ada")).isEqualTo(400);
	}

	@Test
	void refusesUnknownPathWith404() {
		assertThat(handshakeStatus("/nowhere")).isEqualTo(404);
	}

	@Test
	void choosesTheClientsFirstSupportedSubprotocol() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/chat", "v3.chat", "v1.chat", "v2.chat")) {
			assertThat(client.socket().getSubprotocol()).isEqualTo("v1.chat");
			assertThat(client.nextText()).isEqualTo("v1.chat");
		}
		try (JettyClient client = JettyClient.connect(jetty, this.port, "/chat", "v2.chat", "v1.chat")) {
			assertThat(client.acceptedSubprotocol()).isEqualTo("v2.chat");
			assertThat(client.next()).isEqualTo("v2.chat");
		}
	}

	@Test
	void acceptsWithoutSubprotocolWhenNoOfferedOneIsSupported() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/chat", "v9.chat")) {
			assertThat(client.socket().getSubprotocol()).isEmpty();
			assertThat(client.nextText()).isEqualTo("null");
		}
	}

	@Test
	void routesHandlerExceptionToOnError() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/fail")) {
			client.sendText("x");
			assertThat(client.nextText()).isEqualTo("error: boom: x");
			client.sendText("y");
			assertThat(client.nextText()).isEqualTo("error: boom: y");
		}
	}

	@Test
	void closesWith1011WhenNoOnErrorHandlesTheException() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/unhandled")) {
			client.sendText("x");
			assertThat(client.awaitClose()).startsWith("1011");
		}
	}

	@Test
	void sendsJsonReturnValueOfJsonMessage() throws Exception {
		try (JettyClient client = JettyClient.connect(jetty, this.port, "/json")) {
			client.sendText("{\"name\":\"ada\",\"times\":2}");
			assertThat(client.next()).isEqualTo("{\"text\":\"hello ada hello ada\"}");
		}
	}

	@Test
	void closesWith1007ForMalformedJson() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/json")) {
			client.sendText("{\"name\":");
			assertThat(client.awaitClose()).startsWith("1007");
		}
	}

	@Test
	void sendsCompletionStageResult() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/async")) {
			client.sendText("later");
			assertThat(client.nextText()).isEqualTo("LATER");
		}
	}

	@Test
	void serverSideCloseCodeReachesClient() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/close")) {
			client.sendText("bye now");
			assertThat(client.awaitClose()).isEqualTo("4001 bye now");
		}
		try (JettyClient client = JettyClient.connect(jetty, this.port, "/close")) {
			client.sendText("bye");
			assertThat(client.awaitClose()).isEqualTo("4001 bye");
		}
	}

	@Test
	void broadcastsToRoomOnlyAndRepliesToSender() throws Exception {
		try (JdkClient ann = JdkClient.connect(this.port, "/rooms/kitchen");
				JdkClient bob = JdkClient.connect(this.port, "/rooms/kitchen");
				JdkClient cid = JdkClient.connect(this.port, "/rooms/garden")) {
			await().atMost(JdkClient.TIMEOUT).until(() -> this.sessions.sessions("/rooms/{room}").size() >= 3);
			ann.sendText("hi");
			List<String> annReceived = List.of(ann.nextText(), ann.nextText());
			assertThat(annReceived).contains("sent").anyMatch((m) -> m.startsWith("guest-") && m.endsWith(": hi"));
			assertThat(bob.nextText()).startsWith("guest-").endsWith(": hi");
			cid.sendText("alone");
			assertThat(List.of(cid.nextText(), cid.nextText())).contains("sent").anyMatch((m) -> m.endsWith(": alone"));
			bob.sendText("ping");
			assertThat(List.of(bob.nextText(), bob.nextText())).contains("sent");
			assertThat(ann.nextText()).endsWith(": ping");
		}
	}

	@Test
	void broadcastsToTwoHundredConcurrentSessions() throws Exception {
		List<CompletableFuture<JdkClient>> connecting = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			connecting.add(JdkClient.connectAsync(this.port, "/news"));
		}
		List<JdkClient> clients = new ArrayList<>();
		try {
			for (CompletableFuture<JdkClient> client : connecting) {
				clients.add(client.get(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
			}
			await().atMost(JdkClient.TIMEOUT).until(() -> this.sessions.sessions("/news").size() == 200);
			assertThat(this.sessions.broadcast("/news", "extra! extra!")).isEqualTo(200);
			for (JdkClient client : clients) {
				assertThat(client.nextText()).isEqualTo("extra! extra!");
			}
		}
		finally {
			clients.forEach(JdkClient::close);
		}
		await().atMost(JdkClient.TIMEOUT).until(() -> this.sessions.sessions("/news").isEmpty());
	}

	@Test
	void runsEndpointMethodsOnTheConfiguredThreads() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/thread")) {
			client.sendText("which?");
			assertHandlerThread(client.nextText());
		}
	}

	@Test
	void runsNonBlockingEndpointsOnTheEventLoops() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/thread/non-blocking")) {
			client.sendText("which?");
			assertThat(client.nextText()).matches("ws-loop-\\d+, ws-loop-\\d+");
		}
	}

	@Test
	void lendsNonBlockingEndpointsAReadOnlyViewOfEachBinaryMessage() throws Exception {
		try (JdkClient client = JdkClient.connect(this.port, "/thread/non-blocking")) {
			for (int i = 0; i < 10; i++) {
				byte[] message = new byte[100 + i];
				Arrays.fill(message, (byte) i);
				client.sendBinary(message);
				assertThat(client.nextText()).isEqualTo("direct, read-only");
				assertThat(client.nextBinary()).isEqualTo(message);
			}
		}
	}

	@Test
	void lendsEndpointsAViewOfEachBinaryMessageThatFitsAPooledBuffer() throws Exception {
		// Below 4 KiB workers get a heap copy; a message split across reads is assembled
		// on the heap.
		String small = handlersRunOnWorkers() ? "heap" : "direct, read-only";
		List<String> lent = new ArrayList<>();
		try (JdkClient client = JdkClient.connect(this.port, "/thread")) {
			for (int size : new int[] { 100, 8 * 1024, 16 * 1024, 8 * 1024, 16 * 1024, 100 }) {
				byte[] message = new byte[size];
				new Random(size).nextBytes(message);
				client.sendBinary(message);
				if (size < 4096) {
					assertThat(client.nextText()).isEqualTo(small);
				}
				else {
					lent.add(client.nextText());
				}
				assertThat(client.nextBinary()).isEqualTo(message);
			}
		}
		assertThat(lent).contains("direct, read-only").isSubsetOf("direct, read-only", "heap");
	}

	@Test
	void blockingEndpointMethodsStallOnlyTheirOwnSessions() throws Exception {
		assumeTrue(handlersMayBlock(), "endpoint methods run on the event loops");
		int blocked = 3;
		List<JdkClient> waiting = new ArrayList<>();
		try {
			for (int i = 0; i < blocked; i++) {
				JdkClient client = JdkClient.connect(this.port, "/block");
				waiting.add(client);
				client.sendText("call " + i);
			}
			try (JdkClient other = JdkClient.connect(this.port, "/echo")) {
				for (int i = 0; i < 100; i++) {
					other.sendText("still here " + i);
					assertThat(other.nextText()).isEqualTo("still here " + i);
				}
			}
			EndToEndApplication.BlockingEndpoint.released.release(blocked);
			for (int i = 0; i < blocked; i++) {
				assertThat(waiting.get(i).nextText()).isEqualTo("released call " + i);
			}
		}
		finally {
			for (JdkClient client : waiting) {
				client.close();
			}
		}
	}

	/**
	 * Returns whether an endpoint method may block without stalling other sessions for
	 * long.
	 * @return true unless endpoint methods always run on the event loops
	 */
	protected boolean handlersMayBlock() {
		return true;
	}

	/**
	 * Returns whether endpoint methods that never blocked run on worker threads.
	 * @return true with the {@code workers} dispatch
	 */
	protected boolean handlersRunOnWorkers() {
		return false;
	}

	/**
	 * Checks the thread an endpoint method that never blocks ran on.
	 * @param thread the thread's class and name
	 */
	protected void assertHandlerThread(String thread) {
		assertThat(thread).matches("Thread ws-loop-\\d+");
	}

	private int handshakeStatus(String path) {
		Throwable failure = catchThrowable(() -> JdkClient.connect(this.port, path));
		assertThat(failure).isInstanceOf(CompletionException.class);
		while (failure != null && !(failure instanceof WebSocketHandshakeException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("a WebSocketHandshakeException in the cause chain").isNotNull();
		return ((WebSocketHandshakeException) failure).getResponse().statusCode();
	}

	@Test
	void nonAsciiTextRoundTripsAsUtf8() throws Exception {
		String text = "𝄞 ü € 日本";
		try (JdkClient client = JdkClient.connect(this.port, "/echo")) {
			client.sendText(text);
			assertThat(client.nextText().getBytes(StandardCharsets.UTF_8))
				.isEqualTo(text.getBytes(StandardCharsets.UTF_8));
		}
	}

}
