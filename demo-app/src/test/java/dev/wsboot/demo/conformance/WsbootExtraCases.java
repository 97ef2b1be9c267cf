package dev.wsboot.demo.conformance;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.wsboot.demo.conformance.Conversation.Timeouts;

import static dev.wsboot.demo.conformance.AutobahnCases.FAIL_FAST;
import static dev.wsboot.demo.conformance.AutobahnCases.INVALID_PAYLOAD;
import static dev.wsboot.demo.conformance.AutobahnCases.MESSAGE_TOO_BIG;
import static dev.wsboot.demo.conformance.AutobahnCases.NORMAL;
import static dev.wsboot.demo.conformance.AutobahnCases.PROTOCOL_ERROR;
import static dev.wsboot.demo.conformance.OutFrame.binary;
import static dev.wsboot.demo.conformance.OutFrame.continuation;
import static dev.wsboot.demo.conformance.OutFrame.text;
import static dev.wsboot.demo.conformance.OutFrame.utf8;

/**
 * wsboot's own cases (group {@code x}), for rules of RFC 6455 and of the design that the
 * Autobahn suite does not exercise: unmasked client frames, impossible lengths, the size
 * limits (the demo's echo endpoint allows 16 MiB per frame and per message), frames sent
 * with the handshake request, close codes registered after the suite's lists were made,
 * and UTF-8 split at every position.
 */
final class WsbootExtraCases {

	/** The echo endpoint's max frame and message size, from the demo's configuration. */
	static final int LIMIT = 16 * 1024 * 1024;

	private WsbootExtraCases() {
	}

	static List<ConformanceCase> all() {
		List<ConformanceCase> cases = new ArrayList<>();
		cases.add(ConformanceCase.of("x.1.1", "unmasked text frame from the client: 1002", (c) -> {
			c.send(text("Hello, world!").unmasked());
			c.expectFailure(PROTOCOL_ERROR);
		}));
		cases.add(ConformanceCase.of("x.1.2", "64-bit length with its most significant bit set: 1002", (c) -> {
			ByteBuffer header = ByteBuffer.allocate(14);
			header.put((byte) 0x82).put((byte) (0x80 | 127)).putLong(Long.MIN_VALUE + 5).putInt(0x11223344);
			c.sendBytes(header.array(), "BINARY header with length 0x8000000000000005, no payload");
			c.expectFailure(PROTOCOL_ERROR);
		}));
		cases.add(ConformanceCase.of("x.1.3",
				"frame header declaring 16 MiB + 1: 1009 at once, before any payload byte", (c) -> {
					c.send(binary(new byte[0]).declaredLength(LIMIT + 1L));
					c.expectFailFast(FAIL_FAST, () -> {
					}, MESSAGE_TOO_BIG);
				}));
		cases.add(ConformanceCase.of("x.1.4", "frame of exactly 16 MiB: echoed", (c) -> {
			byte[] payload = AutobahnCases.repeat(0x5a, LIMIT);
			c.send(binary(payload));
			c.expectBinary(payload);
			c.closeNormally();
		}).timeouts(Timeouts.generous(Duration.ofSeconds(60))));
		cases.add(ConformanceCase.of("x.1.5", "message of 16 MiB + 1 in 2 fragments: 1009", (c) -> {
			c.send(binary(AutobahnCases.repeat(0x5a, LIMIT)).fin(false), continuation(new byte[] { 1 }));
			c.expectFailure(MESSAGE_TOO_BIG);
		}).timeouts(Timeouts.generous(Duration.ofSeconds(60))));
		cases.add(ConformanceCase
			.of("x.1.6", "ping and text sent in the handshake request's write: both answered", (c) -> {
				c.expectPong("early ping");
				c.expectText("early");
				c.closeNormally();
			})
			.afterRequest(OutFrame.concat(OutFrame.ping("early ping"), text("early"))));
		int[] registered = { 1012, 1013, 1014 };
		for (int i = 0; i < registered.length; i++) {
			int code = registered[i];
			cases.add(ConformanceCase.of("x.7." + (i + 1),
					"close with code " + code + " (registered with IANA after RFC 6455): 1000 or " + code,
					(c) -> c.closeAndExpect(OutFrame.close(code), false, NORMAL, code)));
		}
		int[] invalid = { 1015, 5000, 65535 };
		for (int i = 0; i < invalid.length; i++) {
			int code = invalid[i];
			cases.add(
					ConformanceCase.of("x.7." + (i + 4), "close with code " + code + " (never valid on the wire): 1002",
							(c) -> c.closeAndExpect(OutFrame.close(code), false, PROTOCOL_ERROR)));
		}
		byte[] hello = utf8("Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!");
		for (int split = 1; split < hello.length; split++) {
			byte[] first = Arrays.copyOf(hello, split);
			byte[] second = Arrays.copyOfRange(hello, split, hello.length);
			cases.add(ConformanceCase.of("x.6.1." + split,
					"valid UTF-8 text (6.2.1) in 2 fragments split after byte " + split + ": echoed", (c) -> {
						c.send(text(first).fin(false), continuation(second));
						c.expectText(hello);
						c.closeNormally();
					}));
		}
		byte[] invalid631 = Utf8Samples.concat(Utf8Samples.KOSME, Utf8Samples.hex("eda080"), utf8("edited"));
		for (int split = 1; split < invalid631.length; split++) {
			byte[] first = Arrays.copyOf(invalid631, split);
			byte[] second = Arrays.copyOfRange(invalid631, split, invalid631.length);
			cases.add(ConformanceCase.of("x.6.2." + split,
					"invalid UTF-8 text (6.3.1) in 2 fragments split after byte " + split + ": 1007", (c) -> {
						c.send(text(first).fin(false), continuation(second));
						c.expectFailure(INVALID_PAYLOAD);
					}));
		}
		return cases;
	}

}
