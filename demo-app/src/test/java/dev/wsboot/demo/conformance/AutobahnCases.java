package dev.wsboot.demo.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import dev.wsboot.demo.conformance.Conversation.Close;
import dev.wsboot.demo.conformance.Conversation.Message;
import dev.wsboot.demo.conformance.Conversation.Observed;
import dev.wsboot.demo.conformance.Conversation.Timeouts;
import dev.wsboot.demo.conformance.Utf8Samples.Category;
import dev.wsboot.demo.conformance.Utf8Samples.Sample;

import static dev.wsboot.demo.conformance.OutFrame.BINARY;
import static dev.wsboot.demo.conformance.OutFrame.CLOSE;
import static dev.wsboot.demo.conformance.OutFrame.TEXT;
import static dev.wsboot.demo.conformance.OutFrame.binary;
import static dev.wsboot.demo.conformance.OutFrame.continuation;
import static dev.wsboot.demo.conformance.OutFrame.of;
import static dev.wsboot.demo.conformance.OutFrame.ping;
import static dev.wsboot.demo.conformance.OutFrame.pong;
import static dev.wsboot.demo.conformance.OutFrame.text;
import static dev.wsboot.demo.conformance.OutFrame.utf8;

/**
 * The Autobahn|Testsuite fuzzingclient cases of groups 1 to 7, 9 and 10, one
 * {@link ConformanceCase} each, numbered as in the suite's reports. Payloads, chop sizes
 * and frame sequences follow the suite's case definitions
 * ({@code autobahntestsuite/case/caseX_Y_Z.py}); where the suite waits a fixed time, a
 * case here waits for an event instead (a pong, the close), and where it only checks a
 * length, a case here checks every byte.
 * <p>
 * Judging is strict: a protocol violation must be answered by the server's close frame
 * with the expected code (the suite also accepts a bare TCP drop), an invalid UTF-8 byte
 * must fail the connection before the rest of the message is sent (fail-fast), and after
 * every closing handshake the server, not the client, must close TCP.
 */
final class AutobahnCases {

	static final int NORMAL = 1000;

	static final int PROTOCOL_ERROR = 1002;

	static final int INVALID_PAYLOAD = 1007;

	static final int MESSAGE_TOO_BIG = 1009;

	/** How long a server may take to fail a connection after the offending byte. */
	static final Duration FAIL_FAST = Duration.ofSeconds(2);

	/**
	 * How long a server must stay quiet after a valid prefix before the invalid part of a
	 * fail-fast case is sent (the suite waits a second).
	 */
	static final Duration QUIET = Duration.ofMillis(250);

	private static final String HELLO = "Hello, world!";

	private static final byte[] SMALL_BINARY = Utf8Samples.hex("00fffefdfcfb00ff");

	private AutobahnCases() {
	}

	static List<ConformanceCase> all() {
		List<ConformanceCase> all = new ArrayList<>();
		all.addAll(group1());
		all.addAll(group2());
		all.addAll(group3());
		all.addAll(group4());
		all.addAll(group5());
		all.addAll(group6());
		all.addAll(group7());
		all.addAll(group9());
		all.addAll(group10());
		return all;
	}

	// ---- 1 Framing ----

	static List<ConformanceCase> group1() {
		List<ConformanceCase> cases = new ArrayList<>();
		int[] lengths = { 0, 125, 126, 127, 128, 65535, 65536 };
		for (int i = 0; i < lengths.length; i++) {
			byte[] payload = repeat('*', lengths[i]);
			cases.add(ConformanceCase.of("1.1." + (i + 1), "text message of " + lengths[i] + " B", (c) -> {
				c.send(text(payload));
				c.expectText(payload);
				c.closeNormally();
			}));
		}
		byte[] text = repeat('*', 65536);
		cases.add(ConformanceCase.of("1.1.8", "text message of 65536 B written in chops of 997 B", (c) -> {
			c.sendChopped(997, text(text));
			c.expectText(text);
			c.closeNormally();
		}));
		for (int i = 0; i < lengths.length; i++) {
			byte[] payload = repeat(0xfe, lengths[i]);
			cases.add(ConformanceCase.of("1.2." + (i + 1), "binary message of " + lengths[i] + " B", (c) -> {
				c.send(binary(payload));
				c.expectBinary(payload);
				c.closeNormally();
			}));
		}
		byte[] data = repeat(0xfe, 65536);
		cases.add(ConformanceCase.of("1.2.8", "binary message of 65536 B written in chops of 997 B", (c) -> {
			c.sendChopped(997, binary(data));
			c.expectBinary(data);
			c.closeNormally();
		}));
		return cases;
	}

