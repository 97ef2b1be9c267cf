package dev.wsboot.protocol.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import dev.wsboot.protocol.Reads;
import dev.wsboot.protocol.Hex;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages encoded by {@link FrameEncoder}, read back by a parser and an assembler, in
 * every length form, masked and unmasked, whole and fragmented, with control frames
 * between fragments, fed whole, byte by byte and in random splits. Each case is seeded,
 * so a failure names the seed that reproduces it.
 */
class RoundTripTests {

	private static final int[] EDGE_LENGTHS = { 0, 1, 2, 3, 4, 5, 125, 126, 127, 128, 129, 65535, 65536, 65537 };

	private static final int LIMIT = 1 << 20;

	static Stream<Arguments> unfragmented() {
		return IntStream.of(EDGE_LENGTHS)
			.boxed()
			.flatMap((length) -> Stream.of(Opcode.TEXT, Opcode.BINARY)
				.flatMap((opcode) -> Stream.of(true, false)
					.flatMap((masked) -> Stream.of(Reads.values())
						.map((reads) -> Arguments.of(length, Opcode.name(opcode), masked, reads)))));
	}

	@ParameterizedTest(name = "{0} bytes {1}, masked {2}, {3}")
	@MethodSource("unfragmented")
	void readsBackAnUnfragmentedMessage(int length, String type, boolean masked, Reads reads) {
		Random random = new Random(length * 31L + type.hashCode() + (masked ? 1 : 0));
		Peer peer = new Peer(masked, random);
		peer.message(type.equals("TEXT") ? Opcode.TEXT : Opcode.BINARY, length, 1);
		peer.control(Opcode.PING, random(random, 125));
		peer.assertReadBack(reads, random);
	}

	static LongStream seeds() {
		return LongStream.range(0, 300);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void readsBackRandomlyFragmentedMessagesWithControlFramesBetween(long seed) {
		Random random = new Random(seed);
		Peer peer = new Peer(random.nextBoolean(), random);
		int messages = 1 + random.nextInt(5);
		for (int i = 0; i < messages; i++) {
			int length = random.nextBoolean() ? EDGE_LENGTHS[random.nextInt(EDGE_LENGTHS.length)]
					: random.nextInt(3000);
			peer.message(random.nextBoolean() ? Opcode.TEXT : Opcode.BINARY, length, 1 + random.nextInt(6));
		}
		peer.close();
		peer.assertReadBack(Reads.values()[(int) (seed % 3)], random);
	}

	private static byte[] random(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	/**
	 * Valid UTF-8 of exactly the given length, in characters of one to four bytes.
	 */
	private static byte[] randomUtf8(Random random, int length) {
		StringBuilder text = new StringBuilder();
		int left = length;
		while (left > 0) {
			int size = 1 + random.nextInt(Math.min(4, left));
			int codePoint = switch (size) {
				case 1 -> random.nextInt(0x80);
				case 2 -> 0x80 + random.nextInt(0x800 - 0x80);
				case 3 -> {
					int c = 0x800 + random.nextInt(0x10000 - 0x800 - 0x800);
					yield (c >= 0xD800) ? c + 0x800 : c;
				}
				default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
			};
			text.appendCodePoint(codePoint);
			left -= size;
		}
		byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
		assertThat(utf8).hasSize(length);
		return utf8;
	}

	/**
	 * The sending end: writes frames with a real encoder and notes what the receiving end
	 * should deliver, in order.
	 */
	private static final class Peer {

		private final boolean masked;

		private final Random random;

		private final FrameEncoder encoder;

		private final ByteArrayOutputStream wire = new ByteArrayOutputStream();

		private final List<String> expected = new ArrayList<>();

		Peer(boolean masked, Random random) {
			this.masked = masked;
			this.random = random;
			this.encoder = new FrameEncoder(masked ? Role.CLIENT : Role.SERVER, new Random(random.nextLong()));
		}

		void message(int opcode, int length, int fragments) {
			byte[] payload = (opcode == Opcode.TEXT) ? randomUtf8(this.random, length) : random(this.random, length);
			int[] cuts = this.random.ints(fragments - 1, 0, length + 1).sorted().toArray();
			int from = 0;
			for (int i = 0; i < fragments; i++) {
				int to = (i < cuts.length) ? cuts[i] : length;
				boolean last = i == fragments - 1;
				write(last, (i == 0) ? opcode : Opcode.CONTINUATION, ByteBuffer.wrap(payload, from, to - from));
				if (!last && this.random.nextInt(3) == 0) {
					control(this.random.nextBoolean() ? Opcode.PING : Opcode.PONG,
							random(this.random, this.random.nextInt(126)));
				}
				from = to;
			}
			this.expected.add(
					(opcode == Opcode.TEXT) ? RecordingMessageListener.text(new String(payload, StandardCharsets.UTF_8))
							: RecordingMessageListener.binary(payload));
		}

		void control(int opcode, byte[] payload) {
			write(true, opcode, ByteBuffer.wrap(payload));
			this.expected.add(Opcode.name(opcode).toLowerCase() + " " + Hex.of(payload));
		}

		void close() {
			byte[] payload = { 0x03, (byte) 0xE8, 'b', 'y', 'e' };
			write(true, Opcode.CLOSE, ByteBuffer.wrap(payload));
			this.expected.add("close 1000 bye");
		}

		private void write(boolean fin, int opcode, ByteBuffer payload) {
			ByteBuffer frame = this.encoder.encode(fin, opcode, payload);
			this.wire.write(frame.array(), 0, frame.limit());
		}

		void assertReadBack(Reads reads, Random random) {
			Connection receiver = new Connection(this.masked ? Role.SERVER : Role.CLIENT, LIMIT, LIMIT);
			reads.feed(this.wire.toByteArray(), random, receiver.parser::parse);
			assertThat(receiver.events()).containsExactlyElementsOf(this.expected);
			assertThat(receiver.parser.isIdle()).isTrue();
			assertThat(receiver.assembler.isIdle()).isTrue();
		}

	}

}
