package dev.wsboot.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With adaptive dispatch, handlers that may block run on the event loop until a call
 * blocks: the watchdog then hands the loop on to a new thread, the loop's other sessions
 * go on, the blocked session's input waits for it in order, and the handler's calls run
 * on the executor from then on. One event loop, so that every session shares it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WsServerAdaptiveDispatchTests {

	private final ExecutorService workers = Executors.newFixedThreadPool(2, new CustomizableThreadFactory("worker-"));

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch releaseToo = new CountDownLatch(1);

	private final BlockingQueue<WsSession> blockSessions = new LinkedBlockingQueue<>();

	private final Map<String, AtomicInteger> handovers = new ConcurrentHashMap<>();

	private volatile InputStream slowServiceReply;

	private WsServer server;

	@BeforeEach
	void start() throws IOException {
		WsServerConfig config = WsServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(1)
			.handlerExecutor(this.workers)
			.adaptiveDispatch(true)
			.build();
		WsHandler blocking = new ThreadReporter(this.release) {

			@Override
			public void onOpen(WsSession session) {
				WsServerAdaptiveDispatchTests.this.blockSessions.add(session);
			}

		};
		WsHandler blockingToo = new ThreadReporter(this.releaseToo);
		WsHandler blockingOnSocket = new ThreadReporter(this.release) {

			@Override
			public void onText(WsSession session, String text) {
				try {
					int reply = WsServerAdaptiveDispatchTests.this.slowServiceReply.read();
					session.sendText(reply + " on " + Thread.currentThread().getName());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}

		};
		WsHandler quick = new ThreadReporter(this.release);
		WsHandler blockingOnOpen = new ThreadReporter(this.release) {

			@Override
			public void onOpen(WsSession session) {
				await(WsServerAdaptiveDispatchTests.this.release);
			}

		};
		this.server = new WsServer(config, (request, remote) -> switch (request.path()) {
			case "/block" -> new HandshakeDecision.Accept(blocking, "/block");
			case "/block-too" -> new HandshakeDecision.Accept(blockingToo, "/block-too");
			case "/block-on-socket" -> new HandshakeDecision.Accept(blockingOnSocket, "/block-on-socket");
			case "/block-on-open" -> new HandshakeDecision.Accept(blockingOnOpen, "/block-on-open");
			default -> new HandshakeDecision.Accept(quick, "/quick");
		}, new WsMetrics() {

			@Override
			public EndpointMetrics endpoint(String endpoint) {
				return new EndpointMetrics() {

					@Override
					public void loopHandedOn() {
						WsServerAdaptiveDispatchTests.this.handovers
							.computeIfAbsent(endpoint, (key) -> new AtomicInteger())
							.incrementAndGet();
					}

				};
			}

			@Override
			public void handshakeRejected(String reason) {
			}

		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.releaseToo.countDown();
		this.server.stop(Duration.ofSeconds(5));
		this.workers.shutdownNow();
	}

	@Test
	void handlersThatDoNotBlockRunOnTheEventLoop() throws Exception {
		try (RawClient client = RawClient.open(this.server.port(), "/quick")) {
			for (int i = 0; i < 10; i++) {
				client.sendText("quick " + i);
				assertThat(client.readText()).isEqualTo("quick " + i + " on ws-loop-0");
			}
		}
	}

	@Test
	void aCallThatBlocksHandsTheLoopOnAndMovesItsHandlerToTheExecutor() throws Exception {
		try (RawClient blocked = RawClient.open(this.server.port(), "/block")) {
			blocked.sendText("block");
			// Served by the loop's new thread while the old one is held by the call.
			try (RawClient other = RawClient.open(this.server.port(), "/quick")) {
				for (int i = 0; i < 20; i++) {
					other.sendText("still here " + i);
					assertThat(other.readText()).isEqualTo("still here " + i + " on ws-loop-0");
				}
				// Waits on the socket while the blocked call holds the session.
				blocked.sendText("after");
				this.release.countDown();
				assertThat(blocked.readText()).isEqualTo("block on ws-loop-0");
				assertThat(blocked.readText()).matches("after on worker-\\d+");
				other.sendText("and now");
				assertThat(other.readText()).isEqualTo("and now on ws-loop-0");
			}
			// Other sessions of the handler that blocked go to the executor too.
			try (RawClient second = RawClient.open(this.server.port(), "/block")) {
				second.sendText("hello");
				assertThat(second.readText()).matches("hello on worker-\\d+");
			}
			assertThat(this.handovers).containsOnlyKeys("/block");
			assertThat(this.handovers.get("/block")).hasValue(1);
		}
	}

	@Test
	void aCallBlockedInASocketReadHandsTheLoopOnToo() throws Exception {
		try (ServerSocket slowService = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket connection = new Socket(InetAddress.getLoopbackAddress(), slowService.getLocalPort());
				Socket serviceSide = slowService.accept();
				RawClient blocked = RawClient.open(this.server.port(), "/block-on-socket")) {
			this.slowServiceReply = connection.getInputStream();
			// A database driver's read: the thread waits in native code, runnable to
			// Java.
			blocked.sendText("query");
			try (RawClient other = RawClient.open(this.server.port(), "/quick")) {
				other.sendText("served");
				assertThat(other.readText()).isEqualTo("served on ws-loop-0");
			}
			serviceSide.getOutputStream().write(42);
			assertThat(blocked.readText()).isEqualTo("42 on ws-loop-0");
			blocked.sendText("query");
			serviceSide.getOutputStream().write(7);
			assertThat(blocked.readText()).matches("7 on worker-\\d+");
		}
	}

	@Test
	void messagesReadWithTheBlockingOneAreHandledAfterItInOrder() throws Exception {
		try (RawClient blocked = RawClient.open(this.server.port(), "/block")) {
			byte[] block = blocked.frame(true, Opcode.TEXT, "block".getBytes(StandardCharsets.UTF_8));
			byte[] next = blocked.frame(true, Opcode.TEXT, "next".getBytes(StandardCharsets.UTF_8));
			byte[] last = blocked.frame(true, Opcode.TEXT, "last".getBytes(StandardCharsets.UTF_8));
			blocked.write(concat(block, next, last));
			try (RawClient other = RawClient.open(this.server.port(), "/quick")) {
				other.sendText("served");
				assertThat(other.readText()).isEqualTo("served on ws-loop-0");
			}
			this.release.countDown();
			assertThat(blocked.readText()).isEqualTo("block on ws-loop-0");
			assertThat(blocked.readText()).matches("next on worker-\\d+");
			assertThat(blocked.readText()).matches("last on worker-\\d+");
			blocked.sendClose(1000);
			assertThat(blocked.readClose()).isEqualTo(1000);
		}
	}

	@Test
	void anOnOpenThatBlocksHandsTheLoopOnToo() throws Exception {
		try (RawClient blocked = RawClient.open(this.server.port(), "/block-on-open")) {
			blocked.sendText("first");
			try (RawClient other = RawClient.open(this.server.port(), "/quick")) {
				other.sendText("served");
				assertThat(other.readText()).isEqualTo("served on ws-loop-0");
			}
			this.release.countDown();
			assertThat(blocked.readText()).matches("first on worker-\\d+");
		}
	}

	@Test
	void aCallThatBlocksOnTheLoopsNewThreadHandsItOnAgain() throws Exception {
		List<RawClient> quick = new ArrayList<>();
		try (RawClient first = RawClient.open(this.server.port(), "/block");
				RawClient second = RawClient.open(this.server.port(), "/block-too")) {
			for (int i = 0; i < 10; i++) {
				quick.add(RawClient.open(this.server.port(), "/quick"));
			}
			first.sendText("block");
			// Read on the loop's second thread, which this call then holds.
			second.sendText("block");
			for (int round = 0; round < 5; round++) {
				for (int i = 0; i < quick.size(); i++) {
					quick.get(i).sendText(round + "/" + i);
				}
				for (int i = 0; i < quick.size(); i++) {
					assertThat(quick.get(i).readText()).isEqualTo(round + "/" + i + " on ws-loop-0");
				}
			}
			// The newer held thread lets go first.
			this.releaseToo.countDown();
			assertThat(second.readText()).isEqualTo("block on ws-loop-0");
			second.sendText("then");
			assertThat(second.readText()).matches("then on worker-\\d+");
			this.release.countDown();
			assertThat(first.readText()).isEqualTo("block on ws-loop-0");
			first.sendText("then");
			assertThat(first.readText()).matches("then on worker-\\d+");
			quick.get(0).sendText("last");
			assertThat(quick.get(0).readText()).isEqualTo("last on ws-loop-0");
		}
		finally {
			quick.forEach(RawClient::close);
		}
	}

	@Test
	void whatOtherThreadsAskOfAHeldSessionHappensOnceTheLoopHasItBack() throws Exception {
		try (RawClient blocked = RawClient.open(this.server.port(), "/block")) {
			WsSession session = this.blockSessions.poll(10, TimeUnit.SECONDS);
			assertThat(session).isNotNull();
			blocked.sendText("block");
			try (RawClient other = RawClient.open(this.server.port(), "/quick")) {
				other.sendText("served");
				assertThat(other.readText()).isEqualTo("served on ws-loop-0");
			}
			// The loop's new thread holds the close back until the call returns.
			CompletableFuture<Void> closed = session.close(CloseStatus.of(CloseStatus.NORMAL.code(), "bye"));
			this.release.countDown();
			assertThat(blocked.readText()).isEqualTo("block on ws-loop-0");
			assertThat(blocked.readClose()).isEqualTo(1000);
			blocked.sendClose(1000);
			closed.get(10, TimeUnit.SECONDS);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(1, TimeUnit.MINUTES)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] concat(byte[]... parts) {
		ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt((part) -> part.length).sum());
		for (byte[] part : parts) {
			all.put(part);
		}
		return all.array();
	}

	/**
	 * Answers each text with the thread it ran on; "block" waits for the test's release
	 * first.
	 */
	private static class ThreadReporter implements WsHandler {

		private final CountDownLatch release;

		ThreadReporter(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public void onText(WsSession session, String text) {
			if (text.equals("block")) {
				await(this.release);
			}
			session.sendText(text + " on " + Thread.currentThread().getName());
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
		}

		@Override
		public void onError(WsSession session, Throwable error) {
			session.close(CloseStatus.of(CloseStatus.INTERNAL_ERROR.code(), "failed"));
		}

	}

}
