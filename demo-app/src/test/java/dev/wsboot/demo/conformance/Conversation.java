package dev.wsboot.demo.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.wsboot.demo.conformance.RawWebSocketClient.Eof;
import dev.wsboot.demo.conformance.RawWebSocketClient.Event;
import dev.wsboot.demo.conformance.RawWebSocketClient.Frame;
import dev.wsboot.demo.conformance.RawWebSocketClient.ReadFailed;
import dev.wsboot.demo.conformance.Verdict.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * One case's exchange with the server: it sends what the case says and checks, in order,
 * that what comes back is exactly what is expected: no event missing, none extra,
 * payloads byte for byte. Incoming frames are assembled into messages the way an Autobahn
 * client does, and a frame a server must never send (masked, RSV bits set, an oversized
 * or fragmented control frame, a continuation of nothing) fails the case.
 * <p>
 * Every wait is bounded. An expectation that is not met throws a {@link CaseFailure}
 * carrying the outcome; a write that fails is logged and ignored, because a server that
 * rightly failed the connection may refuse the rest of what a case sends.
 */
final class Conversation {

	private static final int MAX_TRANSCRIPT = 120;

	private final RawWebSocketClient client;

	private final Timeouts timeouts;

	private final List<String> transcript = new ArrayList<>();

	private int suppressed;

	private ByteArrayOutputStream message;

	private boolean messageIsText;

	private boolean closeSent;

	private final @Nullable String extensionOffer;

	/** The client's side of permessage-deflate, once the server accepted it. */
	private @Nullable ClientDeflate deflate;

	private boolean messageCompressed;

	Conversation(RawWebSocketClient client, Timeouts timeouts) {
		this(client, timeouts, null);
	}

	Conversation(RawWebSocketClient client, Timeouts timeouts, @Nullable String extensionOffer) {
		this.client = client;
		this.timeouts = timeouts;
		this.extensionOffer = extensionOffer;
	}

	/** Ends the native zlib state of permessage-deflate, if any; call once done. */
	synchronized void release() {
		if (this.deflate != null) {
			this.deflate.close();
		}
	}

	// ---- extensions ----

	/**
	 * Judges the server's answer to the case's permessage-deflate offer (see
	 * {@link ClientDeflate#negotiate}) and, when it accepted, works by it from now on:
	 * messages sent with {@link #sendMessage} are compressed, and RSV1 on the first frame
	 * of a message from the server means it is compressed.
	 * @return the client's side of the extension
	 */
	ClientDeflate expectDeflateAccepted() {
		if (this.extensionOffer == null) {
			throw new IllegalStateException("The case offers no extension");
		}
		List<String> answer = this.client.extensionsAccepted();
		log("  offered Sec-WebSocket-Extensions: " + this.extensionOffer);
		log("  101 answered: " + (answer.isEmpty() ? "(no Sec-WebSocket-Extensions)" : String.join(", ", answer)));
		ClientDeflate accepted = ClientDeflate.negotiate(this.extensionOffer, answer);
		synchronized (this) {
			this.deflate = accepted;
		}
		return accepted;
	}

	/** Checks that the server accepted no extension (an offer it must decline). */
	void expectNoExtensionAccepted() {
		List<String> answer = this.client.extensionsAccepted();
		log("  offered Sec-WebSocket-Extensions: " + this.extensionOffer);
		log("  101 answered: " + (answer.isEmpty() ? "(no Sec-WebSocket-Extensions)" : String.join(", ", answer)));
		if (!answer.isEmpty()) {
			throw CaseFailure.failed("expected the offer declined (no Sec-WebSocket-Extensions in the 101) but the "
					+ "server answered " + answer);
		}
	}

	synchronized List<String> transcript() {
		List<String> lines = new ArrayList<>(this.transcript);
		if (this.suppressed > 0) {
			lines.add("(" + this.suppressed + " more lines not shown)");
		}
		return lines;
	}

	// ---- sending ----

