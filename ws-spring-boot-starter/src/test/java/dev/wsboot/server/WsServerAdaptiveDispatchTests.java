package dev.wsboot.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
		WsHandler blocking = new ThreadReporter();
		WsHandler quick = new ThreadReporter();
		WsHandler blockingOnOpen = new ThreadReporter() {

			@Override
			public void onOpen(WsSession session) {
				awaitRelease();
			}

		};
		this.server = new WsServer(config, (request, remote) -> switch (request.path()) {
			case "/block" -> new HandshakeDecision.Accept(blocking, "/block");
			case "/block-on-open" -> new HandshakeDecision.Accept(blockingOnOpen, "/block-on-open");
			default -> new HandshakeDecision.Accept(quick, "/quick");
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
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

	private void awaitRelease() {
		try {
			assertThat(this.release.await(1, TimeUnit.MINUTES)).isTrue();
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
	private class ThreadReporter implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			if (text.equals("block")) {
				awaitRelease();
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
