package dev.wsboot.protocol.handshake;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.handshake.Handshakes.CHROMIUM;
import static dev.wsboot.protocol.handshake.Handshakes.CLIENT_CLOSE_FRAME;
import static dev.wsboot.protocol.handshake.Handshakes.FIREFOX;
import static dev.wsboot.protocol.handshake.Handshakes.MINIMAL;
import static dev.wsboot.protocol.handshake.Handshakes.buffer;
import static dev.wsboot.protocol.handshake.Handshakes.bytes;
import static dev.wsboot.protocol.handshake.Handshakes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HandshakeRequestParserTests {

	@Test
	void parsesChromiumHandshakeWhole() {
		ByteBuffer in = buffer(CHROMIUM);
		HandshakeRequest request = new HandshakeRequestParser(8192).parse(in);
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.target()).isEqualTo("/chat?room=1");
		assertThat(request.path()).isEqualTo("/chat");
		assertThat(request.query()).isEqualTo("room=1");
		assertThat(request.version()).isEqualTo("HTTP/1.1");
		assertThat(request.headers().size()).isEqualTo(12);
		assertThat(request.headers().first("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(request.headers().first("User-Agent")).isEqualTo(
				"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36");
		assertThat(request.headers().first("Sec-WebSocket-Extensions"))
			.isEqualTo("permessage-deflate; client_max_window_bits");
		assertThat(in.remaining()).isZero();
	}

	@Test
	void parsesFirefoxHandshakeWhole() {
		HandshakeRequest request = new HandshakeRequestParser(8192).parse(buffer(FIREFOX));
		assertThat(request.target()).isEqualTo("/chat");
		assertThat(request.query()).isNull();
		assertThat(request.headers().size()).isEqualTo(17);
		assertThat(request.headers().names()).startsWith("Host", "User-Agent", "Accept").endsWith("Upgrade");
		assertThat(request.headers().tokens("Connection")).containsExactly("keep-alive", "Upgrade");
	}

	@Test
	void parsesHandshakeFedOneByteAtATime() {
		for (String handshake : List.of(CHROMIUM, FIREFOX)) {
			byte[] bytes = bytes(handshake);
			HandshakeRequestParser parser = new HandshakeRequestParser(8192);
			for (int i = 0; i < bytes.length - 1; i++) {
				ByteBuffer in = ByteBuffer.wrap(bytes, i, 1);
				assertThat(parser.parse(in)).isNull();
				assertThat(in.remaining()).isZero();
			}
			HandshakeRequest request = parser.parse(ByteBuffer.wrap(bytes, bytes.length - 1, 1));
			assertThat(request).isEqualTo(Handshakes.request(handshake));
		}
	}

	@Test
	void parsesHandshakeSplitAtEveryPoint() {
		for (String handshake : List.of(CHROMIUM, FIREFOX)) {
			byte[] bytes = bytes(handshake);
			HandshakeRequest whole = Handshakes.request(handshake);
			for (int split = 0; split < bytes.length; split++) {
				HandshakeRequestParser parser = new HandshakeRequestParser(8192);
				ByteBuffer first = ByteBuffer.wrap(bytes, 0, split);
				assertThat(parser.parse(first)).isNull();
				assertThat(first.remaining()).isZero();
				ByteBuffer second = ByteBuffer.wrap(bytes, split, bytes.length - split);
				assertThat(parser.parse(second)).as("split at %d", split).isEqualTo(whole);
				assertThat(second.remaining()).isZero();
			}
		}
	}

	@Test
	void parsesHandshakeFromDirectBuffer() {
		byte[] bytes = bytes(CHROMIUM);
		ByteBuffer in = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
		assertThat(new HandshakeRequestParser(8192).parse(in)).isEqualTo(Handshakes.request(CHROMIUM));
	}

	@Test
	void leavesFrameBytesAfterTheHeadInTheBuffer() {
		byte[] bytes = concat(bytes(CHROMIUM), CLIENT_CLOSE_FRAME);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		assertThat(new HandshakeRequestParser(8192).parse(in)).isNotNull();
		assertThat(in.position()).isEqualTo(bytes(CHROMIUM).length);
		byte[] left = new byte[in.remaining()];
		in.get(left);
		assertThat(left).containsExactly(CLIENT_CLOSE_FRAME);
	}

	@Test
	void leavesFrameBytesInTheBufferAtEverySplitPoint() {
		byte[] bytes = concat(bytes(FIREFOX), CLIENT_CLOSE_FRAME);
		int headLength = bytes(FIREFOX).length;
		for (int split = 0; split < headLength; split++) {
			HandshakeRequestParser parser = new HandshakeRequestParser(8192);
			assertThat(parser.parse(ByteBuffer.wrap(bytes, 0, split))).isNull();
			ByteBuffer second = ByteBuffer.wrap(bytes, split, bytes.length - split);
			assertThat(parser.parse(second)).isNotNull();
			assertThat(second.position()).isEqualTo(headLength);
			assertThat(second.remaining()).isEqualTo(CLIENT_CLOSE_FRAME.length);
		}
	}

	@Test
	void returnsNullForAnEmptyBuffer() {
		assertThat(new HandshakeRequestParser(8192).parse(ByteBuffer.allocate(0))).isNull();
	}

	@Test
	void trimsWhitespaceAroundValuesAndKeepsInnerWhitespace() {
		HandshakeRequest request = Handshakes.request("GET / HTTP/1.1\r\nX-A: \t a \t b \t \r\nX-B:c\r\nX-C:\r\n\r\n");
		assertThat(request.headers().first("X-A")).isEqualTo("a \t b");
		assertThat(request.headers().first("X-B")).isEqualTo("c");
		assertThat(request.headers().first("X-C")).isEmpty();
	}

	@Test
	void decodesValuesAsIso88591() {
		HandshakeRequest request = new HandshakeRequestParser(8192).parse(ByteBuffer
			.wrap(concat(bytes("GET / HTTP/1.1\r\nX-Name: Ren"), new byte[] { (byte) 0xE9, '\r', '\n', '\r', '\n' })));
		assertThat(request.headers().first("X-Name")).isEqualTo("René");
	}

	@Test
	void keepsTheSpellingOfNamesAndTheOrderOfRepeatedFields() {
		HandshakeRequest request = Handshakes
			.request("GET / HTTP/1.1\r\nconnection: keep-alive\r\nX: 1\r\nCONNECTION: Upgrade\r\n\r\n");
		assertThat(request.headers().names()).containsExactly("connection", "X");
		assertThat(request.headers().all("Connection")).containsExactly("keep-alive", "Upgrade");
	}

	@Test
	void parsesAnyTokenMethodAndVersionLeavingTheirCheckToValidation() {
		HandshakeRequest request = Handshakes.request("M-SEARCH * HTTP/1.0\r\n\r\n");
		assertThat(request.method()).isEqualTo("M-SEARCH");
		assertThat(request.target()).isEqualTo("*");
		assertThat(request.version()).isEqualTo("HTTP/1.0");
		assertThat(request.headers().isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /chat HTTP/1.1\nHost: a\r\n\r\n", "GET /chat HTTP/1.1\r\nHost: a\n\r\n",
			"GET /chat HTTP/1.1\r\nHost: a\r\n\n", "\nGET /chat HTTP/1.1\r\n\r\n" })
	void rejectsBareLineFeedWith400(String head) {
		assertRejected(head, 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /chat HTTP/1.1\rHost: a\r\n\r\n", "GET /chat HTTP/1.1\r\nHost: a\r\r\n\r\n",
			"GET /chat HTTP/1.1\r\nHost: a\r\n\rX: b\r\n\r\n", "GET /chat HTTP/1.1\r\n\r\r\n" })
	void rejectsBareCarriageReturnWith400(String head) {
		assertRejected(head, 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\r\n\r\n", "GET\r\n\r\n", "GET /chat\r\n\r\n", "GET /chat HTTP/1.1 \r\n\r\n",
			" GET /chat HTTP/1.1\r\n\r\n", "GET  /chat HTTP/1.1\r\n\r\n", "GET /chat  HTTP/1.1\r\n\r\n",
			"GET\t/chat HTTP/1.1\r\n\r\n", "GET /chat\tHTTP/1.1\r\n\r\n", "GET /my chat HTTP/1.1\r\n\r\n",
			"GET /chat http/1.1\r\n\r\n", "GET /chat HTTP/1\r\n\r\n", "GET /chat HTTP/1.1.1\r\n\r\n",
			"GET /chat HTTP/11.1\r\n\r\n", "GET /chat HTTP/a.1\r\n\r\n", "G(T /chat HTTP/1.1\r\n\r\n",
			"GET /caf\u00e9 HTTP/1.1\r\n\r\n", "GET /chat\u007f HTTP/1.1\r\n\r\n", "GET /\u0000 HTTP/1.1\r\n\r\n" })
	void rejectsMalformedRequestLineWith400(String head) {
		assertRejected(head, 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Host example.com", "Host : example.com", "Host\t: example.com", ": example.com",
			" Host: example.com", "\tHost: example.com", "Ho st: example.com", "Ho\u0000st: a", "H\u00f6st: a",
			"Host: exa\u0000mple.com", "Host: example.com\u0001", "Host: exa\u007fmple.com", "Host: a\u001bb",
			"{Host}: example.com" })
	void rejectsMalformedHeaderLineWith400(String line) {
		assertRejected("GET /chat HTTP/1.1\r\n" + line + "\r\n\r\n", 400);
	}

	@Test
	void rejectsFoldedHeaderLineWith400() {
		assertRejected("GET /chat HTTP/1.1\r\nX-Long: first\r\n second\r\n\r\n", 400);
	}

	@Test
	void acceptsHeadOfExactlyTheMaximumSize() {
		byte[] bytes = bytes(MINIMAL);
		ByteBuffer in = ByteBuffer.wrap(concat(bytes, CLIENT_CLOSE_FRAME));
		assertThat(new HandshakeRequestParser(bytes.length).parse(in)).isEqualTo(Handshakes.request(MINIMAL));
		assertThat(in.remaining()).isEqualTo(CLIENT_CLOSE_FRAME.length);
	}

	@Test
	void rejectsHeadOneByteOverTheMaximumSizeWith431WithoutTakingTheExcessByte() {
		byte[] bytes = bytes(MINIMAL);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> new HandshakeRequestParser(bytes.length - 1).parse(in))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
		assertThat(in.position()).isZero();
	}

	@Test
	void rejectsOversizedHeadFedOneByteAtATimeWith431OnTheFirstExcessByte() {
		byte[] bytes = bytes(MINIMAL);
		HandshakeRequestParser parser = new HandshakeRequestParser(100);
		for (int i = 0; i < 100; i++) {
			assertThat(parser.parse(ByteBuffer.wrap(bytes, i, 1))).isNull();
		}
		ByteBuffer excess = ByteBuffer.wrap(bytes, 100, 1);
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> parser.parse(excess))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
		assertThat(excess.remaining()).isOne();
	}

	@Test
	void rejectsHeadThatNeverEndsWith431() {
		ByteBuffer in = ByteBuffer.wrap(bytes("GET /" + "a".repeat(10_000)));
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> new HandshakeRequestParser(8192).parse(in))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
	}

	@Test
	void refusesToParseAgainAfterReturningTheRequest() {
		HandshakeRequestParser parser = new HandshakeRequestParser(8192);
		parser.parse(buffer(MINIMAL));
		assertThatIllegalStateException().isThrownBy(() -> parser.parse(buffer(MINIMAL)));
	}

	@Test
	void refusesToParseAgainAfterRejectingTheRequest() {
		HandshakeRequestParser parser = new HandshakeRequestParser(8192);
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> parser.parse(buffer("GET /\n")));
		assertThatIllegalStateException().isThrownBy(() -> parser.parse(buffer(MINIMAL)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void rejectsMaximumSizeBelowOne(int maxHeadSize) {
		assertThatIllegalArgumentException().isThrownBy(() -> new HandshakeRequestParser(maxHeadSize));
	}

	private static void assertRejected(String head, int status) {
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> new HandshakeRequestParser(8192).parse(buffer(head)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status));
	}

}
