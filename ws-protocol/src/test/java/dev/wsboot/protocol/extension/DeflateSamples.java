package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.wsboot.protocol.BufferKind;

/**
 * Random messages for compression tests, and the way they travel from one
 * {@link PerMessageDeflate} to another: compressed or not, cut into random parts of
 * random kinds of buffer.
 */
final class DeflateSamples {

	private static final String[] WORDS = { "the", "message", "κόσμε", "{\"id\":", "\"name\":", "💬", "deflate",
			"window", "Straße", "\n", "1234", "}, ", "null", "true", "数据" };

	private DeflateSamples() {
	}

	/**
	 * Returns a message of about the given length: text or JSON-like words in UTF-8,
	 * random bytes that do not compress, or runs of repeated bytes.
	 * @param random the source of randomness
	 * @param length the length, which text may pass by a few bytes to end on a whole
	 * character
	 * @return the message
	 */
	static byte[] message(Random random, int length) {
		return switch (random.nextInt(4)) {
			case 0 -> incompressible(random, length);
			case 1 -> runs(random, length);
			default -> text(random, length);
		};
	}

	/** Returns valid UTF-8 of words, at least {@code length} bytes. */
	static byte[] text(Random random, int length) {
		StringBuilder text = new StringBuilder();
		int bytes = 0;
		while (bytes < length) {
			String word = WORDS[random.nextInt(WORDS.length)];
			text.append(word).append(' ');
			bytes += word.getBytes(StandardCharsets.UTF_8).length + 1;
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	static byte[] incompressible(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] runs(Random random, int length) {
		byte[] bytes = new byte[length];
		for (int at = 0; at < length;) {
			int run = Math.min(length - at, 1 + random.nextInt(300));
			Arrays.fill(bytes, at, at + run, (byte) random.nextInt(4));
			at += run;
		}
		return bytes;
	}

	/**
	 * Cuts bytes into up to five parts at random places, empty parts included, each in a
	 * random kind of buffer.
	 */
	static List<ByteBuffer> split(Random random, byte[] bytes) {
		int[] cuts = new int[random.nextInt(5)];
		for (int i = 0; i < cuts.length; i++) {
			cuts[i] = random.nextInt(bytes.length + 1);
		}
		Arrays.sort(cuts);
		List<ByteBuffer> parts = new ArrayList<>();
		int from = 0;
		for (int cut : cuts) {
			parts.add(buffer(random, Arrays.copyOfRange(bytes, from, cut)));
			from = cut;
		}
		parts.add(buffer(random, Arrays.copyOfRange(bytes, from, bytes.length)));
		return parts;
	}

	/**
	 * Sends a message from one end to the other: encodes it, and decodes what was
	 * compressed in random parts.
	 * @return what was sent on the wire and what the receiver got
	 */
	static Delivery send(Random random, PerMessageDeflate from, PerMessageDeflate to, byte[] message) {
		ByteBuffer payload = buffer(random, message);
		ByteBuffer compressed = from.encode(payload);
		if (compressed == null) {
			return new Delivery(null, BufferKind.content(payload));
		}
		byte[] wire = BufferKind.content(compressed);
		CollectingSink sink = CollectingSink.keeping();
		List<ByteBuffer> parts = split(random, wire);
		for (int i = 0; i < parts.size(); i++) {
			to.decode(parts.get(i), i == parts.size() - 1, sink);
			if (parts.get(i).hasRemaining()) {
				throw new AssertionError("Part not consumed");
			}
		}
		return new Delivery(wire, sink.bytes());
	}

	private static ByteBuffer buffer(Random random, byte[] bytes) {
		BufferKind[] kinds = BufferKind.values();
		return kinds[random.nextInt(kinds.length)].around(bytes);
	}

	/**
	 * A message sent.
	 *
	 * @param wire the compressed payload, or {@code null} if it was sent uncompressed
	 * @param received what the receiver got
	 */
	record Delivery(byte[] wire, byte[] received) {

	}

}
