package dev.wsboot.protocol.handshake;

import java.util.List;
import java.util.Set;

import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.extension.ExtensionOffer.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.handshake.Handshakes.CHROMIUM;
import static dev.wsboot.protocol.handshake.Handshakes.FIREFOX;
import static dev.wsboot.protocol.handshake.Handshakes.MINIMAL;
import static dev.wsboot.protocol.handshake.Handshakes.minimalWith;
import static dev.wsboot.protocol.handshake.Handshakes.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerHandshakeTests {

	@Test
	void computesAcceptKeyOfRfc6455Section13() {
		assertThat(ServerHandshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void computesAcceptKeyOfASecondKey() {
		// Verified with openssl: base64 of the SHA-1 of the key and the GUID.
		assertThat(ServerHandshake.acceptKey("sN9cRrP/n9NdMgdcy2VJFQ==")).isEqualTo("fFBooB7FAkLlXgRSz0BT3v4hq5s=");
	}

	@Test
	void returnsKeyOfValidBrowserHandshakes() {
		assertThat(ServerHandshake.validate(request(CHROMIUM))).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
		assertThat(ServerHandshake.validate(request(FIREFOX))).isEqualTo("sN9cRrP/n9NdMgdcy2VJFQ==");
		assertThat(ServerHandshake.validate(request(MINIMAL))).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Connection: keep-alive, Upgrade\r\n", "Connection: UPGRADE\r\n",
			"Connection: keep-alive\r\nConnection: upgrade\r\n", "Connection: ,upgrade ,\r\n" })
	void acceptsConnectionListingUpgradeInAnyCaseAndPlace(String connection) {
		assertThat(ServerHandshake.validate(request(minimalWith("Connection", connection))))
			.isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Upgrade: WebSocket\r\n", "Upgrade: h2c, websocket\r\n" })
	void acceptsUpgradeListingWebsocketInAnyCase(String upgrade) {
		assertThat(ServerHandshake.validate(request(minimalWith("Upgrade", upgrade))))
			.isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@Test
	void acceptsEmptyContentLength() {
		assertThat(ServerHandshake.validate(request(minimalWith("Host", "Host: example.com\r\nContent-Length: 0\r\n"))))
			.isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@Test
	void acceptsLaterHttpVersion() {
		assertThat(ServerHandshake.validate(request(MINIMAL.replace("HTTP/1.1", "HTTP/1.2"))))
			.isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "HEAD", "get", "CONNECT" })
	void rejectsMethodOtherThanGetWith400(String method) {
		assertRejectedWith400(MINIMAL.replace("GET", method));
	}

	@Test
	void rejectsHttp10With400() {
		assertRejectedWith400(MINIMAL.replace("HTTP/1.1", "HTTP/1.0"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "http://example.com/chat", "example.com:80", "/chat#room", "chat" })
	void rejectsTargetThatIsNotAPathWith400(String target) {
		assertRejectedWith400(MINIMAL.replace("/chat", target));
	}

	@Test
	void rejectsMissingHostWith400() {
		assertRejectedWith400(minimalWith("Host", ""));
	}

	@Test
	void rejectsRepeatedHostWith400() {
		assertRejectedWith400(minimalWith("Host", "Host: example.com\r\nHost: example.org\r\n"));
	}

	@Test
	void rejectsEmptyHostWith400() {
		assertRejectedWith400(minimalWith("Host", "Host:\r\n"));
	}

	@Test
	void rejectsMissingUpgradeHeaderWith400() {
		assertRejectedWith400(minimalWith("Upgrade", ""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Upgrade: h2c\r\n", "Upgrade: websocket/13\r\n", "Upgrade: web socket\r\n" })
	void rejectsUpgradeNotListingWebsocketWith400(String upgrade) {
		assertRejectedWith400(minimalWith("Upgrade", upgrade));
	}

	@Test
	void rejectsMissingConnectionHeaderWith400() {
		assertRejectedWith400(minimalWith("Connection", ""));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "Connection: keep-alive\r\n", "Connection: close\r\n", "Connection: upgrade-insecure\r\n" })
	void rejectsConnectionNotListingUpgradeWith400(String connection) {
		assertRejectedWith400(minimalWith("Connection", connection));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Content-Length: 5\r\n", "Content-Length: 0\r\nContent-Length: 0\r\n",
			"Transfer-Encoding: chunked\r\n" })
	void rejectsRequestWithBodyWith400(String framing) {
		assertRejectedWith400(minimalWith("Host", "Host: example.com\r\n" + framing));
	}

	@Test
	void rejectsVersion8With426NamingVersion13() {
		HandshakeException failure = rejection(minimalWith("Sec-WebSocket-Version", "Sec-WebSocket-Version: 8\r\n"));
		assertThat(failure.status()).isEqualTo(426);
		assertThat(failure.headers())
			.isEqualTo(HttpHeaders.builder().add("Upgrade", "websocket").add("Sec-WebSocket-Version", "13").build());
	}

	@Test
	void rejectsMissingVersionWith426NamingVersion13() {
		HandshakeException failure = rejection(minimalWith("Sec-WebSocket-Version", ""));
		assertThat(failure.status()).isEqualTo(426);
		assertThat(failure.headers().first("Sec-WebSocket-Version")).isEqualTo("13");
	}

	@Test
	void rejectsVersionListWith426() {
		assertThat(rejection(minimalWith("Sec-WebSocket-Version", "Sec-WebSocket-Version: 13, 8\r\n")).status())
			.isEqualTo(426);
	}

	@Test
	void rejectsRepeatedVersionWith400() {
		assertRejectedWith400(
				minimalWith("Sec-WebSocket-Version", "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Version: 13\r\n"));
	}

	@Test
	void rejectsMissingKeyWith400() {
		assertRejectedWith400(minimalWith("Sec-WebSocket-Key", ""));
	}

	@Test
	void rejectsRepeatedKeyWith400() {
		assertRejectedWith400(minimalWith("Sec-WebSocket-Key",
				"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Key: sN9cRrP/n9NdMgdcy2VJFQ==\r\n"));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// 15 bytes, 17 bytes, no padding, not base64, URL-safe alphabet, misplaced
			// padding, empty
			"dGhlIHNhbXBsZSBub25j", "dGhlIHNhbXBsZSBub25jZWVl", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZ!==",
			"sN9cRrP_n9NdMgdcy2VJFQ==", "dGhlIHNhbXBsZSBub25j=Q==", "" })
	void rejectsKeyThatIsNot16BytesInBase64With400(String key) {
		assertRejectedWith400(minimalWith("Sec-WebSocket-Key", "Sec-WebSocket-Key: " + key + "\r\n"));
	}

	@Test
	void listsOfferedSubprotocolsInClientOrderAcrossRepeatedHeaders() {
		HandshakeRequest request = request(minimalWith("Host",
				"Host: example.com\r\nSec-WebSocket-Protocol: v2.chat, chat\r\nSec-WebSocket-Protocol: superchat\r\n"));
		assertThat(ServerHandshake.offeredSubprotocols(request)).containsExactly("v2.chat", "chat", "superchat");
	}

	@Test
	void listsNoSubprotocolsWhenNoneAreOffered() {
		assertThat(ServerHandshake.offeredSubprotocols(request(MINIMAL))).isEmpty();
	}

	@Test
	void rejectsOfferedSubprotocolThatIsNotATokenWith400() {
		HandshakeRequest request = request(minimalWith("Host", "Host: a\r\nSec-WebSocket-Protocol: chat, v2 chat\r\n"));
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> ServerHandshake.offeredSubprotocols(request))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void selectsTheClientsFirstChoiceThatTheServerSupports() {
		List<String> offered = List.of("v3.chat", "v2.chat", "chat");
		assertThat(ServerHandshake.selectSubprotocol(offered, List.of("chat", "v2.chat"))).isEqualTo("v2.chat");
		assertThat(ServerHandshake.selectSubprotocol(offered, Set.of("chat"))).isEqualTo("chat");
	}

	@Test
	void selectsNoSubprotocolWhenTheServerSupportsNoneOffered() {
		assertThat(ServerHandshake.selectSubprotocol(List.of("v3.chat"), List.of("chat"))).isNull();
	}

	@Test
	void selectsNoSubprotocolWhenNoneIsOffered() {
		assertThat(ServerHandshake.selectSubprotocol(List.of(), List.of("chat"))).isNull();
	}

	@Test
	void selectsSubprotocolsByExactName() {
		assertThat(ServerHandshake.selectSubprotocol(List.of("Chat"), List.of("chat"))).isNull();
	}

	@Test
	void listsOfferedExtensionsAcrossRepeatedHeaders() {
		HandshakeRequest request = request(minimalWith("Host", "Host: a\r\n"
				+ "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=\"10\", x-webkit-deflate-frame\r\n"
				+ "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
		assertThat(ServerHandshake.offeredExtensions(request)).containsExactly(
				new ExtensionOffer("permessage-deflate", List.of(new Parameter("client_max_window_bits", "10"))),
				new ExtensionOffer("x-webkit-deflate-frame", List.of()),
				new ExtensionOffer("permessage-deflate", List.of()));
	}

	@Test
	void listsNoExtensionsWhenNoneAreOffered() {
		assertThat(ServerHandshake.offeredExtensions(request(MINIMAL))).isEmpty();
	}

	@Test
	void rejectsMalformedExtensionOfferWith400() {
		HandshakeRequest request = request(minimalWith("Host", "Host: a\r\nSec-WebSocket-Extensions: a;\r\n"));
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> ServerHandshake.offeredExtensions(request))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	private static void assertRejectedWith400(String head) {
		HandshakeException failure = rejection(head);
		assertThat(failure.status()).isEqualTo(400);
		assertThat(failure.headers().isEmpty()).isTrue();
	}

	private static HandshakeException rejection(String head) {
		HandshakeRequest request = request(head);
		return assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> ServerHandshake.validate(request))
			.actual();
	}

}
