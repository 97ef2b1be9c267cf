package dev.wsboot.protocol.handshake;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.handshake.Handshakes.ACCEPTANCE;
import static dev.wsboot.protocol.handshake.Handshakes.buffer;
import static dev.wsboot.protocol.handshake.Handshakes.bytes;
import static dev.wsboot.protocol.handshake.Handshakes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HandshakeResponseParserTests {

	/** An unmasked text frame saying "Hi", as a server's first frame might be. */
	private static final byte[] SERVER_TEXT_FRAME = { (byte) 0x81, 0x02, 'H', 'i' };

	@Test
	void parsesAcceptanceWhole() {
		ByteBuffer in = buffer(ACCEPTANCE);
		HandshakeResponse response = new HandshakeResponseParser(8192).parse(in);
		assertThat(response.version()).isEqualTo("HTTP/1.1");
		assertThat(response.status()).isEqualTo(101);
		assertThat(response.reason()).isEqualTo("Switching Protocols");
		assertThat(response.headers()).isEqualTo(HttpHeaders.builder()
			.add("Upgrade", "websocket")
			.add("Connection", "Upgrade")
			.add("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
			.build());
		assertThat(in.remaining()).isZero();
	}

	@Test
	void parsesAcceptanceSplitAtEveryPointLeavingFrameBytesInTheBuffer() {
		byte[] bytes = concat(bytes(ACCEPTANCE), SERVER_TEXT_FRAME);
		int headLength = bytes(ACCEPTANCE).length;
		HandshakeResponse whole = Handshakes.response(ACCEPTANCE);
		for (int split = 0; split < headLength; split++) {
			HandshakeResponseParser parser = new HandshakeResponseParser(8192);
			assertThat(parser.parse(ByteBuffer.wrap(bytes, 0, split))).isNull();
			ByteBuffer second = ByteBuffer.wrap(bytes, split, bytes.length - split);
			assertThat(parser.parse(second)).as("split at %d", split).isEqualTo(whole);
			assertThat(second.position()).isEqualTo(headLength);
			assertThat(second.remaining()).isEqualTo(SERVER_TEXT_FRAME.length);
		}
	}

	@Test
	void parsesAcceptanceFedOneByteAtATime() {
		byte[] bytes = bytes(ACCEPTANCE);
		HandshakeResponseParser parser = new HandshakeResponseParser(8192);
		for (int i = 0; i < bytes.length - 1; i++) {
			assertThat(parser.parse(ByteBuffer.wrap(bytes, i, 1))).isNull();
		}
		assertThat(parser.parse(ByteBuffer.wrap(bytes, bytes.length - 1, 1)))
			.isEqualTo(Handshakes.response(ACCEPTANCE));
	}

	@Test
	void parsesRefusalWithItsStatusAndReason() {
		HandshakeResponse response = Handshakes
			.response("HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n\r\n");
		assertThat(response.status()).isEqualTo(426);
		assertThat(response.reason()).isEqualTo("Upgrade Required");
		assertThat(response.headers().first("Sec-WebSocket-Version")).isEqualTo("13");
	}

	@Test
	void parsesStatusLineWithoutReasonPhrase() {
		assertThat(Handshakes.response("HTTP/1.1 101\r\n\r\n").reason()).isEmpty();
		assertThat(Handshakes.response("HTTP/1.1 101 \r\n\r\n").reason()).isEmpty();
		assertThat(Handshakes.response("HTTP/1.1 101\r\n\r\n").status()).isEqualTo(101);
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP/1.1 1010 Switching Protocols", "HTTP/1.1 10 Switching Protocols",
			"HTTP/1.1  101 Switching Protocols", "HTTP/1.1\t101 Switching Protocols",
			"HTTP/1.1 1O1 Switching Protocols", "ICY 200 OK", "HTTP/1 101 Switching Protocols", "HTTP/1.1",
			"HTTP/1.1 101 Switching\u0000Protocols", "" })
	void rejectsMalformedStatusLineWith400(String statusLine) {
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> new HandshakeResponseParser(8192).parse(buffer(statusLine + "\r\n\r\n")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void rejectsMalformedHeaderLineWith400() {
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> new HandshakeResponseParser(8192)
				.parse(buffer("HTTP/1.1 101 Switching Protocols\r\nUpgrade websocket\r\n\r\n")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void acceptsHeadOfExactlyTheMaximumSizeAndRejectsOneByteMoreWith431() {
		int size = bytes(ACCEPTANCE).length;
		assertThat(new HandshakeResponseParser(size).parse(buffer(ACCEPTANCE))).isNotNull();
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> new HandshakeResponseParser(size - 1).parse(buffer(ACCEPTANCE)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
	}

	@Test
	void refusesToParseAgainAfterReturningTheResponse() {
		HandshakeResponseParser parser = new HandshakeResponseParser(8192);
		parser.parse(buffer(ACCEPTANCE));
		assertThatIllegalStateException().isThrownBy(() -> parser.parse(buffer(ACCEPTANCE)));
	}

}
