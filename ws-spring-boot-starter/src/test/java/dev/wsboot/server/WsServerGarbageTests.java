package dev.wsboot.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener against many clients at once sending randomly damaged handshakes and
 * frames, cut at random points, from a seeded {@link Random} (the seed is in the test's
 * name, so a failure can be replayed). Every connection must end, by the server, within
 * the idle and close timeouts; the listener must log no warning or error (an exception
 * escaping to its event loop would be one), and must come through as
 * {@link ServerFixture#assertRecovered()} checks.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WsServerGarbageTests {

	private static final int CLIENTS = 150;

	private static final String[] TEXTS = { "", "hello", "héllo ✓ 🎉", "κόσμε", "x".repeat(300) };

	private ServerFixture fixture;

	@AfterEach
	void stop() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 20261125 })
	void damagedHandshakesAndFramesEndEveryConnectionAndHarmNoOther(long seed) throws Exception {
		this.fixture = new ServerFixture((builder) -> builder.idleTimeout(Duration.ofMillis(500))
			.closeTimeout(Duration.ofMillis(500))
			.handshakeTimeout(Duration.ofMillis(500))
			.maxFrameSize(64 * 1024)
			.maxMessageSize(64 * 1024));
		Random random = new Random(seed);
		List<RawClient> clients = new ArrayList<>(CLIENTS);
		try {
			for (int i = 0; i < CLIENTS; i++) {
				RawClient client = RawClient.connect(this.fixture.port());
				clients.add(client);
				byte[] stream = stream(client, random);
				sendInChunks(client, stream, random);
				if (random.nextInt(8) == 0) {
					client.shutdownOutput();
				}
			}
			for (int i = 0; i < CLIENTS; i++) {
				assertThat(clients.get(i).awaitServerClose()).as("client %d of seed %d closed by the server", i, seed)
					.isTrue();
			}
		}
		finally {
			clients.forEach(RawClient::close);
		}
		this.fixture.assertRecovered();
	}

	/**
	 * A handshake request, maybe damaged, then frames of every kind, maybe damaged, maybe
	 * ending in a close frame.
	 */
	private static byte[] stream(RawClient client, Random random) {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		stream.writeBytes(RawClient.handshakeRequest("/echo"));
		int frames = random.nextInt(8);
		for (int i = 0; i < frames; i++) {
			stream.writeBytes(frame(client, random));
		}
		if (random.nextBoolean()) {
			stream.writeBytes(client.frame(true, Opcode.CLOSE, new byte[] { 0x03, (byte) 0xE8, 'o', 'k' }));
		}
		byte[] bytes = stream.toByteArray();
		int damage = (random.nextInt(3) == 0) ? 0 : 1 + random.nextInt(4);
		for (int i = 0; i < damage && bytes.length > 0; i++) {
			int at = random.nextInt(bytes.length);
			switch (random.nextInt(3)) {
				case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
				case 1 -> bytes[at] = (byte) random.nextInt(256);
				default -> bytes = Arrays.copyOf(bytes, at);
			}
		}
		return bytes;
	}

	private static byte[] frame(RawClient client, Random random) {
		return switch (random.nextInt(7)) {
			case 0 -> client.frame(true, Opcode.TEXT, text(random));
			case 1 -> client.frame(random.nextBoolean(), Opcode.TEXT, text(random));
			case 2 -> client.frame(random.nextBoolean(), Opcode.CONTINUATION, text(random));
			case 3 -> client.frame(true, Opcode.BINARY, new byte[random.nextInt(70_000)]);
			case 4 -> client.frame(true, Opcode.PING, Arrays.copyOf(text(random), Math.min(125, random.nextInt(130))));
			case 5 -> client.frame(true, Opcode.PONG, new byte[random.nextInt(126)]);
			default -> {
				// Any opcode, reserved ones too; the encoder refuses fragmented control
				// frames, which damage may still make.
				int opcode = random.nextInt(16);
				yield client.frame(opcode >= 8 || random.nextBoolean(), opcode,
						Arrays.copyOf(text(random), random.nextInt(20)));
			}
		};
	}

	private static byte[] text(Random random) {
		return TEXTS[random.nextInt(TEXTS.length)].getBytes(StandardCharsets.UTF_8);
	}

	private static void sendInChunks(RawClient client, byte[] stream, Random random) throws IOException {
		int at = 0;
		while (at < stream.length) {
			int length = Math.min(stream.length - at, 1 + random.nextInt(random.nextBoolean() ? 16 : 4096));
			try {
				client.write(Arrays.copyOfRange(stream, at, at + length));
			}
			catch (IOException ex) {
				// The server closed first: it has seen enough.
				return;
			}
			at += length;
		}
	}

}