	/** Sends the frames back to back in one write. */
	void send(OutFrame... frames) {
		sendBytes(OutFrame.concat(frames), describe(frames) + " in one write");
	}

	/** Sends each frame in a write of its own ("frame-wise chops", Autobahn's sync). */
	void sendFrameWise(OutFrame... frames) {
		for (OutFrame frame : frames) {
			sendBytes(frame.toBytes(), frame + " in a write of its own");
		}
	}

	/**
	 * Sends the frames' bytes in writes of {@code chop} bytes ("octet-wise chops" for 1).
	 */
	void sendChopped(int chop, OutFrame... frames) {
		byte[] bytes = OutFrame.concat(frames);
		log("→ " + describe(frames) + " in chops of " + chop + " B");
		try {
			this.client.writeChopped(bytes, chop);
		}
		catch (IOException ex) {
			log("→ write failed: " + ex.getMessage());
		}
	}

	/**
	 * Sends a data message in one write, compressed with RSV1 set on its first frame when
	 * permessage-deflate was accepted, in fragments of {@code fragmentSize} bytes of wire
	 * payload (0 for one frame), as Autobahn's auto-fragmentation does.
	 */
	void sendMessage(boolean text, byte[] payload, int fragmentSize) {
		ClientDeflate deflate = this.deflate;
		byte[] wire = (deflate != null) ? deflate.compress(payload) : payload;
		int step = (fragmentSize > 0) ? fragmentSize : Math.max(wire.length, 1);
		ByteArrayOutputStream frames = new ByteArrayOutputStream(wire.length + 64);
		int count = 0;
		int at = 0;
		do {
			int end = Math.min(wire.length, at + step);
			OutFrame frame = OutFrame
				.of((at == 0) ? (text ? OutFrame.TEXT : OutFrame.BINARY) : OutFrame.CONTINUATION,
						Arrays.copyOfRange(wire, at, end))
				.fin(end == wire.length)
				.rsv((at == 0 && deflate != null) ? 4 : 0);
			frames.writeBytes(frame.toBytes());
			count++;
			at = end;
		}
		while (at < wire.length);
		sendBytes(frames.toByteArray(),
				(text ? "text" : "binary") + " message of " + payload.length + " B"
						+ ((deflate != null) ? " compressed to " + wire.length + " B (RSV1)" : "") + " in " + count
						+ ((count == 1) ? " frame" : " frames"));
	}

	/** Sends raw bytes in one write. */
	void sendBytes(byte[] bytes, String description) {
		log("→ " + description);
		try {
			this.client.write(bytes);
		}
		catch (IOException ex) {
			log("→ write failed: " + ex.getMessage());
		}
	}

	/** Sends our close frame. */
	void sendClose(OutFrame close) {
		this.closeSent = true;
		sendBytes(close.toBytes(), describeClose(close.payload(), close.toString()));
	}

	// ---- expecting ----

	void expectText(String text) {
		expectMessage(true, OutFrame.utf8(text));
	}

	void expectText(byte[] utf8) {
		expectMessage(true, utf8);
	}

	void expectBinary(byte[] data) {
		expectMessage(false, data);
	}

	void expectMessage(boolean text, byte[] payload) {
		expectMessage(text, payload, this.timeouts.event());
	}

	/**
	 * Expects the echo of a message, byte for byte after inflation, and returns it.
	 */
	Message expectMessage(boolean text, byte[] payload, Duration timeout) {
		String what = (text ? "text" : "binary") + " message of " + payload.length + " B";
		Observed observed = next(timeout, "an echoed " + what);
		if (!(observed instanceof Message message) || message.text() != text) {
			throw unexpected("an echoed " + what, observed);
		}
		if (!Arrays.equals(message.payload(), payload)) {
			throw CaseFailure.failed("expected an echoed " + what + " but got one of " + message.payload().length
					+ " B that differs " + firstDifference(payload, message.payload()));
		}
		return message;
	}

