package dev.wsboot.protocol.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Validates UTF-8 (RFC 3629) incrementally, as the bytes of a text message arrive in any
 * number of pieces. It accepts exactly what a strict JDK decoder accepts: no overlong
 * forms, no surrogates (U+D800 to U+DFFF), nothing above U+10FFFF; noncharacters such as
 * U+FFFE are valid.
 * <p>
 * Validation fails fast: a {@code feed} returns {@code false} on the first byte after
 * which no continuation could make the input valid, so a connection can be failed (RFC
 * 6455 section 8.1) without waiting for the rest of the message. A message is valid when
 * every {@code feed} returned {@code true} and {@link #isComplete()} is {@code true}
 * after its last byte.
 * <p>
 * The validator is Bjoern Hoehrmann's table-driven DFA: each byte moves the automaton
 * along one transition, and there is one state per "what the rest of this character may
 * still be". Runs of ASCII between characters are skipped 32, then eight bytes at a time.
 * An instance belongs to one connection, is reused across its messages through
 * {@link #reset()}, and is not thread-safe.
 */
public final class Utf8Validator {

	// States. ACCEPT is "on a character boundary" and REJECT is a sink; each other state
	// names the bytes the current character still needs.
	private static final int ACCEPT = 0;

	private static final int REJECT = 1;

	private static final int NEED_1 = 2;

	private static final int NEED_2 = 3;

	private static final int NEED_3 = 4;

	// After E0: the second byte must be A0..BF, or the character would be overlong.
	private static final int AFTER_E0 = 5;

	// After ED: the second byte must be 80..9F, or the character would be a surrogate.
	private static final int AFTER_ED = 6;

	// After F0: the second byte must be 90..BF, or the character would be overlong.
	private static final int AFTER_F0 = 7;

	// After F4: the second byte must be 80..8F, or the character would be above U+10FFFF.
	private static final int AFTER_F4 = 8;

	private static final int STATE_COUNT = 9;

	/**
	 * The transition for state {@code s} and byte {@code b} is at
	 * {@code (s << 8) | (b & 0xFF)}. Hoehrmann maps bytes to character classes first to
	 * keep the table small; expanding the classes into a 2.3 KB table saves a dependent
	 * load per byte and still fits in L1.
	 */
	private static final byte[] TRANSITIONS = transitions();

	private static final long HIGH_BITS = 0x8080808080808080L;

	// Only the high bit of each byte is tested, so the byte order does not matter.
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

	/**
	 * The most bytes of a direct buffer validated at a time, in an array that fits in L1.
	 */
	private static final int CHUNK = 4096;

	private int state = ACCEPT;

	/**
	 * Validates the next bytes of the input, from the buffer's position to its limit. The
	 * buffer's position, limit and contents are left as they were.
	 * @param buf the next bytes; heap, direct or read-only, of any byte order
	 * @return {@code false} if the input, as fed so far, can no longer be valid UTF-8
	 */
	public boolean feed(ByteBuffer buf) {
		int from = buf.position();
		int to = buf.limit();
		if (buf.hasArray()) {
			return feed(buf.array(), buf.arrayOffset() + from, to - from);
		}
		// Through a small array, in bulk copies, for the reason Masking gives.
		byte[] chunk = new byte[Math.min(CHUNK, to - from)];
		for (int i = from; i < to; i += chunk.length) {
			int length = Math.min(chunk.length, to - i);
			buf.get(i, chunk, 0, length);
			if (!feed(chunk, 0, length)) {
				return false;
			}
		}
		return this.state != REJECT;
	}

	/**
	 * Validates the next bytes of the input.
	 * @param bytes the array holding the bytes
	 * @param offset the index of the first byte
	 * @param length the number of bytes
	 * @return {@code false} if the input, as fed so far, can no longer be valid UTF-8
	 * @throws IndexOutOfBoundsException if the range is not within the array
	 */
	public boolean feed(byte[] bytes, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		int to = offset + length;
		int s = this.state;
		int i = offset;
		while (s != REJECT && i < to) {
			// Between characters, skip ASCII: whole words, then the bytes up to the next
			// non-ASCII one. Testing the current byte first spares text with little
			// ASCII (CJK, say) a failed word read per character.
			if (s == ACCEPT && bytes[i] >= 0) {
				// Four words a test while they are all ASCII: a quarter of the branches.
				while (i <= to - 4 * Long.BYTES && (((long) LONGS.get(bytes, i)
						| (long) LONGS.get(bytes, i + Long.BYTES) | (long) LONGS.get(bytes, i + 2 * Long.BYTES)
						| (long) LONGS.get(bytes, i + 3 * Long.BYTES)) & HIGH_BITS) == 0) {
					i += 4 * Long.BYTES;
				}
				while (i <= to - Long.BYTES && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
					i += Long.BYTES;
				}
				while (i < to && bytes[i] >= 0) {
					i++;
				}
				if (i == to) {
					break;
				}
			}
			s = TRANSITIONS[(s << 8) | (bytes[i++] & 0xFF)];
		}
		this.state = s;
		return s != REJECT;
	}

	/**
	 * Returns whether the input fed so far ends on a character boundary, with no
	 * character left half-way.
	 * @return {@code true} if the input so far is complete, valid UTF-8
	 */
	public boolean isComplete() {
		return this.state == ACCEPT;
	}

	/**
	 * Returns whether the input fed so far can no longer be valid UTF-8. Once failed, the
	 * validator stays failed until {@link #reset()}.
	 * @return {@code true} if a {@code feed} has returned {@code false}
	 */
	public boolean hasFailed() {
		return this.state == REJECT;
	}

	/**
	 * Forgets the input fed so far, to validate a new one.
	 */
	public void reset() {
		this.state = ACCEPT;
	}

	/**
	 * Returns whether the bytes from the buffer's position to its limit are valid UTF-8.
	 * The buffer is left as it was.
	 * @param buf the bytes
	 * @return {@code true} if they are complete, valid UTF-8
	 */
	public static boolean isValid(ByteBuffer buf) {
		Utf8Validator validator = new Utf8Validator();
		return validator.feed(buf) && validator.isComplete();
	}

	/**
	 * Builds the transition table from the well-formed byte sequences of the Unicode
	 * Standard (chapter 3, table 3-7). Every transition not listed leads to REJECT.
	 */
	private static byte[] transitions() {
		byte[] table = new byte[STATE_COUNT << 8];
		Arrays.fill(table, (byte) REJECT);
		on(table, ACCEPT, 0x00, 0x7F, ACCEPT);
		on(table, ACCEPT, 0xC2, 0xDF, NEED_1);
		on(table, ACCEPT, 0xE0, 0xE0, AFTER_E0);
		on(table, ACCEPT, 0xE1, 0xEC, NEED_2);
		on(table, ACCEPT, 0xED, 0xED, AFTER_ED);
		on(table, ACCEPT, 0xEE, 0xEF, NEED_2);
		on(table, ACCEPT, 0xF0, 0xF0, AFTER_F0);
		on(table, ACCEPT, 0xF1, 0xF3, NEED_3);
		on(table, ACCEPT, 0xF4, 0xF4, AFTER_F4);
		on(table, NEED_1, 0x80, 0xBF, ACCEPT);
		on(table, NEED_2, 0x80, 0xBF, NEED_1);
		on(table, NEED_3, 0x80, 0xBF, NEED_2);
		on(table, AFTER_E0, 0xA0, 0xBF, NEED_1);
		on(table, AFTER_ED, 0x80, 0x9F, NEED_1);
		on(table, AFTER_F0, 0x90, 0xBF, NEED_2);
		on(table, AFTER_F4, 0x80, 0x8F, NEED_2);
		return table;
	}

	private static void on(byte[] table, int state, int firstByte, int lastByte, int next) {
		for (int b = firstByte; b <= lastByte; b++) {
			table[(state << 8) | b] = (byte) next;
		}
	}

}