	// ---- 2 Pings and pongs ----

	static List<ConformanceCase> group2() {
		List<ConformanceCase> cases = new ArrayList<>();
		cases.add(pingCase("2.1", "ping without payload", new byte[0], 0));
		cases.add(pingCase("2.2", "ping with a small text payload", utf8(HELLO), 0));
		cases.add(pingCase("2.3", "ping with a small binary payload", SMALL_BINARY, 0));
		cases.add(pingCase("2.4", "ping with a 125 B payload", repeat(0xfe, 125), 0));
		cases.add(ConformanceCase.of("2.5", "ping with a 126 B payload: 1002", (c) -> {
			c.send(ping(repeat(0xfe, 126)));
			c.expectFailure(PROTOCOL_ERROR);
		}));
		cases.add(pingCase("2.6", "ping with a 125 B payload written in chops of 1 B", repeat(0xfe, 125), 1));
		cases.add(ConformanceCase.of("2.7", "unsolicited pong without payload: ignored", (c) -> {
			c.send(pong(new byte[0]));
			c.closeNormally();
		}));
		cases.add(ConformanceCase.of("2.8", "unsolicited pong with payload: ignored", (c) -> {
			c.send(pong(utf8("unsolicited pong payload")));
			c.closeNormally();
		}));
		cases.add(ConformanceCase.of("2.9", "unsolicited pong, then ping: only the ping is answered", (c) -> {
			c.send(pong(utf8("unsolicited pong payload")), ping("ping payload"));
			c.expectPong("ping payload");
			c.closeNormally();
		}));
		cases.add(tenPings("2.10", "10 pings in one write", 0));
		cases.add(tenPings("2.11", "10 pings written in chops of 1 B", 1));
		return cases;
	}

	private static ConformanceCase pingCase(String id, String description, byte[] payload, int chop) {
		return ConformanceCase.of(id, description, (c) -> {
			if (chop > 0) {
				c.sendChopped(chop, ping(payload));
			}
			else {
				c.send(ping(payload));
			}
			c.expectPong(payload);
			c.closeNormally();
		});
	}

	private static ConformanceCase tenPings(String id, String description, int chop) {
		OutFrame[] pings = new OutFrame[10];
		for (int i = 0; i < pings.length; i++) {
			pings[i] = ping("payload-" + i);
		}
		return ConformanceCase.of(id, description, (c) -> {
			if (chop > 0) {
				c.sendChopped(chop, pings);
			}
			else {
				c.send(pings);
			}
			for (int i = 0; i < pings.length; i++) {
				c.expectPong("payload-" + i);
			}
			c.closeNormally();
		});
	}

	// ---- 3 Reserved bits ----

	static List<ConformanceCase> group3() {
		List<ConformanceCase> cases = new ArrayList<>();
		cases.add(ConformanceCase.of("3.1", "text with RSV = 1: 1002", (c) -> {
			c.send(text(HELLO).rsv(1));
			c.expectFailure(PROTOCOL_ERROR);
		}));
		cases.add(echoThenFail("3.2", "text, text with RSV = 2, ping: echo, then 1002", Chops.NONE, text(HELLO),
				text(HELLO).rsv(2), ping(new byte[0])));
		cases.add(echoThenFail("3.3", "text, text with RSV = 3, ping, frame-wise: echo, then 1002", Chops.FRAMES,
				text(HELLO), text(HELLO).rsv(3), ping(new byte[0])));
		cases.add(echoThenFail("3.4", "text, text with RSV = 4, ping, in chops of 1 B: echo, then 1002", Chops.OCTETS,
				text(HELLO), text(HELLO).rsv(4), ping(new byte[0])));
		cases.add(ConformanceCase.of("3.5", "binary with RSV = 5: 1002", (c) -> {
			c.send(binary(SMALL_BINARY).rsv(5));
			c.expectFailure(PROTOCOL_ERROR);
		}));
		// The suite's description says "Ping", its code sends a binary frame: we follow
		// the code, which is what its reports reflect.
		cases.add(ConformanceCase.of("3.6", "binary with RSV = 6: 1002", (c) -> {
			c.send(binary(utf8(HELLO)).rsv(6));
			c.expectFailure(PROTOCOL_ERROR);
		}));
		cases.add(ConformanceCase.of("3.7", "close with RSV = 7: 1002", (c) -> {
			c.send(OutFrame.close().rsv(7));
			c.expectFailure(PROTOCOL_ERROR);
		}));
		return cases;
	}

