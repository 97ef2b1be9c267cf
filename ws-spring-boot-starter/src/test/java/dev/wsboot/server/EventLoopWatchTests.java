package dev.wsboot.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the watchdog takes a loop from a call, and when it must not: the handing on itself
 * is exercised end to end in {@link WsServerAdaptiveDispatchTests}.
 */
class EventLoopWatchTests {

	private final EventLoop loop = new EventLoop(
			new WsServer(WsServerConfig.builder().build(), (request, remote) -> null), 0, 1_000_000_000L, 0);

	@BeforeEach
	void start() {
		this.loop.start();
	}

	@AfterEach
	void stop() throws InterruptedException {
		// Ends the loop's thread, which closes its selector.
		this.loop.shutdown();
		this.loop.join(10_000);
	}

	@Test
	void aCallSeenAtOneLookOnlyIsLeftAlone() {
		long mark = this.loop.callStarted(null);
		this.loop.watch(true);
		assertThat(this.loop.inCall()).isTrue();
		assertThat(this.loop.callEnded(mark)).as("still the loop's thread").isTrue();
		assertThat(this.loop.inCall()).isFalse();
	}

	@Test
	void callsThatEndBetweenLooksAreLeftAlone() {
		for (int i = 0; i < 5; i++) {
			long mark = this.loop.callStarted(null);
			this.loop.watch(true);
			assertThat(this.loop.callEnded(mark)).isTrue();
		}
	}

	@Test
	void aLookThatCameLateProvesNothing() {
		long mark = this.loop.callStarted(null);
		this.loop.watch(true);
		this.loop.watch(false);
		this.loop.watch(false);
		assertThat(this.loop.callEnded(mark)).as("still the loop's thread").isTrue();
	}

	@Test
	void aCallWaitingInJavaHoldsTheLoopUpOnceSeenAtTwoLooks() {
		for (Thread.State state : new Thread.State[] { Thread.State.WAITING, Thread.State.TIMED_WAITING,
				Thread.State.BLOCKED }) {
			assertThat(LoopWatchdog.holdsLoopUp(state, 0, 1)).isFalse();
			assertThat(LoopWatchdog.holdsLoopUp(state, 0, 2)).as(state.name()).isTrue();
		}
	}

	@Test
	void aCallThatComputesThroughTheIntervalHoldsTheLoopUp() {
		long interval = LoopWatchdog.INTERVAL.toNanos();
		assertThat(LoopWatchdog.holdsLoopUp(Thread.State.RUNNABLE, interval, 2)).isTrue();
		assertThat(LoopWatchdog.holdsLoopUp(Thread.State.RUNNABLE, interval / 2, 2)).isTrue();
		assertThat(LoopWatchdog.holdsLoopUp(Thread.State.RUNNABLE, interval / 4, 2)).isFalse();
	}

	@Test
	void aRunnableThreadThatDoesNotComputeIsGivenMoreLooks() {
		// Starved of CPU by other threads for a while, or waiting in native code.
		for (int looks = 2; looks < LoopWatchdog.LOOKS_OUTSIDE_JAVA; looks++) {
			assertThat(LoopWatchdog.holdsLoopUp(Thread.State.RUNNABLE, 1_000_000, looks)).as("%d looks", looks)
				.isFalse();
		}
		assertThat(LoopWatchdog.holdsLoopUp(Thread.State.RUNNABLE, 1_000_000, LoopWatchdog.LOOKS_OUTSIDE_JAVA))
			.isTrue();
	}

	@Test
	void noCallNoHandingOn() {
		this.loop.watch(true);
		this.loop.watch(true);
		long mark = this.loop.callStarted(null);
		assertThat(this.loop.callEnded(mark)).isTrue();
	}

}
