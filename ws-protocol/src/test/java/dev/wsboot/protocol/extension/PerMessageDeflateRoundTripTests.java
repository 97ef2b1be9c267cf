package dev.wsboot.protocol.extension;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.wsboot.protocol.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends random messages both ways between a server and a client that negotiated with each
 * other, each decoding in random parts of random kinds of buffer, with and without
 * context takeover, pooled or not. The randomness is seeded, so a failure repeats.
 */
class PerMessageDeflateRoundTripTests {

	private static final int MESSAGES = 200;

	// Lengths around the edges that matter: empty, tiny, the 256-byte window, the 8 KiB
	// chunk, the 32 KiB window, and Autobahn's largest.
	private static final int[] LENGTHS = { 0, 1, 2, 3, 16, 255, 256, 257, 1000, 8191, 8192, 8193, 32767, 32768, 32769,
			131072 };

	@ParameterizedTest(name = "server_no_context_takeover {0}, client_no_context_takeover {1}, pooled {2}")
	@CsvSource({ "false, false, false", "false, false, true", "true, false, true", "false, true, true",
			"true, true, false", "true, true, true" })
	void deliversEveryMessageIntactBothWays(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
			boolean pooled) {
		Random random = new Random(0x5EED_0000L + (serverNoContextTakeover ? 4 : 0) + (clientNoContextTakeover ? 2 : 0)
				+ (pooled ? 1 : 0));
		PerMessageDeflateConfig config = new PerMessageDeflateConfig(true, serverNoContextTakeover,
				clientNoContextTakeover, 0, 1 + random.nextInt(9));
		PerMessageDeflateParameters server = PerMessageDeflateNegotiation
			.negotiate(List.of(PerMessageDeflateNegotiation.offer(config)), config);
		PerMessageDeflateParameters client = PerMessageDeflateNegotiation.accept(List.of(server.toExtensionOffer()),
				config);
		DeflatePool pool = pooled ? new DeflatePool(config.compressionLevel(), 2) : null;
		PerMessageDeflate serverEnd = PerMessageDeflate.create(Role.SERVER, server, config, pool);
		PerMessageDeflate clientEnd = PerMessageDeflate.create(Role.CLIENT, client, config, pool);
		int compressed = 0;
		for (int i = 0; i < MESSAGES; i++) {
			boolean fromServer = random.nextBoolean();
			byte[] message = DeflateSamples.message(random, length(random));
			DeflateSamples.Delivery delivery = fromServer ? DeflateSamples.send(random, serverEnd, clientEnd, message)
					: DeflateSamples.send(random, clientEnd, serverEnd, message);
			assertThat(delivery.received()).as("message %d", i).isEqualTo(message);
			if (delivery.wire() != null) {
				compressed++;
				assertThat(delivery.wire().length).isLessThan(message.length);
				boolean standalone = fromServer ? serverNoContextTakeover : clientNoContextTakeover;
				if (standalone) {
					assertThat(DeflateReader.decode(withTail(delivery.wire())).bytes()).isEqualTo(message);
				}
			}
		}
		assertThat(compressed).isBetween(MESSAGES / 3, MESSAGES - MESSAGES / 5);
		serverEnd.release();
		clientEnd.release();
		if (pool != null) {
			pool.close();
		}
	}

	private static int length(Random random) {
		return random.nextBoolean() ? LENGTHS[random.nextInt(LENGTHS.length)] : random.nextInt(70_000);
	}

	private static byte[] withTail(byte[] payload) {
		byte[] stream = Arrays.copyOf(payload, payload.length + Compressor.TAIL.length);
		System.arraycopy(Compressor.TAIL, 0, stream, payload.length, Compressor.TAIL.length);
		return stream;
	}

}
