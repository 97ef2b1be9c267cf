package dev.wsboot.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SendTally}: what a thread sent during a batch, recorded once per kind, and only
 * what the owner sent.
 */
class SendTallyTests {

	private final List<String> recorded = new ArrayList<>();

	private final WsMetrics.EndpointMetrics metrics = new Recording(this.recorded);

	private final SendTally tally = new SendTally(this.metrics);

	@Test
	void countsNothingForAThreadThatDoesNotOwnIt() {
		assertThat(this.tally.message(this.metrics, true, 1, 10)).isFalse();
		this.tally.beforeTask(false);
		assertThat(this.tally.message(this.metrics, true, 1, 10)).isTrue();
		this.tally.afterRun();
		assertThat(this.tally.message(this.metrics, true, 1, 10)).isFalse();
		assertThat(this.recorded).containsExactly("frames 1 x1 10 B", "text x1");
	}

	@Test
	void recordsARunsMessagesOnceWithTheirFramesAndBytesWhenTheRunEnds() {
		this.tally.beforeTask(true);
		for (int i = 0; i < 16; i++) {
			assertThat(this.tally.message(this.metrics, true, 1, 34)).isTrue();
		}
		this.tally.beforeTask(false);
		assertThat(this.tally.message(this.metrics, false, 3, 100)).isTrue();
		assertThat(this.recorded).isEmpty();
		this.tally.afterRun();
		assertThat(this.recorded).containsExactly("frames 1 x16 644 B", "frames 2 x1 0 B", "frames 0 x2 0 B",
				"text x16", "binary x1");
		this.recorded.clear();
		this.tally.flush();
		assertThat(this.recorded).isEmpty();
	}

	@Test
	void leavesAnotherThreadsSendsToItsCaller() throws Exception {
		this.tally.beforeTask(false);
		CompletableFuture<Boolean> counted = CompletableFuture
			.supplyAsync(() -> this.tally.message(this.metrics, true, 1, 10));
		assertThat(counted.get(10, TimeUnit.SECONDS)).isFalse();
		this.tally.afterRun();
		assertThat(this.recorded).isEmpty();
	}

	@Test
	void countsOnlyForTheEndpointItWasBegunFor() {
		List<String> other = new ArrayList<>();
		WsMetrics.EndpointMetrics otherMetrics = new Recording(other);
		SendTally loopTally = new SendTally(WsMetrics.EndpointMetrics.NONE);
		loopTally.begin(this.metrics);
		assertThat(loopTally.message(otherMetrics, true, 1, 10)).isFalse();
		assertThat(loopTally.message(this.metrics, true, 1, 10)).isTrue();
		loopTally.begin(otherMetrics);
		assertThat(this.recorded).containsExactly("frames 1 x1 10 B", "text x1");
		assertThat(loopTally.message(otherMetrics, false, 1, 5)).isTrue();
		loopTally.end();
		assertThat(other).containsExactly("frames 2 x1 5 B", "binary x1");
	}

	@Test
	void putsTheBytesOnTheFirstKindOfFrameRecorded() {
		SendTally.record(this.metrics, 0, 1, 2, 90);
		assertThat(this.recorded).containsExactly("frames 2 x1 90 B", "frames 0 x2 0 B");
	}

	private static final class Recording implements WsMetrics.EndpointMetrics {

		private final List<String> recorded;

		Recording(List<String> recorded) {
			this.recorded = recorded;
		}

		@Override
		public void framesSent(int opcode, int frames, long wireBytes) {
			this.recorded.add("frames " + opcode + " x" + frames + " " + wireBytes + " B");
		}

		@Override
		public void messagesSent(boolean text, int messages) {
			this.recorded.add((text ? "text" : "binary") + " x" + messages);
		}

	}

}
