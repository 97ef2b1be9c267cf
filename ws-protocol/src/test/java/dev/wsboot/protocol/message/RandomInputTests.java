package dev.wsboot.protocol.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

import dev.wsboot.protocol.Reads;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.FrameListener;
import dev.wsboot.protocol.frame.FrameParser;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Whatever a peer sends, reading it ends, and fails with nothing but a
 * {@link ProtocolException}: random bytes, and valid frames with random bytes changed,
 * cut or inserted, which get further into the parser and the assembler. Each case is
 * seeded, so a failure names the seed that reproduces it.
 */
class RandomInputTests {

	private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

	static LongStream seeds() {
		return LongStream.range(0, 1000);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void failsOnlyWithProtocolErrors(long seed) {
		Random random = new Random(seed);
		boolean server = random.nextBoolean();
		byte[] input = random.nextInt(4) == 0 ? randomBytes(random) : mutatedFrames(random, server);
		Connection connection = random.nextBoolean()
				? new Connection(server ? Role.SERVER : Role.CLIENT, 256, 1024, new XorExtension(TestFrames.RSV1))
				: new Connection(server ? Role.SERVER : Role.CLIENT, 256, 1024);
		Reads reads = Reads.values()[random.nextInt(3)];
		assertTimeoutPreemptively(TIME_LIMIT, () -> {
			try {
				reads.feed(input, random, connection.parser::parse);
			}
			catch (ProtocolException ex) {
				assertThat(ex.closeCode()).isIn(1002, 1007, 1009);
				assertThat(connection.parser.isFailed()).isTrue();
				assertThatIllegalStateException().isThrownBy(() -> connection.parser.parse(ByteBuffer.allocate(1)));
			}
		});
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void parserAloneFailsOnlyWith1002(long seed) {
		Random random = new Random(seed);
		byte[] input = random.nextBoolean() ? randomBytes(random) : mutatedFrames(random, random.nextBoolean());
		FrameParser parser = new FrameParser(new AcceptingFrameListener());
		assertTimeoutPreemptively(TIME_LIMIT, () -> {
			try {
				Reads.values()[random.nextInt(3)].feed(input, random, parser::parse);
				assertThat(parser.isFailed()).isFalse();
			}
			catch (ProtocolException ex) {
				assertThat(ex.closeCode()).isEqualTo(1002);
			}
		});
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(2000)];
		random.nextBytes(bytes);
		return bytes;
	}

	/**
	 * Frames as a peer of the given kind would send them, fragmented, with control frames
	 * and extension bits, then changed at a few random places.
	 */
	private static byte[] mutatedFrames(Random random, boolean toServer) {
		FrameEncoder encoder = new FrameEncoder(toServer ? Role.CLIENT : Role.SERVER, random);
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		int frames = 1 + random.nextInt(8);
		int messageOpcode = -1;
		for (int i = 0; i < frames; i++) {
			int opcode = switch (random.nextInt(5)) {
				case 0 -> Opcode.PING;
				case 1 -> Opcode.CLOSE;
				case 2 -> Opcode.TEXT;
				default -> Opcode.BINARY;
			};
			boolean control = Opcode.isControl(opcode);
			boolean continuation = !control && messageOpcode != -1;
			boolean fin = control || random.nextBoolean();
			byte[] payload = payload(random, continuation ? messageOpcode : opcode, control ? 126 : 300);
			int rsv = (!control && !continuation && random.nextBoolean()) ? TestFrames.RSV1 : 0;
			ByteBuffer frame = ByteBuffer.allocate(payload.length + 14);
			encoder.encode(frame, fin, rsv, continuation ? Opcode.CONTINUATION : opcode, ByteBuffer.wrap(payload));
			wire.write(frame.array(), 0, frame.position());
			if (!control) {
				messageOpcode = fin ? -1 : (continuation ? messageOpcode : opcode);
			}
		}
		byte[] bytes = wire.toByteArray();
		for (int changes = 1 + random.nextInt(3); changes > 0 && bytes.length > 0; changes--) {
			int at = random.nextInt(bytes.length);
			switch (random.nextInt(3)) {
				case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
				case 1 -> bytes[at] = (byte) random.nextInt(256);
				default -> bytes = Arrays.copyOf(bytes, at);
			}
		}
		return bytes;
	}

	/**
	 * A payload that passes the assembler's checks, so that changes, not the payload
	 * itself, decide where reading fails: text and close reasons are ASCII, close codes
	 * valid.
	 */
	private static byte[] payload(Random random, int opcode, int maxLength) {
		byte[] payload = new byte[random.nextInt(maxLength)];
		if (opcode == Opcode.BINARY || opcode == Opcode.PING) {
			random.nextBytes(payload);
		}
		else {
			for (int i = 0; i < payload.length; i++) {
				payload[i] = (byte) (0x20 + random.nextInt(0x5F));
			}
		}
		if (opcode == Opcode.CLOSE && payload.length >= 2) {
			payload[0] = 0x03;
			payload[1] = (byte) 0xE8;
		}
		return payload;
	}

	private static final class AcceptingFrameListener implements FrameListener {

		@Override
		public void onFrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
		}

		@Override
		public void onFramePayload(ByteBuffer payload) {
			assertThat(payload.hasRemaining()).isTrue();
		}

		@Override
		public void onFrameEnd() {
		}

	}

}
