package dev.wsboot.protocol.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The reference {@link Utf8Validator} is held to: the JDK's UTF-8 decoder, reporting
 * malformed input instead of replacing it.
 */
final class StrictUtf8 {

	/**
	 * What {@link #indexOfFirstHopelessByte(byte[])} returns when there is no such byte.
	 */
	static final int NONE = -1;

	/**
	 * Continuation bytes that stand for all others. The bytes a character may continue
	 * with are always a union of 80..8F, 90..9F and A0..BF (The Unicode Standard, table
	 * 3-7), so one byte of each range makes every way of continuing a character.
	 */
	private static final byte[] CONTINUATIONS = { (byte) 0x80, (byte) 0x90, (byte) 0xA0 };

	private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal
		.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));

	private static final int LONGEST_CHARACTER = 4;

	private StrictUtf8() {
	}

	/**
	 * Returns whether the bytes are valid UTF-8, according to the JDK.
	 * @param bytes the bytes
	 * @return {@code true} if the strict JDK decoder decodes them
	 */
	static boolean isValid(byte[] bytes) {
		// Results rather than exceptions: the search for the hopeless byte decodes
		// invalid
		// input many times.
		CharsetDecoder decoder = DECODER.get().reset();
		CharBuffer chars = CharBuffer.allocate(bytes.length);
		return !decoder.decode(ByteBuffer.wrap(bytes), chars, true).isError() && !decoder.flush(chars).isError();
	}

	/**
	 * Returns the index of the first byte after which no bytes appended make the input
	 * valid UTF-8: the byte a fail-fast validator fails on.
	 * @param bytes the bytes
	 * @return the index, or {@link #NONE} when the bytes are valid UTF-8 or can still
	 * become so
	 */
	static int indexOfFirstHopelessByte(byte[] bytes) {
		if (isValid(bytes) || canBecomeValid(bytes, bytes.length)) {
			return NONE;
		}
		// Every prefix of a prefix that can become valid can become valid too: search for
		// the boundary between the two kinds of prefix.
		int hopeful = 0;
		int hopeless = bytes.length;
		while (hopeless - hopeful > 1) {
			int middle = (hopeful + hopeless) >>> 1;
			if (canBecomeValid(bytes, middle)) {
				hopeful = middle;
			}
			else {
				hopeless = middle;
			}
		}
		return hopeless - 1;
	}

	/**
	 * Returns whether the prefix is valid or becomes so with the rest of its last
	 * character, which can only be continuation bytes, at most three of them.
	 */
	private static boolean canBecomeValid(byte[] bytes, int prefixLength) {
		for (int missing = 0; missing < LONGEST_CHARACTER; missing++) {
			byte[] candidate = Arrays.copyOf(bytes, prefixLength + missing);
			if (anyCompletionValid(candidate, prefixLength)) {
				return true;
			}
		}
		return false;
	}

	private static boolean anyCompletionValid(byte[] candidate, int from) {
		if (from == candidate.length) {
			return isValid(candidate);
		}
		for (byte continuation : CONTINUATIONS) {
			candidate[from] = continuation;
			if (anyCompletionValid(candidate, from + 1)) {
				return true;
			}
		}
		return false;
	}

}
