package dev.wsboot.protocol.fuzz;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.handshake.HandshakeException;
import dev.wsboot.protocol.handshake.HandshakeRequest;
import dev.wsboot.protocol.handshake.HandshakeRequestParser;
import dev.wsboot.protocol.handshake.HandshakeResponses;
import dev.wsboot.protocol.handshake.HttpSyntax;
import dev.wsboot.protocol.handshake.ServerHandshake;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the server's side of the opening handshake: {@link HandshakeRequestParser} fed a
 * fuzzed stream in fuzzed chunks (see {@link Chunked}; its parameter byte sets the head
 * limit, {@code 1 + 8 * parameter} bytes), then {@link ServerHandshake#validate}, the
 * offered subprotocols and extensions, and the response. Every input must end in a
 * request, a need for more bytes, or a {@link HandshakeException} with a 4xx status the
 * server can answer with; the parser must consume exactly the head and never more than
 * its limit, and cutting the stream differently must not change the outcome.
 * <p>
 * Regression inputs are in {@code HandshakeFuzzTestsInputs/fuzzHandshake} among the test
 * resources; {@code JAZZER_FUZZ=1} fuzzes. An input must be done within the timeout,
 * which is also the limit per input when fuzzing.
 */
class HandshakeFuzzTests {

	private static final byte[] END_OF_HEAD = { '\r', '\n', '\r', '\n' };

	private static final Set<Integer> PARSE_STATUSES = Set.of(400, 431);

	private static final Field HEAD = field(HandshakeRequestParser.class, "head");

	private static final Field HEAD_BYTES = field(HEAD.getType(), "bytes");

	@Timeout(10)
	@FuzzTest
	void fuzzHandshake(byte[] input) {
		Chunked chunked = Chunked.of(input);
		int maxHeadSize = 1 + 8 * chunked.parameter();
		Outcome inChunks = parse(chunked.buffers(), maxHeadSize);
		Outcome whole = parse(List.of(chunked.whole()), maxHeadSize);
		assertThat(inChunks.request()).as("request in chunks versus whole").isEqualTo(whole.request());
		assertThat(inChunks.status()).as("status in chunks versus whole").isEqualTo(whole.status());
		byte[] stream = chunked.stream();
		int headEnd = indexOf(stream, END_OF_HEAD);
		headEnd = (headEnd < 0) ? -1 : headEnd + END_OF_HEAD.length;
		assertThat(inChunks.consumed()).as("bytes taken").isLessThanOrEqualTo(maxHeadSize);
		if (inChunks.request() != null) {
			assertThat(inChunks.consumed()).as("bytes taken for a request").isEqualTo(headEnd);
			checkRequest(inChunks.request());
		}
		else if (inChunks.status() == 0) {
			assertThat(headEnd).as("a complete head never needs more bytes").isEqualTo(-1);
			assertThat(inChunks.consumed()).as("bytes taken while incomplete").isEqualTo(stream.length);
		}
		else if (inChunks.status() == 431) {
			assertThat(stream.length).as("stream refused for its size").isGreaterThan(maxHeadSize);
			assertThat(headEnd).as("end of a head refused for its size")
				.satisfiesAnyOf((end) -> assertThat(end).isEqualTo(-1),
						(end) -> assertThat(end).isGreaterThan(maxHeadSize));
		}
	}

	private static void checkRequest(HandshakeRequest request) {
		assertThat(HttpSyntax.isToken(request.method())).as("method is a token").isTrue();
		assertThat(request.target().chars().allMatch((c) -> c > ' ' && c < 0x7F)).as("target is visible ASCII")
			.isTrue();
		assertThat(request.version()).matches("HTTP/[0-9]\\.[0-9]");
		request.path();
		request.query();
		String key;
		try {
			key = ServerHandshake.validate(request);
		}
		catch (HandshakeException ex) {
			assertThat(ex.status()).as("status of a refused handshake").isIn(400, 426);
			checkRejection(ex);
			return;
		}
		assertThat(key).hasSize(24);
		String accept = ServerHandshake.acceptKey(key);
		String subprotocol = null;
		try {
			List<String> subprotocols = ServerHandshake.offeredSubprotocols(request);
			subprotocol = ServerHandshake.selectSubprotocol(subprotocols, subprotocols);
		}
		catch (HandshakeException ex) {
			assertThat(ex.status()).as("status for bad subprotocols").isEqualTo(400);
			checkRejection(ex);
		}
		try {
			for (ExtensionOffer offer : ServerHandshake.offeredExtensions(request)) {
				assertThat(ExtensionOffer.parse(offer.toHeaderValue())).as("offer formatted and parsed again")
					.containsExactly(offer);
			}
		}
		catch (HandshakeException ex) {
			assertThat(ex.status()).as("status for bad extensions").isEqualTo(400);
			checkRejection(ex);
		}
		byte[] response = HandshakeResponses.accept(accept, subprotocol, null);
		assertThat(new String(response, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 101 ").endsWith("\r\n\r\n");
	}

	private static void checkRejection(HandshakeException ex) {
		byte[] response = HandshakeResponses.reject(ex);
		assertThat(new String(response, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 " + ex.status() + " ");
	}

	/**
	 * Feeds the chunks to a new parser until it returns the request, throws or runs out
	 * of chunks, checking that it takes bytes only up to the end of the head and leaves
	 * each buffer's padding alone.
	 */
	private static Outcome parse(List<ByteBuffer> chunks, int maxHeadSize) {
		HandshakeRequestParser parser = new HandshakeRequestParser(maxHeadSize);
		int consumed = 0;
		for (ByteBuffer chunk : chunks) {
			int before = chunk.position();
			int limit = chunk.limit();
			try {
				HandshakeRequest request = parser.parse(chunk);
				assertThat(bufferedBytes(parser)).as("bytes buffered").isLessThanOrEqualTo(maxHeadSize);
				consumed += chunk.position() - before;
				assertThat(chunk.limit()).as("limit").isEqualTo(limit);
				assertThat(Chunked.paddingIntact(chunk, before, limit)).as("padding intact").isTrue();
				if (request != null) {
					return new Outcome(request, 0, consumed);
				}
				assertThat(chunk.hasRemaining()).as("bytes left in a chunk while the head is incomplete").isFalse();
			}
			catch (HandshakeException ex) {
				consumed += chunk.position() - before;
				assertThat(ex.status()).as("status of a malformed head").isIn(PARSE_STATUSES);
				checkRejection(ex);
				return new Outcome(null, ex.status(), consumed);
			}
		}
		return new Outcome(null, 0, consumed);
	}

	/** The size of the array the parser gathers the head in. */
	private static int bufferedBytes(HandshakeRequestParser parser) {
		try {
			return ((byte[]) HEAD_BYTES.get(HEAD.get(parser))).length;
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Field field(Class<?> type, String name) {
		try {
			Field field = type.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException(type.getSimpleName() + " has no field " + name + ": update this fuzz test",
					ex);
		}
	}

	private static int indexOf(byte[] bytes, byte[] pattern) {
		outer: for (int i = 0; i + pattern.length <= bytes.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (bytes[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * What feeding a stream to a parser came to.
	 *
	 * @param request the request, or {@code null} if there was none
	 * @param status the status of the failure, or 0 if there was none
	 * @param consumed how many bytes the parser took; after a failure, from the chunks
	 * before the one it failed on
	 */
	record Outcome(HandshakeRequest request, int status, int consumed) {

	}

}