	/**
	 * The first frame is a valid text message that must be echoed; the second breaks the
	 * protocol, so the third (a ping) must not be answered.
	 */
	private static ConformanceCase echoThenFail(String id, String description, Chops chops, OutFrame... frames) {
		return ConformanceCase.of(id, description, (c) -> {
			chops.send(c, frames);
			c.expectEchoThenFailure(utf8(HELLO), PROTOCOL_ERROR);
		});
	}

	// ---- 4 Opcodes ----

	static List<ConformanceCase> group4() {
		List<ConformanceCase> cases = new ArrayList<>();
		byte[] reservedPayload = utf8("reserved opcode payload");
		cases.add(failCase("4.1.1", "reserved data opcode 3: 1002", of(3, new byte[0])));
		cases.add(failCase("4.1.2", "reserved data opcode 4 with payload: 1002", of(4, reservedPayload)));
		cases.add(echoThenFail("4.1.3", "text, reserved data opcode 5, ping: echo, then 1002", Chops.NONE, text(HELLO),
				of(5, new byte[0]), ping(new byte[0])));
		cases.add(echoThenFail("4.1.4", "text, reserved data opcode 6 with payload, ping: echo, then 1002", Chops.NONE,
				text(HELLO), of(6, utf8(HELLO)), ping(new byte[0])));
		cases.add(echoThenFail("4.1.5",
				"text, reserved data opcode 7 with payload, ping, in chops of 1 B: echo, then 1002", Chops.OCTETS,
				text(HELLO), of(7, utf8(HELLO)), ping(new byte[0])));
		cases.add(failCase("4.2.1", "reserved control opcode 11: 1002", of(11, new byte[0])));
		cases.add(failCase("4.2.2", "reserved control opcode 12 with payload: 1002", of(12, reservedPayload)));
		cases.add(echoThenFail("4.2.3", "text, reserved control opcode 13, ping: echo, then 1002", Chops.NONE,
				text(HELLO), of(13, new byte[0]), ping(new byte[0])));
		cases.add(echoThenFail("4.2.4", "text, reserved control opcode 14 with payload, ping: echo, then 1002",
				Chops.NONE, text(HELLO), of(14, utf8(HELLO)), ping(new byte[0])));
		cases.add(echoThenFail("4.2.5",
				"text, reserved control opcode 15 with payload, ping, in chops of 1 B: echo, then 1002", Chops.OCTETS,
				text(HELLO), of(15, utf8(HELLO)), ping(new byte[0])));
		return cases;
	}

	private static ConformanceCase failCase(String id, String description, OutFrame... frames) {
		return failCase(id, description, Chops.NONE, frames);
	}

	private static ConformanceCase failCase(String id, String description, Chops chops, OutFrame... frames) {
		return ConformanceCase.of(id, description, (c) -> {
			chops.send(c, frames);
			c.expectFailure(PROTOCOL_ERROR);
		});
	}

	// ---- 5 Fragmentation ----

