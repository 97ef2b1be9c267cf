package dev.wsboot.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener alone, without Spring, against the JDK's WebSocket client and raw sockets.
 */
class WsServerTests {

	private final ExecutorService workers = Executors.newFixedThreadPool(8);

	private final CountDownLatch releaseBlocked = new CountDownLatch(1);

	private final List<JdkClient> clients = new ArrayList<>();

	private final BlockingQueue<WsSession> sessions = new LinkedBlockingQueue<>();

	private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> lifecycleThreads = new LinkedBlockingQueue<>();

	private final List<WsSession> relayed = new CopyOnWriteArrayList<>();

	private final BlockingQueue<String> lentBuffers = new LinkedBlockingQueue<>();

	private WsServer server;

	@AfterEach
	void stop() {
		this.releaseBlocked.countDown();
		this.clients.forEach(JdkClient::close);
		if (this.server != null) {
			this.server.stop(Duration.ofSeconds(5));
		}
		this.workers.shutdownNow();
	}

	private WsServer start(UnaryOperator<WsServerConfig.Builder> customizer) throws IOException {
		WsServerConfig config = customizer
			.apply(WsServerConfig.builder()
				.address(InetAddress.getLoopbackAddress())
				.port(0)
				.eventLoops(2)
				.maxFrameSize(16 << 20)
				.maxMessageSize(16 << 20)
				.handlerExecutor(this.workers))
			.build();
		this.server = new WsServer(config, this::route);
		this.server.start();
		return this.server;
	}

	private WsServer start() throws IOException {
		return start(UnaryOperator.identity());
	}

	private HandshakeDecision route(dev.wsboot.protocol.handshake.HandshakeRequest request,
			java.net.InetSocketAddress remote) {
		return switch (request.path()) {
			case "/echo" -> new HandshakeDecision.Accept(new EchoHandler(), "/echo");
			case "/block" -> new HandshakeDecision.Accept(new BlockingHandler(), "/block");
			case "/light" -> new HandshakeDecision.Accept(new LightHandler(), "/light");
			case "/relay" -> new HandshakeDecision.Accept(new RelayHandler(false), "/relay");
			case "/relay-on-workers" -> new HandshakeDecision.Accept(new RelayHandler(true), "/relay-on-workers");
			default -> new HandshakeDecision.Reject(404, "no endpoint", "not_found");
		};
	}

	private JdkClient connect(String path) {
		JdkClient client = JdkClient.connect(this.server.port(), path);
		this.clients.add(client);
		return client;
	}

