package dev.wsboot.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event loop that polls its selector before it blocks (the longest window, 1 ms, so
 * that every message lands in one) still serves tasks from other threads at once, and
 * sleeps when the traffic stops. One loop, echoing on it.
 */
class WsServerBusyPollTests {

	private final BlockingQueue<WsSession> sessions = new LinkedBlockingQueue<>();

	private volatile Thread loopThread;

	private WsServer server;

	@BeforeEach
	void start() throws Exception {
		WsServerConfig config = WsServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(1)
			.busyPoll(Duration.ofMillis(1))
			.build();
		WsHandler echo = new WsHandler() {

			@Override
			public void onOpen(WsSession session) {
				WsServerBusyPollTests.this.sessions.add(session);
			}

			@Override
			public void onText(WsSession session, String text) {
				WsServerBusyPollTests.this.loopThread = Thread.currentThread();
				session.sendText(text);
			}

			@Override
			public void onBinary(WsSession session, ByteBuffer data) {
			}

			@Override
			public void onError(WsSession session, Throwable error) {
			}

		};
		this.server = new WsServer(config, (request, remote) -> new HandshakeDecision.Accept(echo, "/echo"));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(5));
	}

	/**
	 * A close from another thread is a task for the loop. A poll can spend its wake-up,
	 * and a loop that then blocked would leave the task until its next timer tick (here
	 * every 500 ms): 100 of them would take 50 s. Whether a close meets a poll that way
	 * is up to the threads' timing, so this checks that tasks are served while the loop
	 * polls rather than forcing that race.
	 */
	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void tasksFromOtherThreadsRunWhileTheLoopPolls() throws Exception {
		for (int i = 0; i < 100; i++) {
			try (RawClient client = RawClient.open(this.server.port(), "/echo")) {
				WsSession session = this.sessions.poll(RawClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				assertThat(session).isNotNull();
				client.sendText("echo " + i);
				assertThat(client.readText()).isEqualTo("echo " + i);
				// The loop polls for a millisecond after the echo's pass.
				session.close(CloseStatus.NORMAL);
				RawClient.Frame close = client.readFrame();
				assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
			}
		}
	}

	@Test
	void theLoopSleepsWhenTrafficStops() throws Exception {
		try (RawClient client = RawClient.open(this.server.port(), "/echo")) {
			for (int i = 0; i < 100; i++) {
				client.sendText("echo " + i);
				assertThat(client.readText()).isEqualTo("echo " + i);
			}
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long loop = this.loopThread.getId();
			long[] last = { threads.getThreadCpuTime(loop), System.nanoTime() };
			// A loop that kept polling would use its whole core between every two looks.
			await("loop using under a tenth of its core without traffic").atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> {
					long cpu = threads.getThreadCpuTime(loop);
					long now = System.nanoTime();
					boolean quiet = cpu - last[0] < (now - last[1]) / 10;
					last[0] = cpu;
					last[1] = now;
					return quiet;
				});
		}
	}

}
