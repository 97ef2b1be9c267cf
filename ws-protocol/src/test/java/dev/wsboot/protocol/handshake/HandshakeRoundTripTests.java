package dev.wsboot.protocol.handshake;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;

import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.extension.ExtensionOffer.Parameter;
import org.junit.jupiter.api.Test;

import static dev.wsboot.protocol.handshake.Handshakes.CLIENT_CLOSE_FRAME;
import static dev.wsboot.protocol.handshake.Handshakes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HandshakeRoundTripTests {

	private static final byte[] SERVER_PING_FRAME = { (byte) 0x89, 0x00 };

	@Test
	void clientAndServerAgreeOnTheServersSubprotocolAmongTheClientsChoices() {
		String key = ClientHandshake.newKey(new SecureRandom());
		List<String> offered = List.of("v3.chat", "v2.chat", "chat");
		byte[] requestBytes = ClientHandshake.request("example.com", "/chat?room=1", key, offered,
				"permessage-deflate; client_max_window_bits",
				HttpHeaders.builder().add("Origin", "http://example.com").build());

		ByteBuffer serverIn = ByteBuffer.wrap(concat(requestBytes, CLIENT_CLOSE_FRAME));
		HandshakeRequest request = new HandshakeRequestParser(8192).parse(serverIn);
		assertThat(serverIn.remaining()).isEqualTo(CLIENT_CLOSE_FRAME.length);
		assertThat(request.path()).isEqualTo("/chat");
		assertThat(request.query()).isEqualTo("room=1");
		assertThat(request.headers().first("Origin")).isEqualTo("http://example.com");
		String receivedKey = ServerHandshake.validate(request);
		assertThat(receivedKey).isEqualTo(key);
		assertThat(ServerHandshake.offeredExtensions(request)).containsExactly(
				new ExtensionOffer("permessage-deflate", List.of(new Parameter("client_max_window_bits", null))));
		String subprotocol = ServerHandshake.selectSubprotocol(ServerHandshake.offeredSubprotocols(request),
				List.of("chat", "v2.chat"));
		byte[] responseBytes = HandshakeResponses.accept(ServerHandshake.acceptKey(receivedKey), subprotocol,
				"permessage-deflate");

		ByteBuffer clientIn = ByteBuffer.wrap(concat(responseBytes, SERVER_PING_FRAME));
		HandshakeResponse response = new HandshakeResponseParser(8192).parse(clientIn);
		assertThat(clientIn.remaining()).isEqualTo(SERVER_PING_FRAME.length);
		assertThat(ClientHandshake.validate(response, key, offered)).isEqualTo("v2.chat");
		assertThat(ExtensionOffer.parse(response.headers().first("Sec-WebSocket-Extensions")))
			.containsExactly(new ExtensionOffer("permessage-deflate", List.of()));
	}

	@Test
	void clientLearnsTheServersRefusalAndItsStatus() {
		byte[] requestBytes = ClientHandshake.request("example.com", "/chat",
				ClientHandshake.newKey(new SecureRandom()), List.of(), null, HttpHeaders.empty());
		HandshakeRequest request = new HandshakeRequestParser(8192)
			.parse(Handshakes.buffer(Handshakes.text(requestBytes).replace("GET", "PUT")));
		HandshakeException refusal = assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> ServerHandshake.validate(request))
			.actual();

		HandshakeResponse response = new HandshakeResponseParser(8192)
			.parse(ByteBuffer.wrap(HandshakeResponses.reject(refusal)));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.reason()).isEqualTo("Bad Request");
		assertThat(response.headers().first("Content-Length")).isEqualTo("18");
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> ClientHandshake.validate(response, "dGhlIHNhbXBsZSBub25jZQ==", List.of()))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

}