	static List<ConformanceCase> group5() {
		List<ConformanceCase> cases = new ArrayList<>();
		cases
			.add(failCase("5.1", "ping in 2 fragments: 1002", ping("fragment1").fin(false), continuation("fragment2")));
		cases.add(failCase("5.2", "pong in 2 fragments: 1002", pong(utf8("fragment1")).fin(false),
				continuation("fragment2")));
		OutFrame[] twoFragments = { text("fragment1").fin(false), continuation("fragment2") };
		cases.add(twoFragments("5.3", "text in 2 fragments", Chops.NONE, twoFragments));
		cases.add(twoFragments("5.4", "text in 2 fragments, frame-wise", Chops.FRAMES, twoFragments));
		cases.add(twoFragments("5.5", "text in 2 fragments, in chops of 1 B", Chops.OCTETS, twoFragments));
		OutFrame[] withPing = { text("fragment1").fin(false), ping("ping payload"), continuation("fragment2") };
		cases.add(pingBetween("5.6", "text in 2 fragments with a ping between", Chops.NONE, withPing));
		cases.add(pingBetween("5.7", "text in 2 fragments with a ping between, frame-wise", Chops.FRAMES, withPing));
		cases.add(
				pingBetween("5.8", "text in 2 fragments with a ping between, in chops of 1 B", Chops.OCTETS, withPing));
		OutFrame[] finalContinuation = { continuation("non-continuation payload"), text(HELLO) };
		cases.add(failCase("5.9", "continuation (FIN) with nothing to continue, then text: 1002", Chops.NONE,
				finalContinuation));
		cases.add(failCase("5.10", "continuation (FIN) with nothing to continue, then text, frame-wise: 1002",
				Chops.FRAMES, finalContinuation));
		cases.add(failCase("5.11", "continuation (FIN) with nothing to continue, then text, in chops of 1 B: 1002",
				Chops.OCTETS, finalContinuation));
		OutFrame[] openContinuation = { continuation("non-continuation payload").fin(false), text(HELLO) };
		cases.add(failCase("5.12", "continuation (no FIN) with nothing to continue, then text: 1002", Chops.NONE,
				openContinuation));
		cases.add(failCase("5.13", "continuation (no FIN) with nothing to continue, then text, frame-wise: 1002",
				Chops.FRAMES, openContinuation));
		cases.add(failCase("5.14", "continuation (no FIN) with nothing to continue, then text, in chops of 1 B: 1002",
				Chops.OCTETS, openContinuation));
		cases.add(ConformanceCase.of("5.15",
				"text in 2 fragments, then a continuation with nothing to continue: echo, then 1002", (c) -> {
					c.send(text("fragment1").fin(false), continuation("fragment2"),
							continuation("fragment3").fin(false), text("fragment4"));
					c.expectEchoThenFailure(utf8("fragment1fragment2"), PROTOCOL_ERROR);
				}));
		OutFrame[] twice16 = { continuation("fragment1").fin(false), text("fragment2").fin(false),
				continuation("fragment3"), continuation("fragment1").fin(false), text("fragment2").fin(false),
				continuation("fragment3") };
		cases.add(failCase("5.16", "2x (continuation with nothing to continue, then text in 2 fragments): 1002",
				twice16));
		OutFrame[] twice17 = { continuation("fragment1"), text("fragment2").fin(false), continuation("fragment3"),
				continuation("fragment1"), text("fragment2").fin(false), continuation("fragment3") };
		cases.add(failCase("5.17", "2x (continuation (FIN) with nothing to continue, then text in 2 fragments): 1002",
				twice17));
		cases.add(failCase("5.18", "text in 2 fragments, both with opcode text: 1002", text("fragment1").fin(false),
				text("fragment2")));
		cases.add(fiveFragments("5.19", "text in 5 fragments with 2 pings between, the first answered at once",
				Chops.NONE));
		cases.add(fiveFragments("5.20",
				"text in 5 fragments with 2 pings between, the first answered at once, frame-wise", Chops.FRAMES));
		return cases;
	}

	private static ConformanceCase twoFragments(String id, String description, Chops chops, OutFrame... frames) {
		return ConformanceCase.of(id, description, (c) -> {
			chops.send(c, frames);
			c.expectText("fragment1fragment2");
			c.closeNormally();
		});
	}

	private static ConformanceCase pingBetween(String id, String description, Chops chops, OutFrame... frames) {
		return ConformanceCase.of(id, description, (c) -> {
			chops.send(c, frames);
			c.expectPong("ping payload");
			c.expectText("fragment1fragment2");
			c.closeNormally();
		});
	}

	/**
	 * The suite waits a second after the first ping; here we wait for its pong, which
	 * also proves the server answers a ping before the message it interrupts is complete.
	 */
	private static ConformanceCase fiveFragments(String id, String description, Chops chops) {
		return ConformanceCase.of(id, description, (c) -> {
			chops.send(c, text("fragment1").fin(false), continuation("fragment2").fin(false), ping("pongme 1!"));
			c.expectPong("pongme 1!");
			chops.send(c, continuation("fragment3").fin(false), continuation("fragment4").fin(false), ping("pongme 2!"),
					continuation("fragment5"));
			c.expectPong("pongme 2!");
			c.expectText("fragment1fragment2fragment3fragment4fragment5");
			c.closeNormally();
		});
	}

	// ---- 6 UTF-8 ----

