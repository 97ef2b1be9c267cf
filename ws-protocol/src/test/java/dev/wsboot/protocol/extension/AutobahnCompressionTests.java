package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import dev.wsboot.protocol.BufferKind;
import dev.wsboot.protocol.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Autobahn|Testsuite cases 12 and 13 ask of a server, played out without a socket.
 * Its client (autobahn-python's PerMessageDeflateOffer) always offers
 * {@code client_no_context_takeover; client_max_window_bits}, and cases 13.2 to 13.7 add
 * {@code server_no_context_takeover} and {@code server_max_window_bits} of 8 or 15; case
 * 12 and 13.1 offer the default. Every case then has the server echo messages of 16 bytes
 * to 128 KiB, fragmented or not. Each offer must be accepted, or the case reports the
 * extension unimplemented.
 */
class AutobahnCompressionTests {

	private static final String DEFAULT_OFFER = "permessage-deflate; client_no_context_takeover; client_max_window_bits";

	private static final PerMessageDeflateConfig KEEP_CONTEXT = new PerMessageDeflateConfig(true, false, false, 0, 6);

	// Autobahn's MSG_SIZES: payload length and auto-fragment size (0 for none).
	private static final int[][] SIZES = { { 16, 0 }, { 64, 0 }, { 256, 0 }, { 1024, 0 }, { 4096, 0 }, { 8192, 0 },
			{ 16384, 0 }, { 32768, 0 }, { 65536, 0 }, { 131072, 0 }, { 8192, 256 }, { 16384, 256 }, { 32768, 256 },
			{ 65536, 256 }, { 131072, 256 }, { 131072, 1024 }, { 131072, 4096 }, { 131072, 32768 } };

	private static final int MESSAGES_PER_SIZE = 2;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					12.x, 13.1 | ''                                                 | permessage-deflate; server_no_context_takeover; client_no_context_takeover                             | permessage-deflate; client_no_context_takeover
					13.2       | ; server_no_context_takeover                       | permessage-deflate; server_no_context_takeover; client_no_context_takeover                             | permessage-deflate; server_no_context_takeover; client_no_context_takeover
					13.3       | ; server_max_window_bits=8                         | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8  | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8
					13.4       | ; server_max_window_bits=15                        | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15 | permessage-deflate; client_no_context_takeover; server_max_window_bits=15
					13.5       | ; server_no_context_takeover; server_max_window_bits=8  | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8  | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8
					13.6       | ; server_no_context_takeover; server_max_window_bits=15 | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15 | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15
					""")
	void acceptsEveryOfferOfCases12And13(String cases, String extraParameters, String withDefaults,
			String keepingContext) {
		String offer = DEFAULT_OFFER + extraParameters;
		assertThat(negotiate(offer, PerMessageDeflateConfig.DEFAULTS).toHeaderValue()).isEqualTo(withDefaults);
		assertThat(negotiate(offer, KEEP_CONTEXT).toHeaderValue()).isEqualTo(keepingContext);
	}

	@Test
	void acceptsTheFirstOfTheThreeOffersOfCase13_7() {
		String offers = DEFAULT_OFFER + "; server_no_context_takeover; server_max_window_bits=8, " + DEFAULT_OFFER
				+ "; server_no_context_takeover, " + DEFAULT_OFFER;
		assertThat(negotiate(offers, KEEP_CONTEXT).toHeaderValue()).isEqualTo(
				"permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=8");
	}

	static Stream<Arguments> echoes() {
		List<Arguments> echoes = new ArrayList<>();
		String[] extras = { "", "; server_no_context_takeover", "; server_max_window_bits=8",
				"; server_max_window_bits=15", "; server_no_context_takeover; server_max_window_bits=8" };
		for (String extra : extras) {
			for (PerMessageDeflateConfig config : List.of(PerMessageDeflateConfig.DEFAULTS, KEEP_CONTEXT)) {
				for (boolean binary : List.of(false, true)) {
					echoes.add(Arguments.of(DEFAULT_OFFER + extra, config, binary));
				}
			}
		}
		return echoes.stream();
	}

	@ParameterizedTest(name = "{0}, {1}, binary {2}")
	@MethodSource("echoes")
	void echoesMessagesOfEverySizeAsAutobahnSendsThem(String offer, PerMessageDeflateConfig config, boolean binary) {
		Random random = new Random(offer.hashCode() * 31L + config.hashCode() + (binary ? 1 : 0));
		PerMessageDeflateParameters terms = negotiate(offer, config);
		DeflatePool pool = new DeflatePool(config.compressionLevel(), 2);
		PerMessageDeflate server = PerMessageDeflate.create(Role.SERVER, terms, config, pool);
		// Autobahn's client works by the response; it compresses at zlib's default level.
		PerMessageDeflate client = PerMessageDeflate.create(Role.CLIENT, terms,
				new PerMessageDeflateConfig(true, false, false, 0, 6), null);
		// Autobahn cuts consecutive slices from one data file: JSON, or a picture.
		byte[] data = binary ? DeflateSamples.incompressible(random, 300_000) : DeflateSamples.text(random, 300_000);
		int windowLimit = (terms.serverMaxWindowBits() != 0) ? 1 << terms.serverMaxWindowBits() : Integer.MAX_VALUE;
		int from = 0;
		for (int[] size : SIZES) {
			for (int i = 0; i < MESSAGES_PER_SIZE; i++) {
				byte[] message = Arrays.copyOfRange(data, from, from + size[0]);
				from = (from + size[0]) % (data.length - 131072);
				byte[] received = deliver(client, server, message, size[1]);
				assertThat(received).isEqualTo(message);
				ByteBuffer echo = server.encode(ByteBuffer.wrap(received));
				if (echo == null) {
					continue;
				}
				byte[] wire = BufferKind.content(echo);
				if (terms.serverNoContextTakeover()) {
					// Each echo stands alone, as promised, and keeps to the window the
					// client allowed.
					DeflateReader.Decoded decoded = DeflateReader.decode(withTail(wire));
					assertThat(decoded.bytes()).isEqualTo(message);
					assertThat(decoded.farthestReference()).isLessThanOrEqualTo(windowLimit);
				}
				assertThat(decode(client, wire, size[1])).isEqualTo(message);
			}
		}
		server.release();
		client.release();
		pool.close();
	}

	private static byte[] deliver(PerMessageDeflate from, PerMessageDeflate to, byte[] message, int fragmentSize) {
		ByteBuffer compressed = from.encode(ByteBuffer.wrap(message));
		return (compressed != null) ? decode(to, BufferKind.content(compressed), fragmentSize) : message;
	}

	private static byte[] decode(PerMessageDeflate receiver, byte[] wire, int fragmentSize) {
		CollectingSink sink = CollectingSink.keeping();
		int step = (fragmentSize != 0) ? fragmentSize : Math.max(wire.length, 1);
		for (int at = 0; at == 0 || at < wire.length; at += step) {
			int end = Math.min(wire.length, at + step);
			receiver.decode(ByteBuffer.wrap(wire, at, end - at), end == wire.length, sink);
		}
		return sink.bytes();
	}

	private static PerMessageDeflateParameters negotiate(String offers, PerMessageDeflateConfig config) {
		return PerMessageDeflateNegotiation.negotiate(ExtensionOffer.parse(offers), config);
	}

	private static byte[] withTail(byte[] payload) {
		byte[] stream = Arrays.copyOf(payload, payload.length + Compressor.TAIL.length);
		System.arraycopy(Compressor.TAIL, 0, stream, payload.length, Compressor.TAIL.length);
		return stream;
	}

}
