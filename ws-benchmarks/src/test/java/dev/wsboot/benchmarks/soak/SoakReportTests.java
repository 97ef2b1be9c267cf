package dev.wsboot.benchmarks.soak;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's verdict, which sets its exit code.
 */
class SoakReportTests {

	private final SoakOptions options = SoakOptions.parse();

	@Test
	void aCleanRunPasses() {
		SoakResult result = result(stats(), 100, 109, 274);
		assertThat(SoakReport.problems(this.options, result)).isEmpty();
		assertThat(SoakReport.markdown(this.options, result, List.of())).contains("end / warm-up = **1.090**",
				"## Verdict: PASS");
	}

	@Test
	void anyLostReorderedOrCorruptedMessageFails() {
		SoakStats stats = stats();
		stats.lost = 1;
		stats.reordered = 2;
		stats.corrupted = 3;
		assertThat(SoakReport.problems(this.options, result(stats, 100, 100, 274))).containsExactly("1 message(s) lost",
				"2 message(s) reordered", "3 message(s) corrupted");
	}

	@Test
	void failedConnectionsAndOtherCloseCodesFail() {
		SoakStats stats = stats();
		stats.failed = 1;
		stats.closeCode(1011);
		stats.closeCode(-1);
		assertThat(SoakReport.problems(this.options, result(stats, 100, 100, 274))).containsExactly(
				"1 connection(s) failed after the handshake", "2 closing handshake(s) not answered with 1000");
	}

	@Test
	void heapGrowthBeyondTheToleranceFails() {
		assertThat(SoakReport.problems(this.options, result(stats(), 100, 111, 274)))
			.containsExactly("heap after GC grew by 11.0 % from the warm-up to the end (limit 10 %)");
	}

	@Test
	void fileDescriptorsLeftOpenFail() {
		assertThat(SoakReport.problems(this.options, result(stats(), 100, 100, 276))).containsExactly(
				"the server holds 2 more file descriptor(s) at the end than after the warm-up, with the same connections open");
	}

	@Test
	void aRunWithoutItsCheckpointsFails() {
		SoakResult result = new SoakResult(stats(), List.of(), 1, false);
		assertThat(SoakReport.problems(this.options, result)).containsExactly(
				"the soak did not end by itself before its hard deadline",
				"the heap was not sampled after the warm-up and at the end");
	}

	private static SoakStats stats() {
		SoakStats stats = new SoakStats();
		stats.verified = 1000;
		stats.closeCode(1000);
		return stats;
	}

	private static SoakResult result(SoakStats stats, long warmupHeap, long endHeap, long endFiles) {
		return new SoakResult(stats,
				List.of(new ServerSample(ServerSample.START, 0, 0, 90, 1, 1, 20, 74),
						new ServerSample(ServerSample.WARMUP, 60, 200, warmupHeap, 1, 1, 30, 274),
						new ServerSample(ServerSample.END, 600, 200, endHeap, 1, 1, 30, endFiles)),
				600, true);
	}

}
