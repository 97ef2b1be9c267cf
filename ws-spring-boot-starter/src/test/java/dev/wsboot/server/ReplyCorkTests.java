package dev.wsboot.server;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

import org.junit.jupiter.api.Test;

import static dev.wsboot.server.RecordingTransport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReplyCork} on a {@link SerialExecutor}: the replies of calls queued behind each
 * other go out together, within the hold time, and never behind a slow call.
 */
class ReplyCorkTests {

	private final RecordingTransport transport = new RecordingTransport();

	private final Outbound outbound = new Outbound(this.transport, null, 1 << 20, OverflowPolicy.CLOSE);

	/** The worker: runs what the session schedules when the test says so. */
	private final Queue<Runnable> worker = new ArrayDeque<>();

	private long now = 1_000_000;

	private final SerialExecutor session = new SerialExecutor(this.worker::add,
			new ReplyCork(this.outbound, () -> this.now));

	@Test
	void writesTheRepliesOfQueuedCallsTogetherAndTheLastAlone() {
		queueReplies("1", "2", "3", "4");
		runWorker();
		assertThat(this.transport.writes).containsExactly(List.of("1", "2", "3"), List.of("4"));
	}

	@Test
	void writesAtOnceWhenNothingIsQueuedBehind() {
		this.session.execute(() -> this.outbound.send(bytes("1")));
		runWorker();
		this.session.execute(() -> this.outbound.send(bytes("2")));
		runWorker();
		assertThat(this.transport.writes).containsExactly(List.of("1"), List.of("2"));
	}

	@Test
	void doesNotHoldRepliesBehindASlowCall() {
		this.session.execute(() -> this.outbound.send(bytes("1")));
		this.session.execute(() -> {
			this.outbound.send(bytes("2"));
			this.now += ReplyCork.SLOW_CALL_NANOS;
		});
		this.session.execute(() -> this.outbound.send(bytes("3")));
		this.session.execute(() -> this.outbound.send(bytes("4")));
		runWorker();
		// After the slow call nothing is corked: "3" is written while "4" waits.
		assertThat(this.transport.writes).containsExactly(List.of("1", "2"), List.of("3"), List.of("4"));
	}

	@Test
	void anotherThreadsSendEndsTheCork() throws Exception {
		this.session.execute(() -> this.outbound.send(bytes("1")));
		this.session.execute(() -> {
			this.outbound.send(bytes("2"));
			Thread pong = new Thread(() -> this.outbound.send(bytes("pong")));
			pong.start();
			join(pong);
			this.outbound.send(bytes("3"));
		});
		this.session.execute(() -> this.outbound.send(bytes("4")));
		runWorker();
		assertThat(this.transport.writes).containsExactly(List.of("1", "2", "pong"), List.of("3"), List.of("4"));
	}

	@Test
	void writesALargeReplyAsItIsSent() {
		byte[] large = new byte[(int) Outbound.MAX_CORKED_BYTES];
		java.util.Arrays.fill(large, (byte) 'x');
		this.session.execute(() -> this.outbound.send(bytes("1")));
		this.session.execute(() -> this.outbound.send(java.nio.ByteBuffer.wrap(large)));
		this.session.execute(() -> this.outbound.send(bytes("3")));
		runWorker();
		assertThat(this.transport.writes).hasSize(2);
		assertThat(this.transport.writes.get(0)).hasSize(2).startsWith("1");
		assertThat(this.transport.writes.get(1)).containsExactly("3");
	}

	@Test
	void holdsRepliesNoLongerThanTheHoldTime() {
		long quickCall = ReplyCork.MAX_HOLD_NANOS / 5;
		assertThat(quickCall).isLessThan(ReplyCork.SLOW_CALL_NANOS);
		for (int i = 1; i <= 8; i++) {
			String reply = Integer.toString(i);
			this.session.execute(() -> {
				this.outbound.send(bytes(reply));
				this.now += quickCall;
			});
		}
		runWorker();
		assertThat(this.transport.writes).containsExactly(List.of("1", "2", "3", "4", "5"), List.of("6", "7"),
				List.of("8"));
	}

	@Test
	void uncorksWhenTheWorkerYieldsAfterABatch() {
		for (int i = 0; i < 40; i++) {
			String reply = Integer.toString(i);
			this.session.execute(() -> this.outbound.send(bytes(reply)));
		}
		this.worker.poll().run();
		// The first run stops after its batch with more queued: what it sent is written.
		assertThat(this.transport.writes).hasSize(1);
		assertThat(this.transport.writes.get(0)).hasSize(32).startsWith("0", "1").endsWith("31");
		runWorker();
		assertThat(this.transport.writes.stream().mapToInt(List::size).sum()).isEqualTo(40);
	}

	private void queueReplies(String... replies) {
		for (String reply : replies) {
			this.session.execute(() -> this.outbound.send(bytes(reply)));
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void runWorker() {
		Runnable task;
		while ((task = this.worker.poll()) != null) {
			task.run();
		}
	}

}
