package dev.wsboot.protocol.handshake;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever bytes arrive, in whatever pieces, the parsers answer with a message, a wish
 * for more bytes or a {@link HandshakeException}, and never take a byte past their limit.
 * Each case draws from a {@link Random} seeded with its number, which a failure reports,
 * so any case can be replayed.
 */
class HandshakeParsingRandomizedTests {

	private static final int CASES = 5000;

	private static final byte[] VALID_REQUEST = Handshakes.bytes(Handshakes.FIREFOX);

	private static final byte[] VALID_RESPONSE = Handshakes
		.bytes(Handshakes.ACCEPTANCE.replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: chat\r\n\r\n"));

	// Pieces of heads, so that random sequences often get past the first line.
	private static final List<String> FRAGMENTS = List.of("GET", "HTTP/1.1", "HTTP/1.0", "101", " ", "/", "?", "\r\n",
			"\r", "\n", "\t", ":", ",", ";", "=", "\"", "\\", "Host", "Upgrade", "websocket", "Connection",
			"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13", "Sec-WebSocket-Protocol",
			"Sec-WebSocket-Extensions", "permessage-deflate", "a", "\u0000", "\u007f", "\u00ff");

	// Bytes that matter to the syntax, drawn more often than chance would.
	private static final byte[] SYNTAX_BYTES = { '\r', '\n', ' ', '\t', ':', ',', ';', '=', '"', 0, 0x7F, (byte) 0xFF };

	private final Map<String, Integer> outcomes = new HashMap<>();

	@Test
	void randomBytesGiveRequestOrHandshakeExceptionWithinTheLimit() {
		forEachCase((random) -> {
			int maxSize = 1 + random.nextInt(600);
			Outcome<HandshakeRequest> outcome = feed(new HandshakeRequestParser(maxSize)::parse, randomHead(random),
					1 + random.nextInt(64), maxSize);
			count(outcome.kind());
			if (outcome.message() != null) {
				count(validate(outcome.message()));
			}
		});
		assertThat(this.outcomes).containsKeys("incomplete", "400", "431");
		assertThat(this.outcomes.get("400")).isGreaterThan(CASES / 10);
	}

	@Test
	void mutatedHandshakesGiveRequestOrHandshakeExceptionWithinTheLimit() {
		forEachCase((random) -> {
			Outcome<HandshakeRequest> outcome = feed(new HandshakeRequestParser(1024)::parse,
					mutate(VALID_REQUEST, random), 1 + random.nextInt(600), 1024);
			count(outcome.kind());
			if (outcome.message() != null) {
				count(validate(outcome.message()));
			}
		});
		assertThat(this.outcomes.get("message")).isGreaterThan(CASES / 10);
		assertThat(this.outcomes.get("400")).isGreaterThan(CASES / 10);
		assertThat(this.outcomes).containsKeys("valid", "invalid 400", "invalid 426");
	}

	@Test
	void randomBytesGiveResponseOrHandshakeExceptionWithinTheLimit() {
		forEachCase((random) -> {
			int maxSize = 1 + random.nextInt(600);
			count(feed(new HandshakeResponseParser(maxSize)::parse, randomHead(random), 1 + random.nextInt(64), maxSize)
				.kind());
		});
		assertThat(this.outcomes).containsKeys("incomplete", "400", "431");
	}

	@Test
	void mutatedResponsesGiveResponseOrHandshakeExceptionWithinTheLimit() {
		forEachCase((random) -> {
			Outcome<HandshakeResponse> outcome = feed(new HandshakeResponseParser(512)::parse,
					mutate(VALID_RESPONSE, random), 1 + random.nextInt(300), 512);
			count(outcome.kind());
			if (outcome.message() != null) {
				try {
					ClientHandshake.validate(outcome.message(), "dGhlIHNhbXBsZSBub25jZQ==", List.of("chat"));
					count("valid");
				}
				catch (HandshakeException ex) {
					assertThat(ex.status()).isEqualTo(outcome.message().status());
					count("invalid");
				}
			}
		});
		assertThat(this.outcomes).containsKeys("message", "400", "valid", "invalid");
	}

	@Test
	void piecesOfAnySizeGiveTheSameRequest() {
		HandshakeRequest whole = Handshakes.request(Handshakes.FIREFOX);
		forEachCase((random) -> {
			HandshakeRequestParser parser = new HandshakeRequestParser(8192);
			HandshakeRequest request = null;
			int offset = 0;
			while (request == null) {
				int length = Math.min(1 + random.nextInt(80), VALID_REQUEST.length - offset);
				request = parser.parse(ByteBuffer.wrap(VALID_REQUEST, offset, length));
				offset += length;
			}
			assertThat(offset).isEqualTo(VALID_REQUEST.length);
			assertThat(request).isEqualTo(whole);
		});
	}

	private static void forEachCase(Consumer<Random> check) {
		for (int seed = 0; seed < CASES; seed++) {
			try {
				check.accept(new Random(seed));
			}
			catch (RuntimeException | AssertionError ex) {
				throw new AssertionError("Case with seed " + seed + " failed", ex);
			}
		}
	}

	private void count(String outcome) {
		this.outcomes.merge(outcome, 1, Integer::sum);
	}

	private static byte[] randomHead(Random random) {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		if (random.nextBoolean()) {
			for (int i = random.nextInt(80); i > 0; i--) {
				head.writeBytes(Handshakes.bytes(FRAGMENTS.get(random.nextInt(FRAGMENTS.size()))));
			}
		}
		else {
			for (int i = random.nextInt(700); i > 0; i--) {
				head.write(randomByte(random));
			}
		}
		return head.toByteArray();
	}

	// Inserts, replaces or deletes a byte, one to six times.
	private static byte[] mutate(byte[] valid, Random random) {
		byte[] mutated = valid;
		for (int i = 1 + random.nextInt(6); i > 0; i--) {
			int at = random.nextInt(mutated.length);
			ByteArrayOutputStream next = new ByteArrayOutputStream(mutated.length + 1);
			next.write(mutated, 0, at);
			switch (random.nextInt(3)) {
				case 0 -> next.write(randomByte(random));
				case 1 -> {
					next.write(randomByte(random));
					at++;
				}
				default -> at++;
			}
			next.write(mutated, at, mutated.length - at);
			mutated = next.toByteArray();
		}
		return mutated;
	}

	private static byte randomByte(Random random) {
		return random.nextBoolean() ? SYNTAX_BYTES[random.nextInt(SYNTAX_BYTES.length)] : (byte) random.nextInt(256);
	}

	/**
	 * Feeds bytes to a parser in pieces until it returns a message or throws, and checks
	 * that it kept to its contract.
	 */
	private static <T> Outcome<T> feed(Function<ByteBuffer, T> parser, byte[] bytes, int pieceSize, int maxSize) {
		int taken = 0;
		for (int offset = 0; offset < bytes.length; offset += pieceSize) {
			ByteBuffer piece = ByteBuffer.wrap(bytes, offset, Math.min(pieceSize, bytes.length - offset));
			T message;
			try {
				message = parser.apply(piece);
			}
			catch (HandshakeException ex) {
				assertThat(ex.status()).as(HexFormat.of().formatHex(bytes)).isIn(400, 431);
				assertThat(taken + piece.position() - offset).isLessThanOrEqualTo(maxSize);
				return new Outcome<>(null, ex);
			}
			taken += piece.position() - offset;
			assertThat(taken).isLessThanOrEqualTo(maxSize);
			if (message != null) {
				assertThat(Handshakes.text(Arrays.copyOfRange(bytes, taken - 4, taken))).isEqualTo("\r\n\r\n");
				return new Outcome<>(message, null);
			}
			assertThat(piece.remaining()).isZero();
		}
		return new Outcome<>(null, null);
	}

	private static String validate(HandshakeRequest request) {
		try {
			ServerHandshake.validate(request);
			ServerHandshake.offeredSubprotocols(request);
			ServerHandshake.offeredExtensions(request);
			return "valid";
		}
		catch (HandshakeException ex) {
			assertThat(ex.status()).isIn(400, 426);
			return "invalid " + ex.status();
		}
	}

	private record Outcome<T>(T message, HandshakeException failure) {

		String kind() {
			if (this.message != null) {
				return "message";
			}
			return (this.failure != null) ? Integer.toString(this.failure.status()) : "incomplete";
		}

	}

}
