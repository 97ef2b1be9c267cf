package dev.wsboot.protocol.handshake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.handshake.Handshakes.ACCEPTANCE;
import static dev.wsboot.protocol.handshake.Handshakes.bytes;
import static dev.wsboot.protocol.handshake.Handshakes.minimalWith;
import static dev.wsboot.protocol.handshake.Handshakes.request;
import static dev.wsboot.protocol.handshake.Handshakes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandshakeResponsesTests {

	@Test
	void writesAcceptanceWithoutSubprotocolOrExtensions() {
		assertThat(HandshakeResponses.accept("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", null, null))
			.containsExactly(bytes(ACCEPTANCE));
	}

	@Test
	void writesAcceptanceWithSubprotocolAndExtensions() {
		assertThat(text(HandshakeResponses.accept("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "chat",
				"permessage-deflate; server_no_context_takeover")))
			.isEqualTo("""
					HTTP/1.1 101 Switching Protocols\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
					Sec-WebSocket-Protocol: chat\r
					Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r
					\r
					""");
	}

	@Test
	void refusesSubprotocolThatIsNotAToken() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HandshakeResponses.accept("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "chat, v2", null));
	}

	@Test
	void refusesExtensionsThatWouldInjectAHeader() {
		assertThatIllegalArgumentException().isThrownBy(() -> HandshakeResponses.accept("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
				null, "permessage-deflate\r\nSet-Cookie: a=b"));
	}

	@Test
	void writesRejectionOfVersion8WithUpgradeRequiredAndTheVersionHeader() {
		HandshakeException failure = assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> ServerHandshake
				.validate(request(minimalWith("Sec-WebSocket-Version", "Sec-WebSocket-Version: 8\r\n"))))
			.actual();
		assertThat(text(HandshakeResponses.reject(failure))).isEqualTo("""
				HTTP/1.1 426 Upgrade Required\r
				Connection: Upgrade, close\r
				Content-Type: text/plain; charset=utf-8\r
				Content-Length: 32\r
				Upgrade: websocket\r
				Sec-WebSocket-Version: 13\r
				\r
				Sec-WebSocket-Version must be 13""");
	}

	@Test
	void writesRejectionWithStatusReasonPhraseAndBody() {
		assertThat(text(HandshakeResponses.reject(400, "Malformed request line"))).isEqualTo("""
				HTTP/1.1 400 Bad Request\r
				Connection: close\r
				Content-Type: text/plain; charset=utf-8\r
				Content-Length: 22\r
				\r
				Malformed request line""");
	}

	@Test
	void writesRejectionWithoutBodyForNullMessage() {
		assertThat(text(HandshakeResponses.reject(503, null))).isEqualTo("""
				HTTP/1.1 503 Service Unavailable\r
				Connection: close\r
				Content-Type: text/plain; charset=utf-8\r
				Content-Length: 0\r
				\r
				""");
	}

	@Test
	void countsBodyLengthInUtf8Bytes() {
		byte[] response = HandshakeResponses.reject(403, "Accès refusé");
		assertThat(text(response)).contains("Content-Length: 14\r\n");
		assertThat(response).endsWith(0x41, 0x63, 0x63, 0xC3, 0xA8, 0x73, 0x20, 0x72, 0x65, 0x66, 0x75, 0x73, 0xC3,
				0xA9);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			400 | HTTP/1.1 400 Bad Request
			401 | HTTP/1.1 401 Unauthorized
			403 | HTTP/1.1 403 Forbidden
			404 | HTTP/1.1 404 Not Found
			405 | HTTP/1.1 405 Method Not Allowed
			408 | HTTP/1.1 408 Request Timeout
			426 | HTTP/1.1 426 Upgrade Required
			429 | HTTP/1.1 429 Too Many Requests
			431 | HTTP/1.1 431 Request Header Fields Too Large
			500 | HTTP/1.1 500 Internal Server Error
			503 | HTTP/1.1 503 Service Unavailable
			""")
	void startsRejectionWithTheStatusAndItsReasonPhrase(int status, String statusLine) {
		assertThat(text(HandshakeResponses.reject(status, "x"))).startsWith(statusLine + "\r\nConnection: close\r\n");
	}

	@Test
	void writesEmptyReasonPhraseForOtherStatuses() {
		assertThat(text(HandshakeResponses.reject(418, "x"))).startsWith("HTTP/1.1 418 \r\n");
	}

	@ParameterizedTest
	@ValueSource(ints = { 101, 200, 302, 399, 600 })
	void refusesStatusesThatAreNotErrors(int status) {
		assertThatIllegalArgumentException().isThrownBy(() -> HandshakeResponses.reject(status, "x"));
	}

	@Test
	void writesExtraHeadersOfTheFailureButNotFramingHeaders() {
		HandshakeException failure = new HandshakeException(401, "Log in first",
				HttpHeaders.builder()
					.add("WWW-Authenticate", "Bearer")
					.add("Content-Length", "999")
					.add("connection", "keep-alive")
					.add("Transfer-Encoding", "chunked")
					.add("Content-Type", "text/html")
					.build());
		assertThat(text(HandshakeResponses.reject(failure))).isEqualTo("""
				HTTP/1.1 401 Unauthorized\r
				Connection: close\r
				Content-Type: text/plain; charset=utf-8\r
				Content-Length: 12\r
				WWW-Authenticate: Bearer\r
				\r
				Log in first""");
	}

	@Test
	void writesRejectionOfOversizedHeadWith431() {
		HandshakeException failure = assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> new HandshakeRequestParser(10).parse(Handshakes.buffer(Handshakes.MINIMAL)))
			.actual();
		assertThat(text(HandshakeResponses.reject(failure)))
			.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
	}

}
