package dev.wsboot.demo.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 * budget, a case here sends 1000 messages of up to 1 KiB and, above that, as many as fit
 * 1 MiB: 256 of 4 KiB down to 8 of 128 KiB. Run with
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

	private static final int BYTE_BUDGET = 1024 * 1024;

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
	 * @return 1000 up to 1 KiB (or always, in full mode), else as many as fit the budget
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

	// ---- wsboot's own permessage-deflate cases (group x) ----

	/** Message sizes of the extra echo cases, around the window sizes that matter. */
	private static final int[] EXTRA_SIZES = { 100, 300, 600, 1200, 5000, 20000, 100000 };

	static List<ConformanceCase> extras() {
		List<ConformanceCase> cases = new ArrayList<>();
		// Offers RFC 7692 allows that Autobahn does not make: a client window limit of
		// 8 to 15 bits (the client then compresses in pieces of 2^N bytes), a server
		// window limit of 9 to 14 bits, the bare offer and the one browsers make.
		for (int bits = 8; bits <= 15; bits++) {
			cases.add(extraEcho("x.13." + (bits - 7), "permessage-deflate; client_max_window_bits=" + bits));
		}
		for (int bits = 9; bits <= 14; bits++) {
			cases.add(extraEcho("x.13." + bits, "permessage-deflate; server_max_window_bits=" + bits));
		}
		cases.add(extraEcho("x.13.15", "permessage-deflate"));
		cases.add(extraEcho("x.13.16", "permessage-deflate; client_max_window_bits"));
		cases.add(extraEcho("x.13.17", "permessage-deflate; client_no_context_takeover; server_no_context_takeover"));
		// Offers RFC 7692 section 7.1 makes invalid: declined, and the connection works
		// uncompressed (no RSV1 from the server).
		String[] invalid = { "permessage-deflate; server_max_window_bits=7",
				"permessage-deflate; client_max_window_bits=16", "permessage-deflate; server_max_window_bits=08",
				"permessage-deflate; server_max_window_bits", "permessage-deflate; server_no_context_takeover=true",
				"permessage-deflate; client_no_context_takeover; client_no_context_takeover",
				"permessage-deflate; x_unknown_parameter", "x-webkit-deflate-frame" };
		for (int i = 0; i < invalid.length; i++) {
			String offer = invalid[i];
			cases.add(ConformanceCase
				.of("x.12.1." + (i + 1), "offer '" + offer + "' declined, echo uncompressed", (c) -> {
					c.expectNoExtensionAccepted();
					byte[] message = new CompressionData.Slicer(CompressionData.JSON.bytes()).next(4000);
					c.sendMessage(true, message, 0);
					c.expectText(message);
					c.closeNormally();
				})
				.offering(offer));
		}
		cases.add(extraEcho("x.12.2.1", "permessage-deflate; x_unknown_parameter, " + DEFAULT_OFFER));
		cases.add(extraEcho("x.12.2.2", "x-webkit-deflate-frame, " + DEFAULT_OFFER));
		// Violations once the extension is on.
		cases.add(deflating("x.12.3.1", "compressed text whose continuation also has RSV1: 1002", (c, deflate) -> {
			byte[] wire = deflate.compress(OutFrame.utf8("Hello, compressed world! ".repeat(20)));
			int half = wire.length / 2;
			c.send(OutFrame.text(Arrays.copyOf(wire, half)).rsv(4).fin(false),
					OutFrame.continuation(Arrays.copyOfRange(wire, half, wire.length)).rsv(4));
			c.expectFailure(AutobahnCases.PROTOCOL_ERROR);
		}));
		cases.add(deflating("x.12.3.2", "ping with RSV1: 1002", (c, deflate) -> {
			c.send(OutFrame.ping(deflate.compress(OutFrame.utf8("ping"))).rsv(4));
			c.expectFailure(AutobahnCases.PROTOCOL_ERROR);
		}));
		cases.add(deflating("x.12.3.3", "compressed text with RSV2 as well: 1002", (c, deflate) -> {
			c.send(OutFrame.text(deflate.compress(OutFrame.utf8("Hello"))).rsv(6));
			c.expectFailure(AutobahnCases.PROTOCOL_ERROR);
		}));
		cases.add(deflating("x.12.3.4", "RSV1 text whose payload is not DEFLATE (reserved block type): 1007 or 1002",
				(c, deflate) -> {
					c.send(OutFrame.text(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00 }).rsv(4));
					c.expectFailure(AutobahnCases.INVALID_PAYLOAD, AutobahnCases.PROTOCOL_ERROR);
				}));
		cases.add(deflating("x.12.3.5", "compressed text that inflates to invalid UTF-8: 1007", (c, deflate) -> {
			byte[] invalidUtf8 = Utf8Samples.concat(OutFrame.utf8("valid prefix "), Utf8Samples.hex("eda080"),
					OutFrame.utf8(" suffix"));
			c.send(OutFrame.text(deflate.compress(invalidUtf8)).rsv(4));
			c.expectFailure(AutobahnCases.INVALID_PAYLOAD);
		}));
		cases.add(deflating("x.12.3.6",
				"compressed binary of 16 KiB on the wire that inflates past the 16 MiB message limit: 1009",
				(c, deflate) -> {
					c.send(OutFrame.binary(deflate.compress(new byte[WsbootExtraCases.LIMIT + 1])).rsv(4));
					c.expectFailure(AutobahnCases.MESSAGE_TOO_BIG);
				})
			.timeouts(TIMEOUTS));
		// Things RFC 7692 allows that a receiver must take.
		cases.add(deflating("x.12.4.1", "uncompressed text (no RSV1) on a compressing connection: echoed",
				(c, deflate) -> {
					byte[] message = new CompressionData.Slicer(CompressionData.JSON.bytes()).next(3000);
					c.send(OutFrame.text(message));
					c.expectText(message);
					c.closeNormally();
				}));
		cases.add(deflating("x.12.4.2", "compressed empty text (one byte 0x00): echoed empty", (c, deflate) -> {
			c.send(OutFrame.text(deflate.compress(new byte[0])).rsv(4));
			c.expectText(new byte[0]);
			c.closeNormally();
		}));
		cases.add(deflating("x.12.4.3",
				"compressed text ending in a BFINAL block instead of an empty sync-flush block (RFC 7692 7.2.3.5): echoed",
				(c, deflate) -> {
					byte[] message = new CompressionData.Slicer(CompressionData.JSON.bytes()).next(3000);
					c.send(OutFrame.text(finished(message)).rsv(4));
					c.expectText(message);
					c.send(OutFrame.text(finished(message)).rsv(4));
					c.expectText(message);
					c.closeNormally();
				}));
		cases.add(deflating("x.12.4.4", "compressed text of 5000 B in fragments of 1 B of DEFLATE: echoed",
				(c, deflate) -> {
					byte[] message = new CompressionData.Slicer(CompressionData.JSON.bytes()).next(5000);
					c.sendMessage(true, message, 1);
					c.expectText(message);
					c.closeNormally();
				}));
		cases.add(deflating("x.12.4.5", "ping between the fragments of a compressed text: pong, then the echo",
				(c, deflate) -> {
					byte[] message = new CompressionData.Slicer(CompressionData.JSON.bytes()).next(5000);
					byte[] wire = deflate.compress(message);
					int half = wire.length / 2;
					c.send(OutFrame.text(Arrays.copyOf(wire, half)).rsv(4).fin(false), OutFrame.ping("between"),
							OutFrame.continuation(Arrays.copyOfRange(wire, half, wire.length)));
					c.expectPong("between");
					c.expectText(message);
					c.closeNormally();
				}));
		return cases;
	}

	private static ConformanceCase extraEcho(String id, String offer) {
		return ConformanceCase
			.of(id, "offer '" + offer + "': accepted, compressed text of 100 B to 100 KB echoed", (c) -> {
				ClientDeflate deflate = c.expectDeflateAccepted();
				CompressionData.Slicer slicer = new CompressionData.Slicer(CompressionData.JSON.bytes());
				for (int size : EXTRA_SIZES) {
					for (int k = 0; k < 3; k++) {
						byte[] message = slicer.next(size);
						c.sendMessage(true, message, 0);
						Message echo = c.expectMessage(true, message, TIMEOUTS.event());
						if (!echo.compressed() && serverShouldCompress(message, deflate)) {
							throw CaseFailure.failed("the echo of " + size + " B came uncompressed although it "
									+ "fits the server's window and compresses well");
						}
					}
				}
				c.closeNormally();
			})
			.offering(offer);
	}

	private static ConformanceCase deflating(String id, String description, DeflatingScript script) {
		return ConformanceCase.of(id, description, (c) -> script.play(c, c.expectDeflateAccepted()))
			.offering(DEFAULT_OFFER);
	}

	/** Compresses a message on its own and ends it with a BFINAL block. */
	private static byte[] finished(byte[] message) {
		Deflater deflater = new Deflater(6, true);
		try {
			deflater.setInput(message);
			deflater.finish();
			byte[] out = new byte[message.length + 64];
			int length = deflater.deflate(out);
			return Arrays.copyOf(out, length);
		}
		finally {
			deflater.end();
		}
	}

	@FunctionalInterface
	private interface DeflatingScript {

		void play(Conversation conversation, ClientDeflate deflate) throws Exception;

	}

}
