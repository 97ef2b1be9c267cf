package dev.wsboot.benchmarks.soak;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * A message the soak sends, naming its session and sequence number in its payload so that
 * an echo can be told apart from any other: text is a small JSON object,
 * {@code {"session":7,"seq":42,"text":"..."}} with non-ASCII characters (2, 3 and 4-byte
 * UTF-8, which fragmentation may split), binary starts with the session and sequence
 * number as two big-endian longs, then random bytes.
 *
 * @param seq the sequence number within its session, from 0
 * @param text whether it is a text message
 * @param payload what is sent and must come back
 */
record SoakMessage(long seq, boolean text, byte[] payload) {

	/** The smallest binary message: its header. */
	static final int MIN_BINARY = 16;

	private static final String SESSION = "{\"session\":";

	private static final String SEQ = ",\"seq\":";

	private static final String[] WORDS = { "hello", "héllo", "wörld", "€uro", "日本語", "🙂", "soak", "echo", " " };

	/** A message's session and sequence number, as read from its payload. */
	record Id(long session, long seq) {
	}

	/**
	 * Makes a text message of 0 to 40 words.
	 * @param session the session
	 * @param seq the sequence number
	 * @param random where the words come from
	 * @return the message
	 */
	static SoakMessage text(long session, long seq, RandomGenerator random) {
		StringBuilder json = new StringBuilder(SESSION).append(session).append(SEQ).append(seq).append(",\"text\":\"");
		for (int words = random.nextInt(41); words > 0; words--) {
			json.append(WORDS[random.nextInt(WORDS.length)]);
		}
		return new SoakMessage(seq, true, json.append("\"}").toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Makes a binary message whose size is log-uniform between {@link #MIN_BINARY} and
	 * {@code maxSize}, so that small and large sizes are both common.
	 * @param session the session
	 * @param seq the sequence number
	 * @param maxSize the largest size
	 * @param random where the size and the bytes come from
	 * @return the message
	 */
	static SoakMessage binary(long session, long seq, int maxSize, RandomGenerator random) {
		double range = Math.log((double) maxSize / MIN_BINARY);
		int size = (int) Math.min(maxSize, Math.round(MIN_BINARY * Math.exp(random.nextDouble() * range)));
		byte[] payload = new byte[size];
		random.nextBytes(payload);
		ByteBuffer.wrap(payload).putLong(session).putLong(seq);
		return new SoakMessage(seq, false, payload);
	}

	/**
	 * Reads the session and sequence number a payload names.
	 * @param text whether it came as text
	 * @param payload the payload, from position to limit; not moved
	 * @return what it names, or {@code null} if it does not have the form of a soak
	 * message
	 */
	static Id id(boolean text, ByteBuffer payload) {
		if (!text) {
			return (payload.remaining() >= MIN_BINARY)
					? new Id(payload.getLong(payload.position()), payload.getLong(payload.position() + 8)) : null;
		}
		// The two numbers come first and are ASCII: decoding a prefix is enough.
		ByteBuffer head = payload.duplicate();
		head.limit(Math.min(head.limit(), head.position() + 64));
		String start = StandardCharsets.ISO_8859_1.decode(head).toString();
		int seqAt = start.indexOf(SEQ);
		if (!start.startsWith(SESSION) || seqAt < 0) {
			return null;
		}
		try {
			long session = Long.parseLong(start.substring(SESSION.length(), seqAt));
			int seqEnd = start.indexOf(',', seqAt + SEQ.length());
			return (seqEnd < 0) ? null : new Id(session, Long.parseLong(start.substring(seqAt + SEQ.length(), seqEnd)));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Returns whether an echo is this message.
	 * @param echoText whether the echo came as text
	 * @param echo its payload, from position to limit; not moved
	 * @return whether the type and every byte are the same
	 */
	boolean matches(boolean echoText, ByteBuffer echo) {
		return echoText == this.text && echo.equals(ByteBuffer.wrap(this.payload));
	}

}
