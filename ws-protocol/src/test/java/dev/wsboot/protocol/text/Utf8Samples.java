package dev.wsboot.protocol.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Random input for UTF-8 validation: bytes biased towards those that matter to UTF-8,
 * valid text of every character length, and valid text with one mutation.
 */
final class Utf8Samples {

	/** Lead bytes that start special cases, and their neighbours. */
	private static final int[] LEADS_AND_NEIGHBOURS = { 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF,
			0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF };

	/** The first and last bytes of the ranges a character's second byte may be in. */
	private static final int[] CONTINUATION_EDGES = { 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF };

	private static final int[] BOUNDARY_CODE_POINTS = { 0x00, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFDD0, 0xFDEF,
			0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x1FFFE, 0x10FFFE, 0x10FFFF };

	private Utf8Samples() {
	}

	/**
	 * Returns up to about 48 bytes made of pieces, each as likely to be an ASCII byte, a
	 * continuation byte, any byte, or something shaped like a character: a lead byte,
	 * often one that starts a special case, then one to three continuation bytes, often
	 * at the edge of a range that matters. Such input often gets well past its first byte
	 * and reaches every edge of the automaton.
	 * @param random the source of randomness
	 * @return the bytes
	 */
	static byte[] utf8ishBytes(Random random) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int length = random.nextInt(49);
		while (bytes.size() < length) {
			switch (random.nextInt(4)) {
				case 0 -> bytes.write(random.nextInt(0x80));
				case 1 -> bytes.write(continuation(random));
				case 2 -> bytes.write(random.nextInt(0x100));
				default -> {
					int lead = random.nextBoolean() ? pick(random, LEADS_AND_NEIGHBOURS) : 0xC0 + random.nextInt(0x40);
					bytes.write(lead);
					for (int more = 1 + random.nextInt(3); more > 0; more--) {
						bytes.write(continuation(random));
					}
				}
			}
		}
		return bytes.toByteArray();
	}

	/**
	 * Returns valid text of up to 24 parts, each a run of ASCII or a character of one,
	 * two, three or four bytes in UTF-8, CJK, emoji, or a boundary such as U+FFFF.
	 * @param random the source of randomness
	 * @return the text
	 */
	static String text(Random random) {
		StringBuilder text = new StringBuilder();
		int parts = random.nextInt(25);
		for (int part = 0; part < parts; part++) {
			switch (random.nextInt(8)) {
				case 0, 1 -> random.ints(1 + random.nextInt(24), 0, 0x80).forEach(text::appendCodePoint);
				case 2 -> text.appendCodePoint(codePoint(random, 0x80, 0x7FF));
				case 3 -> text.appendCodePoint(codePoint(random, 0x800, 0xFFFF));
				case 4 -> text.appendCodePoint(codePoint(random, 0x10000, Character.MAX_CODE_POINT));
				case 5 -> text.appendCodePoint(codePoint(random, 0x4E00, 0x9FFF));
				case 6 -> text.appendCodePoint(codePoint(random, 0x1F300, 0x1FAFF));
				default -> text.appendCodePoint(pick(random, BOUNDARY_CODE_POINTS));
			}
		}
		return text.toString();
	}

	/**
	 * Returns valid text in UTF-8 with one mutation, which may or may not spoil it: bits
	 * flipped, a byte replaced, inserted or deleted, a continuation byte inserted, or the
	 * end cut off.
	 * @param random the source of randomness
	 * @return the bytes
	 */
	static byte[] mutatedText(Random random) {
		byte[] bytes = text(random).getBytes(StandardCharsets.UTF_8);
		if (bytes.length == 0) {
			return bytes;
		}
		int at = random.nextInt(bytes.length);
		return switch (random.nextInt(6)) {
			case 0 -> replace(bytes, at, (byte) (bytes[at] ^ (1 + random.nextInt(0xFF))));
			case 1 -> replace(bytes, at, (byte) (random.nextBoolean() ? continuation(random) : random.nextInt(0x100)));
			case 2 -> insert(bytes, at, (byte) random.nextInt(0x100));
			case 3 -> insert(bytes, at, (byte) continuation(random));
			case 4 -> delete(bytes, at);
			default -> Arrays.copyOf(bytes, at);
		};
	}

	private static int continuation(Random random) {
		return random.nextBoolean() ? pick(random, CONTINUATION_EDGES) : 0x80 + random.nextInt(0x40);
	}

	private static int pick(Random random, int[] values) {
		return values[random.nextInt(values.length)];
	}

	/** Returns a code point from the range that is not a surrogate. */
	private static int codePoint(Random random, int first, int last) {
		int codePoint;
		do {
			codePoint = first + random.nextInt(last - first + 1);
		}
		while (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
		return codePoint;
	}

	private static byte[] replace(byte[] bytes, int at, byte value) {
		bytes[at] = value;
		return bytes;
	}

	private static byte[] insert(byte[] bytes, int at, byte value) {
		byte[] longer = new byte[bytes.length + 1];
		System.arraycopy(bytes, 0, longer, 0, at);
		longer[at] = value;
		System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
		return longer;
	}

	private static byte[] delete(byte[] bytes, int at) {
		byte[] shorter = new byte[bytes.length - 1];
		System.arraycopy(bytes, 0, shorter, 0, at);
		System.arraycopy(bytes, at + 1, shorter, at, shorter.length - at);
		return shorter;
	}

}