	@Test
	void echoesTextBinaryAndEmptyMessages() throws Exception {
		start();
		JdkClient client = connect("/echo");
		client.socket().sendText("héllo ✓ 🎉", true).join();
		assertThat(client.nextText()).isEqualTo("héllo ✓ 🎉");
		client.socket().sendText("", true).join();
		assertThat(client.nextText()).isEmpty();
		client.socket().sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).join();
		assertThat((byte[]) client.next()).containsExactly(1, 2, 3);
		client.socket().sendBinary(ByteBuffer.allocate(0), true).join();
		assertThat((byte[]) client.next()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/relay", "/relay-on-workers" })
	void relaysLentBinaryMessagesIntactToAReaderWhoseSocketIsFull(String path) throws Exception {
		start((config) -> config.outboundBufferLimit(64 << 20));
		try (RawClient slow = RawClient.open(this.server.port(), path)) {
			JdkClient fast = connect(path);
			for (int i = 0; i < 2; i++) {
				assertThat(this.sessions.poll(10, TimeUnit.SECONDS)).isNotNull();
			}
			// 6 MiB for a reader that reads nothing yet: more than loopback sockets hold,
			// so most of it waits in the server's queue.
			List<byte[]> sent = new ArrayList<>();
			Random random = new Random(7);
			for (int i = 0; i < 384; i++) {
				byte[] message = new byte[16 * 1024];
				random.nextBytes(message);
				sent.add(message);
				fast.socket().sendBinary(ByteBuffer.wrap(message), true).join();
				assertThat(Arrays.equals((byte[]) fast.next(), message)).as("echo %d intact", i).isTrue();
			}
			for (int i = 0; i < sent.size(); i++) {
				assertThat(Arrays.equals(slow.readMessage().payload(), sent.get(i))).as("relayed %d intact", i)
					.isTrue();
			}
		}
		assertThat(this.lentBuffers).as("messages lent a view of the read buffer or of a pooled one")
			.contains("direct, read-only")
			.allMatch((kind) -> kind.endsWith("read-only") || kind.startsWith("heap"));
	}

	@Test
	void echoesSixteenMebibyteMessageAutoFragmented() throws Exception {
		start();
		JdkClient client = connect("/echo");
		byte[] big = new byte[16 << 20];
		new java.util.Random(42).nextBytes(big);
		client.socket().sendBinary(ByteBuffer.wrap(big), true).join();
		assertThat(Arrays.equals((byte[]) client.next(), big)).isTrue();
	}

	@Test
	void sendsLargeHeapAndDirectBuffersFromWhereTheyAre() throws Exception {
		start();
		JdkClient client = connect("/echo");
		WsSession session = awaitSession();
		byte[] bytes = new byte[(1 << 20) + 3];
		new java.util.Random(7).nextBytes(bytes);
		ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
		session.sendBinary(direct).join();
		assertThat(direct.position()).isZero();
		session.sendBinary(ByteBuffer.wrap(bytes, 3, bytes.length - 3)).join();
		assertThat(Arrays.equals((byte[]) client.next(), bytes)).isTrue();
		assertThat(Arrays.equals((byte[]) client.next(), Arrays.copyOfRange(bytes, 3, bytes.length))).isTrue();
	}

	@Test
	void runsBookkeepingOpenAndCloseOnTheEventLoopAndMessagesOnWorkers() throws Exception {
		start();
		JdkClient client = connect("/light");
		client.socket().sendText("hi", true).join();
		assertThat(client.nextText()).isEqualTo("hi");
		client.close();
		assertThat(this.lifecycleThreads.poll(10, TimeUnit.SECONDS)).startsWith("open ws-loop-");
		assertThat(this.lifecycleThreads.poll(10, TimeUnit.SECONDS)).startsWith("text ").doesNotContain("ws-loop-");
		assertThat(this.lifecycleThreads.poll(10, TimeUnit.SECONDS)).startsWith("close ws-loop-");
	}

	/**
	 * A client that pipelines: a thousand messages, a ping among them and a close, in one
	 * write. Their replies are corked into few writes, in order, before the close.
	 */
	@ParameterizedTest(name = "handlers on workers: {0}")
	@ValueSource(booleans = { true, false })
	void echoesPipelinedMessagesInOrderBeforeTheClose(boolean onWorkers) throws Exception {
		start((config) -> config.handlerExecutor(onWorkers ? this.workers : null));
		try (RawClient client = RawClient.open(this.server.port(), "/echo")) {
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			for (int i = 0; i < 1000; i++) {
				burst.writeBytes(client.frame(true, Opcode.TEXT, ("message " + i).getBytes(StandardCharsets.UTF_8)));
				if (i == 500) {
					burst.writeBytes(client.frame(true, Opcode.PING, new byte[] { 7 }));
				}
			}
			burst.writeBytes(client.frame(true, Opcode.CLOSE, new byte[] { 3, (byte) 232 }));
			client.write(burst.toByteArray());
			boolean pong = false;
			for (int i = 0; i < 1000;) {
				RawClient.Frame frame = client.readFrame();
				if (frame.opcode() == Opcode.PONG) {
					pong = true;
					continue;
				}
				assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("message " + i);
				i++;
			}
			assertThat(client.readClose()).isEqualTo(1000);
			assertThat(pong).as("pong before the close").isTrue();
		}
	}

	@Test
	void keepsHandshakeDetailsForTheSession() throws Exception {
		start();
		JdkClient client = JdkClient.connect(this.server.port(), "/echo?room=1");
		this.clients.add(client);
		WsSession session = awaitSession();
		assertThat(session.path()).isEqualTo("/echo");
		assertThat(session.query()).isEqualTo("room=1");
		assertThat(session.handshakeHeaders().first("Host")).isEqualTo("127.0.0.1:" + this.server.port());
		assertThat(session.handshakeHeaders().first("Sec-WebSocket-Version")).isEqualTo("13");
	}

	@Test
	void quietSessionsDropTheirParsingStateAndStillWork() throws Exception {
		start();
		JdkClient client = connect("/echo");
		Connection session = (Connection) awaitSession();
		client.socket().sendText("first", true).join();
		assertThat(client.nextText()).isEqualTo("first");
		long deadline = System.nanoTime() + JdkClient.TIMEOUT.toNanos();
		while (session.holdsParsingState() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		// Each check is a round trip through the session's event loop, so the loop is
		// never starved.
		assertThat(session.holdsParsingState()).isFalse();
		client.socket().sendText("second", true).join();
		assertThat(client.nextText()).isEqualTo("second");
	}

	@Test
	void servesIpv6Loopback() throws Exception {
		InetAddress ipv6 = InetAddress.getByName("::1");
		org.junit.jupiter.api.Assumptions.assumeTrue(ipv6.isReachable(1000), "no IPv6 loopback here");
		start((builder) -> builder.address(ipv6));
		JdkClient client = new JdkClient(java.net.URI.create("ws://[::1]:" + this.server.port() + "/echo"));
		this.clients.add(client);
		client.socket().sendText("v6", true).join();
		assertThat(client.nextText()).isEqualTo("v6");
	}

	@Test
	void assemblesFragmentedMessages() throws Exception {
		start();
		JdkClient client = connect("/echo");
		client.socket().sendText("frag", false).join();
		client.socket().sendText("ment", false).join();
		client.socket().sendText("ed", true).join();
		assertThat(client.nextText()).isEqualTo("fragmented");
	}

	@Test
	void answersPingWithPong() throws Exception {
		start();
		JdkClient client = connect("/echo");
		client.socket().sendPing(ByteBuffer.wrap(new byte[] { 9, 8, 7 })).join();
		assertThat(((JdkClient.Pong) client.next()).payload()).containsExactly(9, 8, 7);
	}

	@Test
	void echoesClientCloseCode() throws Exception {
		start();
		JdkClient client = connect("/echo");
		client.socket().sendClose(4001, "bye").join();
		assertThat(client.awaitClose()).isEqualTo(4001);
	}

	@Test
	void rejectsUnknownPathWith404() throws Exception {
		start();
		assertThat(rawHandshake("/nowhere", "")).startsWith("HTTP/1.1 404");
	}

	@Test
	void rejectsOldVersionWith426() throws Exception {
		start();
		String old = rawRequest("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
		assertThat(old).startsWith("HTTP/1.1 426").contains("Sec-WebSocket-Version: 13");
	}

	@Test
	void refusesConnectionsOverTheLimitWith503() throws Exception {
		start((builder) -> builder.maxConnections(1));
		connect("/echo");
		assertThat(rawHandshake("/echo", "")).startsWith("HTTP/1.1 503");
	}

	@Test
	void blockingHandlerDoesNotStallOtherSessions() throws Exception {
		start();
		JdkClient blocked = connect("/block");
		blocked.socket().sendText("wait", true).join();
		JdkClient other = connect("/echo");
		other.socket().sendText("still here", true).join();
		assertThat(other.nextText()).isEqualTo("still here");
	}

	@Test
	void sendsFromManyThreadsArriveWholeAndInPerThreadOrder() throws Exception {
		start();
		JdkClient client = connect("/echo");
		WsSession session = awaitSession();
		int threads = 8;
		int perThread = 200;
		ExecutorService senders = Executors.newFixedThreadPool(threads);
		try {
			for (int t = 0; t < threads; t++) {
				int thread = t;
				senders.execute(() -> {
					for (int i = 0; i < perThread; i++) {
						session.sendText(thread + ":" + i + ":" + "x".repeat(100 + i));
					}
				});
			}
			Map<Integer, Integer> next = new HashMap<>();
			for (int n = 0; n < threads * perThread; n++) {
				String[] parts = client.nextText().split(":");
				int thread = Integer.parseInt(parts[0]);
				int index = Integer.parseInt(parts[1]);
				assertThat(index).isEqualTo(next.getOrDefault(thread, 0));
				assertThat(parts[2]).hasSize(100 + index);
				next.put(thread, index + 1);
			}
		}
		finally {
			senders.shutdownNow();
		}
	}

	@Test
	void serverCloseReachesClientWithItsCode() throws Exception {
		start();
		JdkClient client = connect("/echo");
		awaitSession().close(CloseStatus.of(4002, "done"));
		assertThat(client.awaitClose()).isEqualTo(4002);
	}

	@Test
	void stopSendsGoingAwayAndLeavesNoThreads() throws Exception {
		start();
		JdkClient client = connect("/echo");
		client.socket().sendText("hi", true).join();
		assertThat(client.nextText()).isEqualTo("hi");
		this.server.stop(Duration.ofSeconds(5));
		assertThat(client.awaitClose()).isEqualTo(1001);
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.isAlive() && thread.getName().startsWith("ws-loop-"));
	}

	@Test
	void closesIdleConnectionsWith1001() throws Exception {
		start((builder) -> builder.idleTimeout(Duration.ofMillis(300)));
		JdkClient client = connect("/echo");
		assertThat(client.awaitClose()).isEqualTo(1001);
	}

	@Test
	void dropsSilentHandshakes() throws Exception {
		start((builder) -> builder.handshakeTimeout(Duration.ofMillis(300)));
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port())) {
			socket.setSoTimeout((int) JdkClient.TIMEOUT.toMillis());
			socket.getOutputStream().write("GET /echo HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
		}
	}

	@Test
	void servesTwoThousandIdleConnections() throws Exception {
		start((builder) -> builder.maxConnections(5000));
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < 2000; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port());
				socket.getOutputStream().write(handshake("/echo").getBytes(StandardCharsets.US_ASCII));
				sockets.add(socket);
			}
			for (Socket socket : sockets) {
				socket.setSoTimeout((int) JdkClient.TIMEOUT.toMillis());
				assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
			}
			assertThat(this.server.openSessions()).isEqualTo(2000);
			JdkClient client = connect("/echo");
			client.socket().sendText("alive", true).join();
			assertThat(client.nextText()).isEqualTo("alive");
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	@Test
	void closesSlowConsumerWith1008WhenOutboundLimitIsReached() throws Exception {
		start((builder) -> builder.outboundBufferLimit(256 * 1024).closeTimeout(Duration.ofMillis(500)));
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port())) {
			socket.setSoTimeout((int) JdkClient.TIMEOUT.toMillis());
			socket.getOutputStream().write(handshake("/echo").getBytes(StandardCharsets.US_ASCII));
			assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
			WsSession session = awaitSession();
			byte[] chunk = new byte[64 * 1024];
			java.util.concurrent.CompletableFuture<Void> refused = null;
			for (int i = 0; i < 10_000 && refused == null; i++) {
				java.util.concurrent.CompletableFuture<Void> sent = session.sendBinary(chunk);
				if (sent.isCompletedExceptionally()) {
					refused = sent;
				}
			}
			assertThat(refused).isNotNull();
			assertThat(refused).failsWithin(JdkClient.TIMEOUT)
				.withThrowableThat()
				.withCauseInstanceOf(SendFailedException.class);
			assertThat(this.closes.poll(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1008);
		}
	}

	private WsSession awaitSession() throws InterruptedException {
		WsSession session = this.sessions.poll(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(session).isNotNull();
		return session;
	}

	private String rawHandshake(String path, String extraHeaders) throws IOException {
		return rawRequest(handshake(path).replace("\r\n\r\n", "\r\n" + extraHeaders + "\r\n"));
	}

	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.server.port())) {
			socket.setSoTimeout((int) JdkClient.TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return readHead(socket.getInputStream());
		}
	}

	private static String handshake(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		int b;
		while ((b = in.read()) != -1) {
			head.append((char) b);
			if (head.toString().endsWith("\r\n\r\n")) {
				break;
			}
		}
		return head.toString();
	}

	/**
	 * Sends each binary message to every session of the endpoint from the buffer it was
	 * lent, on the event loop or on a worker: those whose sockets are full must get a
	 * copy, as the loop reads other bytes into its read buffer after the call, and the
	 * next message reuses the pooled buffer a worker was lent.
	 */
	final class RelayHandler implements WsHandler {

		private final boolean onWorkers;

		RelayHandler(boolean onWorkers) {
			this.onWorkers = onWorkers;
		}

		@Override
		public boolean mayBlock() {
			return this.onWorkers;
		}

		@Override
		public boolean borrowsBinary() {
			return true;
		}

		@Override
		public void onOpen(WsSession session) {
			WsServerTests.this.relayed.add(session);
			WsServerTests.this.sessions.add(session);
		}

		@Override
		public void onText(WsSession session, String text) {
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
			WsServerTests.this.lentBuffers
				.add((data.isDirect() ? "direct" : "heap") + (data.isReadOnly() ? ", read-only" : ", writable"));
			for (WsSession to : WsServerTests.this.relayed) {
				to.sendBinary(data);
			}
		}

		@Override
		public void onError(WsSession session, Throwable error) {
		}

	}

	final class EchoHandler implements WsHandler {

		@Override
		public void onOpen(WsSession session) {
			WsServerTests.this.sessions.add(session);
		}

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
			session.close(CloseStatus.of(1011, "error"));
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			WsServerTests.this.closes.add(status.code());
		}

	}

	/** Opens and closes with bookkeeping only, and says so. */
	final class LightHandler implements WsHandler {

		@Override
		public boolean dispatchesOpenAndClose() {
			return false;
		}

		@Override
		public void onOpen(WsSession session) {
			WsServerTests.this.lifecycleThreads.add("open " + Thread.currentThread().getName());
		}

		@Override
		public void onText(WsSession session, String text) {
			WsServerTests.this.lifecycleThreads.add("text " + Thread.currentThread().getName());
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
		}

		@Override
		public void onError(WsSession session, Throwable error) {
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			WsServerTests.this.lifecycleThreads.add("close " + Thread.currentThread().getName());
		}

	}

	final class BlockingHandler implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			try {
				WsServerTests.this.releaseBlocked.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
		}

		@Override
		public void onError(WsSession session, Throwable error) {
		}

	}

}