	void expectPong(byte[] payload) {
		Observed observed = next(this.timeouts.event(), "a pong of " + payload.length + " B");
		if (!(observed instanceof Pong pong)) {
			throw unexpected("a pong of " + payload.length + " B", observed);
		}
		if (!Arrays.equals(pong.payload(), payload)) {
			throw CaseFailure.failed("expected a pong echoing the ping's " + payload.length
					+ " B but its payload differs " + firstDifference(payload, pong.payload()));
		}
	}

	void expectPong(String payload) {
		expectPong(OutFrame.utf8(payload));
	}

	/**
	 * Checks that the server sends nothing and keeps the connection open for a while: the
	 * one place where time, not an event, ends a wait, because absence has no event.
	 */
	void expectNothingWithin(Duration window) {
		Observed observed = next(window, null);
		if (observed != null) {
			throw unexpected("nothing within " + window.toMillis() + " ms", observed);
		}
	}

	/**
	 * The server fails the connection: its close frame with one of the codes arrives
	 * next, we answer it as a client does, and the server drops TCP. Stricter than
	 * Autobahn, which also accepts a TCP drop without a close frame: wsboot always sends
	 * one.
	 */
	void expectFailure(int... codes) {
		expectServerClose(this.timeouts.event(), codes);
		expectTcpClosedByServer();
	}

	/**
	 * A valid message followed by a violation: its echo must come before the server's
	 * close. A server that fails the connection without the echo is NON-STRICT, as in the
	 * suite (its expected NON-STRICT events are none).
	 */
	void expectEchoThenFailure(byte[] text, int... codes) {
		Observed observed = next(this.timeouts.event(), "an echoed text message of " + text.length + " B");
		if (observed instanceof Close close && close.code() != null && contains(codes, close.code())) {
			checkServerClose(observed, codes);
			expectTcpClosedByServer();
			throw CaseFailure.nonStrict("the connection was failed with " + close.code()
					+ " without the echo of the valid message sent before the violation");
		}
		if (!(observed instanceof Message message) || !message.text() || !Arrays.equals(message.payload(), text)) {
			throw unexpected("an echoed text message of " + text.length + " B", observed);
		}
		expectFailure(codes);
	}

	/**
	 * Fail-fast check for invalid payloads split across writes: after the offending
	 * bytes, the close must arrive within {@code bound}, before {@code rest} is sent. A
	 * server that fails only once the rest arrives is NON-STRICT.
	 */
	void expectFailFast(Duration bound, Runnable rest, int... codes) {
		Observed observed = next(bound, null);
		if (observed == null) {
			log("  no close within " + bound.toMillis() + " ms of the offending bytes: sending the rest");
			rest.run();
			Observed late = next(this.timeouts.event(), "a close frame");
			if (late instanceof Close close && close.code() != null && contains(codes, close.code())) {
				throw CaseFailure.nonStrict("the connection was failed with " + close.code()
						+ " only after the rest of the message was sent, not fail-fast");
			}
			throw unexpected("a close frame with " + codes(codes) + " before the rest of the message", late);
		}
		checkServerClose(observed, codes);
		expectTcpClosedByServer();
	}

	/**
	 * We close: send a close frame with {@code code} and expect the server's close with
	 * the same code, then the server dropping TCP.
	 */
	void closeNormally() {
		closeAndExpect(OutFrame.close(1000), false, 1000);
	}

	/**
	 * Sends a close frame and expects the server's answer: a close with one of the codes
	 * (or, when {@code emptyAllowed}, with no payload), then the server dropping TCP.
	 */
	void closeAndExpect(OutFrame close, boolean emptyAllowed, int... codes) {
		sendClose(close);
		expectCloseAnswer(emptyAllowed, codes);
	}

	/** Expects the server's answer to a close we sent already, then the TCP drop. */
	void expectCloseAnswer(boolean emptyAllowed, int... codes) {
		Observed observed = next(this.timeouts.event(), "the server's close frame");
		if (!(observed instanceof Close close)) {
			throw unexpected("a close frame with " + codes(codes), observed);
		}
		if (close.code() == null ? !emptyAllowed : !contains(codes, close.code())) {
			throw CaseFailure.failed("wrong close code: expected " + codes(codes) + (emptyAllowed ? " or none" : "")
					+ " but the server sent " + close);
		}
		expectTcpClosedByServer();
	}