	static List<ConformanceCase> group6() {
		List<ConformanceCase> cases = new ArrayList<>();
		cases.add(ConformanceCase.of("6.1.1", "empty text message", (c) -> {
			c.send(text(new byte[0]));
			c.expectText(new byte[0]);
			c.closeNormally();
		}));
		cases.add(ConformanceCase.of("6.1.2", "text in 3 empty fragments", (c) -> {
			c.send(text(new byte[0]).fin(false), continuation(new byte[0]).fin(false), continuation(new byte[0]));
			c.expectText(new byte[0]);
			c.closeNormally();
		}));
		cases.add(ConformanceCase.of("6.1.3", "text in 3 fragments, only the middle one not empty", (c) -> {
			c.send(text(new byte[0]).fin(false), continuation("middle frame payload").fin(false),
					continuation(new byte[0]));
			c.expectText("middle frame payload");
			c.closeNormally();
		}));
		byte[] hello = utf8("Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!");
		cases.add(ConformanceCase.of("6.2.1", "valid UTF-8 text in one fragment", (c) -> {
			c.send(text(hello));
			c.expectText(hello);
			c.closeNormally();
		}));
		byte[] first = utf8("Hello-\u00b5@\u00df\u00f6\u00e4");
		byte[] second = utf8("\u00fc\u00e0\u00e1-UTF-8!!");
		cases.add(ConformanceCase.of("6.2.2", "valid UTF-8 text in 2 fragments split on a code point boundary", (c) -> {
			c.send(text(first).fin(false), continuation(second));
			c.expectText(Utf8Samples.concat(first, second));
			c.closeNormally();
		}));
		cases.add(ConformanceCase.of("6.2.3", "valid UTF-8 text in fragments of 1 B", (c) -> {
			c.send(fragments(TEXT, hello, 1));
			c.expectText(hello);
			c.closeNormally();
		}));
		cases.add(ConformanceCase.of("6.2.4", "valid UTF-8 text (\u03ba\u1f79\u03c3\u03bc\u03b5) in fragments of 1 B",
				(c) -> {
					c.send(fragments(TEXT, Utf8Samples.KOSME, 1));
					c.expectText(Utf8Samples.KOSME);
					c.closeNormally();
				}));
		byte[] invalid = Utf8Samples.concat(Utf8Samples.KOSME, Utf8Samples.hex("eda080"), utf8("edited"));
		cases.add(ConformanceCase.of("6.3.1", "invalid UTF-8 text in one frame: 1007", (c) -> {
			c.send(text(invalid));
			c.expectFailure(INVALID_PAYLOAD);
		}));
		cases.add(ConformanceCase.of("6.3.2", "invalid UTF-8 text in fragments of 1 B: 1007", (c) -> {
			c.send(fragments(TEXT, invalid, 1));
			c.expectFailure(INVALID_PAYLOAD);
		}));
		cases.addAll(failFastCases());
		List<Category> categories = Utf8Samples.categories();
		for (int i = 0; i < categories.size(); i++) {
			List<Sample> samples = categories.get(i).samples();
			for (int j = 0; j < samples.size(); j++) {
				cases.add(utf8Case("6." + (i + 5) + "." + (j + 1), categories.get(i).name(), samples.get(j)));
			}
		}
		return cases;
	}

	/**
	 * 6.4.x: a valid prefix, then the byte that makes the text invalid, then the rest.
	 * The server must stay open after the prefix and fail the connection with 1007 after
	 * the invalid byte, before we send the rest.
	 */
	private static List<ConformanceCase> failFastCases() {
		byte[] invalidPart = Utf8Samples.hex("f4908080");
		byte[] rest = utf8("edited");
		byte[] whole = Utf8Samples.concat(Utf8Samples.KOSME, invalidPart, rest);
		List<ConformanceCase> cases = new ArrayList<>();
		cases.add(failFastInFrames("6.4.1",
				"invalid UTF-8 text in 3 frames: 1007 right after the 2nd, whose 4 bytes (U+110000) are invalid",
				Utf8Samples.KOSME, invalidPart, rest));
		cases.add(failFastInFrames("6.4.2",
				"invalid UTF-8 text in 3 frames: 1007 right after the 2nd, its one byte making the text invalid",
				Arrays.copyOf(whole, 12), Arrays.copyOfRange(whole, 12, 13), Arrays.copyOfRange(whole, 13, 21)));
		cases.add(failFastInChops("6.4.3",
				"invalid UTF-8 text in one frame written in 3 chops: 1007 right after the 2nd, 4 invalid bytes", whole,
				11, 15));
		cases.add(failFastInChops("6.4.4",
				"invalid UTF-8 text in one frame written in 3 chops: 1007 right after the 2nd, 1 invalid byte", whole,
				12, 13));
		return cases;
	}

	private static ConformanceCase failFastInFrames(String id, String description, byte[] valid, byte[] invalid,
			byte[] rest) {
		return ConformanceCase.of(id, description, (c) -> {
			c.send(text(valid).fin(false));
			c.expectNothingWithin(QUIET);
			c.send(continuation(invalid).fin(false));
			c.expectFailFast(FAIL_FAST, () -> c.send(continuation(rest)), INVALID_PAYLOAD);
		});
	}

