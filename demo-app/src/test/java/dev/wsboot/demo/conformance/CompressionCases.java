package dev.wsboot.demo.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

import dev.wsboot.demo.conformance.Conversation.CaseFailure;
import dev.wsboot.demo.conformance.Conversation.Message;
import dev.wsboot.demo.conformance.Conversation.Timeouts;

/**
 * Autobahn|Testsuite's permessage-deflate cases (RFC 7692): group 12, the echo of
 * compressed messages cut from five data sets under the default offer, and group 13, the
 * JSON set under seven offers. Numbered as in the suite's reports: 12.j.i and 13.j.i,
 * where i is the i-th entry of the suite's {@code MSG_SIZES} (payload length and
 * auto-fragment size), as in {@code autobahntestsuite/case/case12_x_x.py}.
 * <p>
 * Each case offers what autobahn-python's {@code PerMessageDeflateOffer} sends, expects
 * the offer accepted (the suite reports a declined one as UNIMPLEMENTED) with an answer
 * RFC 7692 allows, and then, one message at a time, sends a compressed message (RSV1,
 * every message compressed, even ones deflate cannot shrink, as the suite's client does;
 * auto-fragmented on its compressed bytes) and expects its echo, byte for byte once
 * inflated with the agreed terms. Stricter than the suite, an echo must come compressed
 * (RSV1) whenever wsboot's rules say the server compresses it: at least the demo's
 * minimum of 256 B, within the window the client allowed, and clearly compressible (a
 * fresh level-6 deflate shrinks it by 10 %).
 * <p>
 * The suite sends 1000 messages per case; to keep the conformance run within its time
 * budget, a case here sends 1000 messages of up to 256 B and, above that, as many as fit
 * 256 KiB (at least 2): 256 of 1 KiB down to 2 of 128 KiB. Run with
 * {@code -Dwsboot.conformance.compression=full} for the suite's 1000 of every size.
 */
final class CompressionCases {

	/** The suite's MSG_SIZES: payload length and auto-fragment size (0 for none). */
	static final int[][] MSG_SIZES = { { 16, 0 }, { 64, 0 }, { 256, 0 }, { 1024, 0 }, { 4096, 0 }, { 8192, 0 },
			{ 16384, 0 }, { 32768, 0 }, { 65536, 0 }, { 131072, 0 }, { 8192, 256 }, { 16384, 256 }, { 32768, 256 },
			{ 65536, 256 }, { 131072, 256 }, { 131072, 1024 }, { 131072, 4096 }, { 131072, 32768 } };

	/** autobahn-python's default PerMessageDeflateOffer. */
	static final String DEFAULT_OFFER = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

	/** The offers of cases 13.1 to 13.7 (autobahn-python's header strings). */
	static final String[] GROUP_13_OFFERS = { DEFAULT_OFFER, DEFAULT_OFFER + "; server_no_context_takeover",
			DEFAULT_OFFER + "; server_max_window_bits=8", DEFAULT_OFFER + "; server_max_window_bits=15",
			DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=8",
			DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=15",
			DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=8, " + DEFAULT_OFFER
					+ "; server_no_context_takeover, " + DEFAULT_OFFER };

	/** The data sets of cases 12.1 to 12.5, in the suite's order. */
	static final CompressionData[] GROUP_12_DATA = { CompressionData.JSON, CompressionData.BITMAP,
			CompressionData.GERMAN_TEXT, CompressionData.HTML, CompressionData.PDF };

	/** The echo endpoint's minimum size for compressing, wsboot's default. */
	static final int SERVER_MIN_COMPRESSED = 256;

	private static final int BYTE_BUDGET = 256 * 1024;

	private static final boolean FULL = "full".equals(System.getProperty("wsboot.conformance.compression"));

	private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(3),
			Duration.ofSeconds(FULL ? 600 : 60));

	private CompressionCases() {
	}

	static List<ConformanceCase> group12() {
		List<ConformanceCase> cases = new ArrayList<>();
		for (int j = 0; j < GROUP_12_DATA.length; j++) {
			for (int i = 0; i < MSG_SIZES.length; i++) {
				cases.add(echoCase("12." + (j + 1) + "." + (i + 1), GROUP_12_DATA[j], MSG_SIZES[i][0], MSG_SIZES[i][1],
						DEFAULT_OFFER, "default offer"));
			}
		}
		return cases;
	}

	static List<ConformanceCase> group13() {
		List<ConformanceCase> cases = new ArrayList<>();
		for (int j = 0; j < GROUP_13_OFFERS.length; j++) {
			for (int i = 0; i < MSG_SIZES.length; i++) {
				cases.add(echoCase("13." + (j + 1) + "." + (i + 1), CompressionData.JSON, MSG_SIZES[i][0],
						MSG_SIZES[i][1], GROUP_13_OFFERS[j], "offer '" + GROUP_13_OFFERS[j] + "'"));
			}
		}
		return cases;
	}

	/**
	 * Returns how many messages a case of this length sends.
	 * @param length the payload length
	 * @return 1000 up to 256 B (or always, in full mode), else as many as fit the budget
	 */
	static int count(int length) {
		return FULL ? 1000 : Math.min(1000, Math.max(2, BYTE_BUDGET / length));
	}

	static ConformanceCase echoCase(String id, CompressionData data, int length, int fragmentSize, String offer,
			String offerDescription) {
		int count = count(length);
		String description = count + " compressed " + (data.binary() ? "binary" : "text") + " messages of " + length
				+ " B of " + data.description() + ((count < 1000) ? " (the suite sends 1000)" : "")
				+ ((fragmentSize > 0) ? ", auto-fragmented to " + fragmentSize + " B" : "") + ", " + offerDescription
				+ ": each echoed";
		return ConformanceCase.of(id, description, (c) -> {
			ClientDeflate deflate = c.expectDeflateAccepted();
			CompressionData.Slicer slicer = new CompressionData.Slicer(data.bytes());
			boolean text = !data.binary();
			int compressed = 0;
			for (int k = 0; k < count; k++) {
				byte[] message = slicer.next(length);
				c.sendMessage(text, message, fragmentSize);
				Message echo = c.expectMessage(text, message, TIMEOUTS.event());
				if (echo.compressed()) {
					compressed++;
				}
				else if (serverShouldCompress(message, deflate)) {
					throw CaseFailure.failed(
							"echo " + (k + 1) + " of " + length + " B came uncompressed although it " + "is at least "
									+ SERVER_MIN_COMPRESSED + " B, fits the server's window and compresses well");
				}
			}
			c.note(compressed + " of " + count + " echoes came compressed");
			c.closeNormally();
		}).offering(offer).timeouts(TIMEOUTS);
	}

	/**
	 * Returns whether wsboot, as the demo configures it, compresses the echo of a
	 * message.
	 */
	static boolean serverShouldCompress(byte[] message, ClientDeflate deflate) {
		if (message.length < SERVER_MIN_COMPRESSED || message.length > deflate.serverWindow()) {
			return false;
		}
		Deflater deflater = new Deflater(6, true);
		try {
			deflater.setInput(message);
			deflater.finish();
			byte[] out = new byte[message.length];
			int length = deflater.deflate(out);
			return deflater.finished() && length < message.length * 0.9;
		}
		finally {
			deflater.end();
		}
	}

}