	/**
	 * Expects the server to close TCP (a read returns -1) within the bound, with no frame
	 * before that. A client that has to drop the connection itself fails the case, as
	 * Autobahn's "FAILED BY CLIENT".
	 */
	void expectTcpClosedByServer() {
		Observed observed = next(this.timeouts.tcpClose(), null);
		if (observed == null) {
			throw CaseFailure.failed("the server did not close the TCP connection within "
					+ this.timeouts.tcpClose().toMillis() + " ms after the closing handshake");
		}
		if (!(observed instanceof TcpClosed closed)) {
			throw unexpected("the server closing TCP", observed);
		}
		if (closed.midFrame()) {
			throw CaseFailure.failed("the server closed TCP in the middle of a frame");
		}
	}

	/**
	 * Collects everything up to the server's close, for informational cases.
	 * @return the messages, pongs and pings seen before the close frame
	 */
	List<Observed> collectUntilClose() {
		List<Observed> seen = new ArrayList<>();
		while (true) {
			Observed observed = next(this.timeouts.event(), "the server's close frame");
			if (observed instanceof Close || observed instanceof TcpClosed) {
				seen.add(observed);
				return seen;
			}
			seen.add(observed);
		}
	}

	private void expectServerClose(Duration timeout, int... codes) {
		checkServerClose(next(timeout, "a close frame with " + codes(codes)), codes);
	}

	private void checkServerClose(Observed observed, int... codes) {
		if (!(observed instanceof Close close)) {
			throw unexpected("a close frame with " + codes(codes), observed);
		}
		if (close.code() == null || !contains(codes, close.code())) {
			throw CaseFailure.failed("wrong close code: expected " + codes(codes) + " but the server sent " + close);
		}
		if (!this.closeSent) {
			// Answer as a client does: echo the code.
			sendClose(OutFrame.close(close.code()));
		}
	}

	// ---- receiving ----