	/**
	 * One frame, its bytes cut after the header and {@code validEnd} payload bytes, then
	 * after {@code invalidEnd}.
	 */
	private static ConformanceCase failFastInChops(String id, String description, byte[] payload, int validEnd,
			int invalidEnd) {
		return ConformanceCase.of(id, description, (c) -> {
			OutFrame frame = text(payload);
			byte[] bytes = frame.toBytes();
			int header = frame.headerLength();
			c.sendBytes(Arrays.copyOf(bytes, header + validEnd),
					"header of " + frame + " and " + validEnd + " B of its payload");
			c.expectNothingWithin(QUIET);
			c.sendBytes(Arrays.copyOfRange(bytes, header + validEnd, header + invalidEnd),
					"payload bytes " + validEnd + " to " + invalidEnd);
			c.expectFailFast(FAIL_FAST, () -> c.sendBytes(Arrays.copyOfRange(bytes, header + invalidEnd, bytes.length),
					"the rest of the payload"), INVALID_PAYLOAD);
		});
	}

	private static ConformanceCase utf8Case(String id, String category, Sample sample) {
		String hex = HexFormat.of().formatHex(sample.bytes());
		String shown = (hex.length() > 40) ? hex.substring(0, 40) + "..." : hex;
		if (sample.valid()) {
			return ConformanceCase.of(id, category + ": valid 0x" + shown + " echoed", (c) -> {
				c.send(text(sample.bytes()));
				c.expectText(sample.bytes());
				c.closeNormally();
			});
		}
		return ConformanceCase.of(id, category + ": invalid 0x" + shown + ", 1007", (c) -> {
			c.send(text(sample.bytes()));
			c.expectFailure(INVALID_PAYLOAD);
		});
	}

	// ---- 7 Close handling ----

