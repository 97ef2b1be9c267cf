package dev.wsboot.server;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReceiveTally}: what a read brought in, recorded once per kind.
 */
class ReceiveTallyTests {

	private final List<String> recorded = new ArrayList<>();

	private final WsMetrics.EndpointMetrics metrics = new WsMetrics.EndpointMetrics() {

		@Override
		public void framesReceived(int opcode, int frames, long wireBytes) {
			ReceiveTallyTests.this.recorded.add("frames " + opcode + " x" + frames + " " + wireBytes + " B");
		}

		@Override
		public void messagesReceived(boolean text, int messages) {
			ReceiveTallyTests.this.recorded.add((text ? "text" : "binary") + " x" + messages);
		}

	};

	private final ReceiveTally tally = new ReceiveTally();

	@Test
	void recordsEachKindOnceWithItsCountAndBytes() {
		this.tally.start(this.metrics);
		for (int i = 0; i < 16; i++) {
			this.tally.frame(Opcode.TEXT, 38);
			this.tally.message(true);
		}
		this.tally.frame(Opcode.BINARY, 20);
		this.tally.frame(Opcode.CONTINUATION, 10);
		this.tally.message(false);
		this.tally.frame(Opcode.PING, 6);
		this.tally.flush();
		assertThat(this.recorded).containsExactly("frames 0 x1 10 B", "frames 1 x16 608 B", "frames 2 x1 20 B",
				"frames 9 x1 6 B", "text x16", "binary x1");
	}

	@Test
	void startsFromZeroAfterAFlushAndRecordsNothingWhenNothingCame() {
		this.tally.start(this.metrics);
		this.tally.frame(Opcode.TEXT, 7);
		this.tally.flush();
		this.recorded.clear();
		this.tally.flush();
		assertThat(this.recorded).isEmpty();
		this.tally.frame(Opcode.TEXT, 7);
		this.tally.flush();
		assertThat(this.recorded).containsExactly("frames 1 x1 7 B");
	}

	@Test
	void recordsWhatWasCountedForTheSessionBeforeTheNextStarts() {
		List<String> other = new ArrayList<>();
		this.tally.start(this.metrics);
		this.tally.frame(Opcode.TEXT, 7);
		this.tally.start(new WsMetrics.EndpointMetrics() {

			@Override
			public void framesReceived(int opcode, int frames, long wireBytes) {
				other.add("frames " + opcode);
			}

		});
		this.tally.frame(Opcode.BINARY, 9);
		this.tally.flush();
		assertThat(this.recorded).containsExactly("frames 1 x1 7 B");
		assertThat(other).containsExactly("frames 2");
	}

}