	/**
	 * Returns the next thing the server did, with data frames assembled into messages.
	 * @param timeout how long to wait at most
	 * @param awaited what the case waits for, or {@code null} when a timeout is fine
	 * @return the next observation, or {@code null} on timeout when {@code awaited} is
	 * {@code null}
	 */
	private Observed next(Duration timeout, String awaited) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long remaining = deadline - System.nanoTime();
			Event event;
			try {
				event = (remaining > 0) ? this.client.next(Duration.ofNanos(remaining)) : null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw CaseFailure.failed("interrupted while waiting for " + awaited);
			}
			if (event == null) {
				if (awaited == null) {
					return null;
				}
				log("  (nothing within " + timeout.toMillis() + " ms)");
				throw CaseFailure.failed("timed out after " + timeout.toMillis() + " ms waiting for " + awaited
						+ ((this.message != null) ? " (a message is half received)" : ""));
			}
			Observed observed = observe(event);
			if (observed != null) {
				return observed;
			}
		}
	}

	private Observed observe(Event event) {
		if (event instanceof Eof eof) {
			log(this.client.millisSinceStart(eof.nanos()), "← " + eof);
			return new TcpClosed(eof.midFrame(), eof.toString());
		}
		if (event instanceof ReadFailed failed) {
			log(this.client.millisSinceStart(failed.nanos()), "← " + failed);
			// A reset after the close handshake still means the server dropped TCP.
			return new TcpClosed(false, failed.toString());
		}
		Frame frame = (Frame) event;
		log(this.client.millisSinceStart(frame.nanos()), "← " + frame + describeFrame(frame));
		if (frame.masked()) {
			throw CaseFailure.failed("the server sent a masked frame: " + frame);
		}
		boolean deflating = this.deflate != null;
		if (frame.rsv() != 0) {
			if (!deflating || (frame.rsv() & 3) != 0) {
				throw CaseFailure.failed("the server set RSV bits without an extension: " + frame);
			}
			if (frame.opcode() != OutFrame.TEXT && frame.opcode() != OutFrame.BINARY) {
				throw CaseFailure.failed("the server set RSV1 on a frame that does not start a data message, "
						+ "which RFC 7692 section 6 forbids: " + frame);
			}
		}
		if (Opcodes.isControl(frame.opcode())) {
			if (!frame.fin() || frame.payload().length > 125) {
				throw CaseFailure.failed("the server sent a fragmented or oversized control frame: " + frame);
			}
			return switch (frame.opcode()) {
				case OutFrame.PING -> new Ping(frame.payload());
				case OutFrame.PONG -> new Pong(frame.payload());
				case OutFrame.CLOSE -> closeOf(frame.payload());
				default -> throw CaseFailure.failed("the server sent a reserved control opcode: " + frame);
			};
		}
		if (frame.opcode() == OutFrame.CONTINUATION) {
			if (this.message == null) {
				throw CaseFailure.failed("the server sent a continuation with no message started");
			}
		}
		else if (frame.opcode() == OutFrame.TEXT || frame.opcode() == OutFrame.BINARY) {
			if (this.message != null) {
				throw CaseFailure.failed("the server started a message inside another one");
			}
			this.message = new ByteArrayOutputStream(frame.payload().length);
			this.messageIsText = frame.opcode() == OutFrame.TEXT;
			this.messageCompressed = frame.rsv() != 0;
		}
		else {
			throw CaseFailure.failed("the server sent a reserved data opcode: " + frame);
		}
		if (this.messageCompressed) {
			this.deflate.inflate(frame.payload(), frame.fin(), this.message);
		}
		else {
			this.message.writeBytes(frame.payload());
		}
		if (!frame.fin()) {
			return null;
		}
		Message message = new Message(this.messageIsText, this.message.toByteArray(), this.messageCompressed);
		this.message = null;
		return message;
	}

	private static Observed closeOf(byte[] payload) {
		if (payload.length == 0) {
			return new Close(null, new byte[0]);
		}
		if (payload.length == 1) {
			throw CaseFailure.failed("the server sent a close frame with a 1-byte payload");
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		byte[] reason = Arrays.copyOfRange(payload, 2, payload.length);
		if (!isValidOnTheWire(code)) {
			throw CaseFailure.failed("the server sent close code " + code + ", which is not valid in a close frame");
		}
		if (!Utf8Samples.isValid(reason)) {
			throw CaseFailure.failed("the server sent a close reason that is not valid UTF-8");
		}
		return new Close(code, reason);
	}

	/**
	 * Returns whether a close frame may carry the code: the codes RFC 6455 and the IANA
	 * registry define for use on the wire, and the ranges for libraries and applications.
	 */
	private static boolean isValidOnTheWire(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

	/** Adds a line to the transcript. */
	void note(String line) {
		log("  " + line);
	}

	private void log(String line) {
		log(this.client.millisSinceStart(System.nanoTime()), line);
	}

	private synchronized void log(double millis, String line) {
		if (this.transcript.size() < MAX_TRANSCRIPT) {
			this.transcript.add(String.format("%9.1f ms %s", millis, line));
		}
		else {
			this.suppressed++;
		}
	}

	private CaseFailure unexpected(String expected, Observed observed) {
		return CaseFailure.failed("expected " + expected + " but " + ((observed != null) ? "got " + observed
				: "nothing came within " + this.timeouts.event().toMillis() + " ms"));
	}

	private static String describe(OutFrame... frames) {
		if (frames.length <= 4) {
			return Arrays.stream(frames).map(OutFrame::toString).collect(Collectors.joining(", "));
		}
		return frames.length + " frames (" + frames[0] + ", " + frames[1] + ", ..., " + frames[frames.length - 1] + ")";
	}

	private static String describeFrame(Frame frame) {
		byte[] payload = frame.payload();
		if (frame.opcode() == OutFrame.CLOSE && payload.length >= 2) {
			return " " + new Close(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF),
					Arrays.copyOfRange(payload, 2, payload.length));
		}
		return "";
	}

	private static String describeClose(byte[] payload, String frame) {
		if (payload.length >= 2) {
			return frame + " code " + (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
		}
		return frame;
	}

	private static String firstDifference(byte[] expected, byte[] actual) {
		int index = Arrays.mismatch(expected, actual);
		if (index < 0) {
			return "";
		}
		return "(expected " + expected.length + " B, first difference at byte " + index + ")";
	}

	private static boolean contains(int[] codes, int code) {
		return IntStream.of(codes).anyMatch((c) -> c == code);
	}

	private static String codes(int... codes) {
		return IntStream.of(codes).mapToObj(Integer::toString).collect(Collectors.joining("/"));
	}

	/**
	 * Timeouts of a case. All are upper bounds: a server that behaves ends each wait at
	 * once.
	 *
	 * @param event how long to wait for an expected frame
	 * @param tcpClose how long the server may take to close TCP after the closing
	 * handshake
	 * @param whole how long the whole case may take, writes included
	 */
	record Timeouts(Duration event, Duration tcpClose, Duration whole) {

		static Timeouts standard() {
			return new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(30));
		}

		static Timeouts generous(Duration whole) {
			return new Timeouts(whole, Duration.ofSeconds(3), whole.plusSeconds(10));
		}

	}

	/**
	 * What the server did, as a case sees it.
	 */
	sealed interface Observed permits Message, Ping, Pong, Close, TcpClosed {

	}

	/**
	 * A whole message from the server.
	 *
	 * @param text whether it is text
	 * @param payload its payload, inflated if it was compressed
	 * @param compressed whether it came compressed (RSV1 on its first frame)
	 */
	record Message(boolean text, byte[] payload, boolean compressed) implements Observed {

		@Override
		public String toString() {
			return (this.compressed ? "a compressed " : "a ") + (this.text ? "text" : "binary") + " message of "
					+ this.payload.length + " B"
					+ ((this.payload.length <= 32) ? " (" + printable(this.payload) + ")" : "");
		}

	}

	record Ping(byte[] payload) implements Observed {

		@Override
		public String toString() {
			return "a ping of " + this.payload.length + " B";
		}

	}

	record Pong(byte[] payload) implements Observed {

		@Override
		public String toString() {
			return "a pong of " + this.payload.length + " B";
		}

	}

	/**
	 * A close frame from the server.
	 *
	 * @param code its code, or {@code null} when it had no payload
	 * @param reason its reason's bytes
	 */
	record Close(Integer code, byte[] reason) implements Observed {

		@Override
		public String toString() {
			return (this.code != null) ? "close " + this.code
					+ ((this.reason.length > 0) ? " \"" + new String(this.reason, StandardCharsets.UTF_8) + "\"" : "")
					: "close with no payload";
		}

	}

	/**
	 * The server closed TCP (or reset it).
	 *
	 * @param midFrame whether a frame was cut short
	 * @param how what the client saw
	 */
	record TcpClosed(boolean midFrame, String how) implements Observed {

		@Override
		public String toString() {
			return this.how;
		}

	}

	private static String printable(byte[] payload) {
		String text = new String(payload, StandardCharsets.UTF_8);
		if (text.chars().allMatch((c) -> c >= 0x20 && c < 0x7F)) {
			return "\"" + text + "\"";
		}
		return "0x" + HexFormat.of().formatHex(payload);
	}

	/**
	 * An expectation that was not met.
	 */
	static final class CaseFailure extends RuntimeException {

		private final Outcome outcome;

		private CaseFailure(Outcome outcome, String message) {
			super(message, null, false, false);
			this.outcome = outcome;
		}

		static CaseFailure failed(String message) {
			return new CaseFailure(Outcome.FAILED, message);
		}

		static CaseFailure nonStrict(String message) {
			return new CaseFailure(Outcome.NON_STRICT, message);
		}

		Outcome outcome() {
			return this.outcome;
		}

	}

}