	static List<ConformanceCase> group7() {
		List<ConformanceCase> cases = new ArrayList<>();
		cases.add(ConformanceCase.of("7.1.1", "text, then close: echo, then a clean close", (c) -> {
			c.send(text("Hello World!"));
			c.expectText("Hello World!");
			c.closeNormally();
		}));
		cases.add(ConformanceCase.of("7.1.2", "two closes: the second is ignored", (c) -> {
			c.sendClose(OutFrame.close(NORMAL));
			c.send(OutFrame.close());
			c.expectCloseAnswer(false, NORMAL);
		}));
		cases.add(ConformanceCase.of("7.1.3", "close, then ping: no pong", (c) -> {
			c.sendClose(OutFrame.close(NORMAL));
			c.send(ping(new byte[0]));
			c.expectCloseAnswer(false, NORMAL);
		}));
		cases.add(ConformanceCase.of("7.1.4", "close, then text: the text is ignored", (c) -> {
			c.sendClose(OutFrame.close(NORMAL));
			c.send(text("Hello World!"));
			c.expectCloseAnswer(false, NORMAL);
		}));
		cases.add(ConformanceCase.of("7.1.5", "first fragment, close, last fragment: no message", (c) -> {
			c.send(text("fragment1").fin(false));
			c.sendClose(OutFrame.close(NORMAL));
			c.send(continuation("fragment2"));
			c.expectCloseAnswer(false, NORMAL);
		}));
		byte[] big = repeat(utf8("BAsd7&jh23"), 256 * 1024);
		cases.add(ConformanceCase.of("7.1.6",
				"256 KiB text, small text, close, ping back to back: the echoes may or may not come first", (c) -> {
					c.send(text(big), text("Hello World!"));
					c.sendClose(OutFrame.close(NORMAL));
					c.send(ping(new byte[0]));
					List<Observed> seen = c.collectUntilClose();
					List<byte[]> echoes = List.of(big, utf8("Hello World!"));
					for (int i = 0; i < seen.size() - 1; i++) {
						if (!(seen.get(i) instanceof Message message) || i >= echoes.size()
								|| !Arrays.equals(message.payload(), echoes.get(i))) {
							throw Conversation.CaseFailure.failed("unexpected " + seen.get(i) + " before the close");
						}
					}
					Observed last = seen.get(seen.size() - 1);
					if (!(last instanceof Close close) || close.code() == null || close.code() != NORMAL) {
						throw Conversation.CaseFailure.failed("expected close 1000 but got " + last);
					}
					c.expectTcpClosedByServer();
				})
			.asInformational());
		cases.add(ConformanceCase.of("7.3.1", "close with an empty payload: clean close", (c) -> {
			c.closeAndExpect(OutFrame.close(), true, NORMAL);
		}));
		cases.add(ConformanceCase.of("7.3.2", "close with a 1 B payload: 1002", (c) -> {
			c.closeAndExpect(OutFrame.of(CLOSE, utf8("a")), false, PROTOCOL_ERROR);
		}));
		cases.add(ConformanceCase.of("7.3.3", "close with a code only: clean close", (c) -> {
			c.closeAndExpect(OutFrame.close(NORMAL), false, NORMAL);
		}));
		cases.add(ConformanceCase.of("7.3.4", "close with a code and a reason: clean close", (c) -> {
			c.closeAndExpect(OutFrame.close(NORMAL, utf8("Hello World!")), false, NORMAL);
		}));
		cases.add(ConformanceCase.of("7.3.5", "close with a reason of 123 B (payload 125 B): clean close", (c) -> {
			c.closeAndExpect(OutFrame.close(NORMAL, repeat('*', 123)), false, NORMAL);
		}));
		cases.add(ConformanceCase.of("7.3.6", "close with a reason of 124 B (payload 126 B): 1002", (c) -> {
			c.closeAndExpect(OutFrame.close(NORMAL, repeat('*', 124)), false, PROTOCOL_ERROR);
		}));
		byte[] badReason = Utf8Samples.concat(Utf8Samples.KOSME, Utf8Samples.hex("eda080"), utf8("edited"));
		cases.add(ConformanceCase.of("7.5.1", "close with an invalid UTF-8 reason: 1002 or 1007", (c) -> {
			c.closeAndExpect(OutFrame.close(NORMAL, badReason), false, PROTOCOL_ERROR, INVALID_PAYLOAD);
		}));
		int[] valid = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 };
		for (int i = 0; i < valid.length; i++) {
			int code = valid[i];
			cases.add(ConformanceCase.of("7.7." + (i + 1), "close with valid code " + code + ": 1000 or " + code,
					(c) -> c.closeAndExpect(OutFrame.close(code), false, NORMAL, code)));
		}
		int[] invalid = { 0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999 };
		for (int i = 0; i < invalid.length; i++) {
			int code = invalid[i];
			cases.add(ConformanceCase.of("7.9." + (i + 1), "close with invalid code " + code + ": 1002",
					(c) -> c.closeAndExpect(OutFrame.close(code), false, PROTOCOL_ERROR)));
		}
		int[] undefined = { 5000, 65535 };
		for (int i = 0; i < undefined.length; i++) {
			int code = undefined[i];
			cases.add(ConformanceCase
				.of("7.13." + (i + 1),
						"close with code " + code + ", undefined by RFC 6455: 1000, " + code + " or 1002",
						(c) -> c.closeAndExpect(OutFrame.close(code), false, NORMAL, code, PROTOCOL_ERROR))
				.asInformational());
		}
		return cases;
	}

	// ---- 9 Limits and performance ----

	static List<ConformanceCase> group9() {
		List<ConformanceCase> cases = new ArrayList<>();
		int[] sizes = { 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024, 8 * 1024 * 1024, 16 * 1024 * 1024 };
		byte[] textPattern = utf8("BAsd7&jh23");
		byte[] binaryPattern = Utf8Samples.hex("00fe23faf0");
		for (int i = 0; i < sizes.length; i++) {
			int size = sizes[i];
			cases.add(bigMessage("9.1." + (i + 1), "text message of " + size(size), TEXT, textPattern, size, 0, 0));
		}
		for (int i = 0; i < sizes.length; i++) {
			int size = sizes[i];
			cases.add(
					bigMessage("9.2." + (i + 1), "binary message of " + size(size), BINARY, binaryPattern, size, 0, 0));
		}
		int[] fragmentSizes = { 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304 };
		int fourMiB = 4 * 1024 * 1024;
		for (int i = 0; i < fragmentSizes.length; i++) {
			cases.add(bigMessage("9.3." + (i + 1), "text message of 4 MiB in fragments of " + size(fragmentSizes[i]),
					TEXT, utf8("*"), fourMiB, fragmentSizes[i], 0));
		}
		for (int i = 0; i < fragmentSizes.length; i++) {
			cases.add(bigMessage("9.4." + (i + 1), "binary message of 4 MiB in fragments of " + size(fragmentSizes[i]),
					BINARY, new byte[] { -2 }, fourMiB, fragmentSizes[i], 0));
		}
		int[] chops = { 64, 128, 256, 512, 1024, 2048 };
		int oneMiB = 1024 * 1024;
		for (int i = 0; i < chops.length; i++) {
			cases.add(bigMessage("9.5." + (i + 1), "text message of 1 MiB written in chops of " + chops[i] + " B", TEXT,
					textPattern, oneMiB, 0, chops[i]));
		}
		for (int i = 0; i < chops.length; i++) {
			cases.add(bigMessage("9.6." + (i + 1), "binary message of 1 MiB written in chops of " + chops[i] + " B",
					BINARY, binaryPattern, oneMiB, 0, chops[i]));
		}
		int[] smallSizes = { 0, 16, 64, 256, 1024, 4096 };
		for (int i = 0; i < smallSizes.length; i++) {
			cases.add(roundTrips("9.7." + (i + 1), TEXT, smallSizes[i]));
		}
		for (int i = 0; i < smallSizes.length; i++) {
			cases.add(roundTrips("9.8." + (i + 1), BINARY, smallSizes[i]));
		}
		return cases;
	}

	private static ConformanceCase bigMessage(String id, String description, int opcode, byte[] pattern, int size,
			int fragmentSize, int chop) {
		return ConformanceCase.of(id, description, (c) -> {
			byte[] payload = repeat(pattern, size);
			OutFrame[] frames = (fragmentSize > 0) ? fragments(opcode, payload, fragmentSize)
					: new OutFrame[] { of(opcode, payload) };
			if (chop > 0) {
				c.sendChopped(chop, frames);
			}
			else {
				c.send(frames);
			}
			c.expectMessage(opcode == TEXT, payload);
			c.closeNormally();
		}).timeouts(Timeouts.generous(Duration.ofSeconds(60)));
	}

	private static ConformanceCase roundTrips(String id, int opcode, int size) {
		String kind = (opcode == TEXT) ? "text" : "binary";
		return ConformanceCase.of(id, "1000 " + kind + " messages of " + size + " B, one round trip each", (c) -> {
			byte[] payload = (opcode == TEXT) ? repeat('*', size) : repeat(0xfe, size);
			OutFrame frame = of(opcode, payload);
			for (int i = 0; i < 1000; i++) {
				c.send(frame);
				c.expectMessage(opcode == TEXT, payload);
			}
			c.closeNormally();
		}).timeouts(Timeouts.generous(Duration.ofSeconds(60)));
	}

	// ---- 10 Miscellaneous ----

	static List<ConformanceCase> group10() {
		byte[] payload = repeat('*', 65536);
		return List.of(ConformanceCase.of("10.1.1", "text message of 64 KiB in fragments of 1300 B", (c) -> {
			c.send(fragments(TEXT, payload, 1300));
			c.expectText(payload);
			c.closeNormally();
		}));
	}

	// ---- helpers ----

	/**
	 * Splits a message into fragments of {@code size} bytes (the last one shorter), as
	 * the suite's {@code payload_frag_size} does.
	 */
	static OutFrame[] fragments(int opcode, byte[] payload, int size) {
		int count = Math.max(1, (payload.length + size - 1) / size);
		OutFrame[] frames = new OutFrame[count];
		for (int i = 0; i < count; i++) {
			byte[] part = Arrays.copyOfRange(payload, i * size, Math.min(payload.length, (i + 1) * size));
			frames[i] = of((i == 0) ? opcode : OutFrame.CONTINUATION, part).fin(i == count - 1);
		}
		return frames;
	}

	static byte[] repeat(int value, int count) {
		byte[] bytes = new byte[count];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	/**
	 * The pattern repeated and cut to {@code length}, as the suite's {@code payload_len}.
	 */
	static byte[] repeat(byte[] pattern, int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = pattern[i % pattern.length];
		}
		return bytes;
	}

	private static String size(int bytes) {
		if (bytes >= 1024 * 1024) {
			return (bytes / (1024 * 1024)) + " MiB";
		}
		if (bytes >= 1024) {
			return (bytes / 1024) + " KiB";
		}
		return bytes + " B";
	}

	/**
	 * How a case's frames go on the wire: the suite's one write, "frame-wise"
	 * ({@code sync}) or "octet-wise" ({@code chopsize = 1}).
	 */
	enum Chops {

		NONE, FRAMES, OCTETS;

		void send(Conversation c, OutFrame... frames) {
			switch (this) {
				case NONE -> c.send(frames);
				case FRAMES -> c.sendFrameWise(frames);
				case OCTETS -> c.sendChopped(1, frames);
			}
		}

	}

}
