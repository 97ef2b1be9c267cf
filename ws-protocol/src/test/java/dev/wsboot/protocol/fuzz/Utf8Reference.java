package dev.wsboot.protocol.fuzz;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The reference for UTF-8: the JDK's decoder, reporting malformed input rather than
 * replacing it.
 */
final class Utf8Reference {

	// Every byte a character may continue with lies in one of these ranges (The Unicode
	// Standard, table 3-7): one byte of each stands for all.
	private static final byte[] CONTINUATIONS = { (byte) 0x80, (byte) 0x90, (byte) 0xA0 };

	private static final CharsetDecoder DECODER = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private Utf8Reference() {
	}

	/**
	 * Returns whether the bytes are valid UTF-8.
	 * @param bytes the bytes
	 * @return whether the strict JDK decoder decodes them
	 */
	static boolean isValid(byte[] bytes) {
		CharsetDecoder decoder = DECODER.reset();
		CharBuffer chars = CharBuffer.allocate(bytes.length);
		return !decoder.decode(ByteBuffer.wrap(bytes), chars, true).isError() && !decoder.flush(chars).isError();
	}

	/**
	 * Returns whether the first bytes are valid UTF-8, or become so with the rest of
	 * their last character: at most three continuation bytes.
	 * @param bytes the bytes
	 * @param length how many of them
	 * @return whether bytes appended can still make the prefix valid
	 */
	static boolean canBecomeValid(byte[] bytes, int length) {
		for (int missing = 0; missing < 4; missing++) {
			if (anyCompletionValid(Arrays.copyOf(bytes, length + missing), length)) {
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
