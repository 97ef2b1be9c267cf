package dev.wsboot.server;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BusyPollTests {

	private static final long WINDOW = 30_000;

	private final BusyPoll busyPoll = new BusyPoll(WINDOW);

	@Test
	void pollsOnlyAfterPassWithEvents() {
		assertThat(this.busyPoll.window()).as("before any pass").isZero();
		this.busyPoll.passEnded(true);
		assertThat(this.busyPoll.window()).isEqualTo(WINDOW);
		this.busyPoll.polled(true);
		this.busyPoll.passEnded(false);
		assertThat(this.busyPoll.window()).as("after an idle pass").isZero();
	}

	@Test
	void neverPollsWithoutWindow() {
		BusyPoll off = new BusyPoll(0);
		off.passEnded(true);
		assertThat(off.window()).isZero();
	}

	@Test
	void emptyWindowsLeaveOutTwiceAsManyBusyPassesEachUpToLimit() {
		List<Integer> leftOut = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			this.busyPoll.passEnded(true);
			assertThat(this.busyPoll.window()).isEqualTo(WINDOW);
			this.busyPoll.polled(false);
			leftOut.add(busyPassesLeftOut());
		}
		assertThat(leftOut).containsExactly(1, 2, 4, 8, 16, 32, 64, 64, 64);
		assertThat(BusyPoll.MAX_BACKOFF).isEqualTo(64);
	}

	@Test
	void windowThatFindsWorkStartsOver() {
		for (int i = 0; i < 3; i++) {
			this.busyPoll.passEnded(true);
			this.busyPoll.window();
			this.busyPoll.polled(false);
			busyPassesLeftOut();
		}
		this.busyPoll.passEnded(true);
		assertThat(this.busyPoll.window()).isEqualTo(WINDOW);
		this.busyPoll.polled(true);
		this.busyPoll.passEnded(true);
		assertThat(this.busyPoll.window()).as("right after a window that found work").isEqualTo(WINDOW);
		this.busyPoll.polled(false);
		assertThat(busyPassesLeftOut()).as("back-off after starting over").isEqualTo(1);
	}

	@Test
	void idlePassesDoNotCountAsLeftOut() {
		this.busyPoll.passEnded(true);
		this.busyPoll.window();
		this.busyPoll.polled(false);
		this.busyPoll.passEnded(false);
		assertThat(this.busyPoll.window()).isZero();
		this.busyPoll.passEnded(true);
		assertThat(this.busyPoll.window()).as("the one busy pass left out").isZero();
		this.busyPoll.passEnded(true);
		assertThat(this.busyPoll.window()).isEqualTo(WINDOW);
	}

	/** Counts the busy passes without a window until the next window. */
	private int busyPassesLeftOut() {
		int count = 0;
		this.busyPoll.passEnded(true);
		while (this.busyPoll.window() == 0) {
			count++;
			this.busyPoll.passEnded(true);
			assertThat(count).isLessThanOrEqualTo(BusyPoll.MAX_BACKOFF);
		}
		return count;
	}

}
