package dev.wsboot.protocol.handshake;

import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.handshake.Handshakes.ACCEPTANCE;
import static dev.wsboot.protocol.handshake.Handshakes.response;
import static dev.wsboot.protocol.handshake.Handshakes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientHandshakeTests {

	private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	@Test
	void makesKeysOf16RandomBytesInBase64() {
		Random random = new Random(6455);
		String first = ClientHandshake.newKey(random);
		String second = ClientHandshake.newKey(random);
		assertThat(first).hasSize(24).endsWith("==");
		assertThat(Base64.getDecoder().decode(first)).hasSize(16);
		assertThat(second).isNotEqualTo(first);
		assertThat(ServerHandshake.validate(Handshakes
			.request(Handshakes.minimalWith("Sec-WebSocket-Key", "Sec-WebSocket-Key: " + first + "\r\n"))))
			.isEqualTo(first);
	}

	@Test
	void writesMinimalRequest() {
		assertThat(text(ClientHandshake.request("example.com", "/chat", KEY, List.of(), null, HttpHeaders.empty())))
			.isEqualTo("""
					GET /chat HTTP/1.1\r
					Host: example.com\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
					Sec-WebSocket-Version: 13\r
					\r
					""");
	}

	@Test
	void writesRequestWithSubprotocolsExtensionsAndExtraHeaders() {
		HttpHeaders extra = HttpHeaders.builder()
			.add("Origin", "http://example.com")
			.add("Authorization", "Bearer abc")
			.build();
		assertThat(text(ClientHandshake.request("example.com:8000", "/chat?room=1", KEY, List.of("v2.chat", "chat"),
				"permessage-deflate; client_max_window_bits", extra)))
			.isEqualTo("""
					GET /chat?room=1 HTTP/1.1\r
					Host: example.com:8000\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
					Sec-WebSocket-Version: 13\r
					Sec-WebSocket-Protocol: v2.chat, chat\r
					Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r
					Origin: http://example.com\r
					Authorization: Bearer abc\r
					\r
					""");
	}

	@ParameterizedTest
	@ValueSource(strings = { "chat", "http://example.com/chat", "/my chat", "/caf\u00e9", "/chat\r\nX: 1", "" })
	void refusesTargetThatIsNotAPathOfVisibleAscii(String target) {
		assertThatIllegalArgumentException().isThrownBy(
				() -> ClientHandshake.request("example.com", target, KEY, List.of(), null, HttpHeaders.empty()));
	}

	@Test
	void refusesSubprotocolThatIsNotAToken() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientHandshake.request("example.com", "/", KEY,
				List.of("chat", "v2 chat"), null, HttpHeaders.empty()));
	}

	@Test
	void refusesHostThatWouldInjectAHeader() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> ClientHandshake.request("example.com\r\nX: 1", "/", KEY, List.of(), null, HttpHeaders.empty()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "host", "Upgrade", "CONNECTION", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
			"Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions" })
	void refusesExtraHeaderRepeatingAHandshakeHeader(String name) {
		HttpHeaders extra = HttpHeaders.builder().add(name, "x").build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientHandshake.request("example.com", "/", KEY, List.of(), null, extra));
	}

	@Test
	void acceptsResponseWithoutSubprotocol() {
		assertThat(ClientHandshake.validate(response(ACCEPTANCE), KEY, List.of())).isNull();
	}

	@Test
	void acceptsResponseChoosingNoSubprotocolOfThoseOffered() {
		assertThat(ClientHandshake.validate(response(ACCEPTANCE), KEY, List.of("chat"))).isNull();
	}

	@Test
	void returnsTheSubprotocolTheServerChose() {
		String head = ACCEPTANCE.replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: chat\r\n\r\n");
		assertThat(ClientHandshake.validate(response(head), KEY, List.of("v2.chat", "chat"))).isEqualTo("chat");
	}

	@Test
	void acceptsHeaderValuesInAnyCase() {
		String head = ACCEPTANCE.replace("Upgrade: websocket", "upgrade: WebSocket")
			.replace("Connection: Upgrade", "connection: keep-alive, upgrade");
		assertThat(ClientHandshake.validate(response(head), KEY, List.of())).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 200, 302, 400, 403, 426, 503 })
	void rejectsResponseOtherThan101WithItsStatus(int status) {
		String head = "HTTP/1.1 " + status + " Whatever\r\nContent-Length: 0\r\n\r\n";
		assertRejected(head, List.of(), status);
	}

	@Test
	void rejectsHttp10Response() {
		assertRejected(ACCEPTANCE.replace("HTTP/1.1", "HTTP/1.0"), List.of(), 101);
	}

	@Test
	void rejectsResponseWithoutUpgrade() {
		assertRejected(ACCEPTANCE.replace("Upgrade: websocket\r\n", ""), List.of(), 101);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Upgrade: h2c\r\n", "Upgrade: websocket, h2c\r\n",
			"Upgrade: websocket\r\nUpgrade: websocket\r\n" })
	void rejectsResponseWhoseUpgradeIsNotExactlyWebsocket(String upgrade) {
		assertRejected(ACCEPTANCE.replace("Upgrade: websocket\r\n", upgrade), List.of(), 101);
	}

	@Test
	void rejectsResponseWithoutConnectionUpgrade() {
		assertRejected(ACCEPTANCE.replace("Connection: Upgrade", "Connection: keep-alive"), List.of(), 101);
		assertRejected(ACCEPTANCE.replace("Connection: Upgrade\r\n", ""), List.of(), 101);
	}

	@Test
	void rejectsResponseWithoutAccept() {
		assertRejected(ACCEPTANCE.replace("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", ""), List.of(),
				101);
	}

	@Test
	void rejectsResponseWithMismatchedAccept() {
		assertRejected(ACCEPTANCE.replace("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "fFBooB7FAkLlXgRSz0BT3v4hq5s="), List.of(),
				101);
		assertRejected(ACCEPTANCE.replace("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "S3PPLMBITXAQ9KYGZZHZRBK+XOO="), List.of(),
				101);
	}

	@Test
	void rejectsResponseWithRepeatedAccept() {
		assertRejected(ACCEPTANCE.replace("\r\n\r\n", "\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"),
				List.of(), 101);
	}

	@Test
	void rejectsSubprotocolThatWasNotOffered() {
		String head = ACCEPTANCE.replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: superchat\r\n\r\n");
		assertRejected(head, List.of("chat"), 101);
		assertRejected(head, List.of(), 101);
	}

	@Test
	void rejectsMoreThanOneSubprotocol() {
		assertRejected(ACCEPTANCE.replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: chat, v2.chat\r\n\r\n"),
				List.of("chat", "v2.chat"), 101);
		assertRejected(
				ACCEPTANCE.replace("\r\n\r\n",
						"\r\nSec-WebSocket-Protocol: chat\r\nSec-WebSocket-Protocol: chat\r\n\r\n"),
				List.of("chat"), 101);
	}

	private static void assertRejected(String head, List<String> offeredSubprotocols, int status) {
		HandshakeResponse response = response(head);
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> ClientHandshake.validate(response, KEY, offeredSubprotocols))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status));
	}

}
