package dev.wsboot.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A deterministic pool of JSON chat messages, such as
 * {@code {"type":"chat","id":"5c0e9a7d","room":"lobby","user":"alice-17","ts":1732000000123,"text":"..."}},
 * for the compression benchmark: varied enough that deflate meets what a chat service
 * sends (repeated keys and words, but ids, times, names and text that differ from one
 * message to the next), rather than one constant that any window shrinks to nothing. The
 * same seed gives the same pool, so every configuration and round sends the same bytes.
 * <p>
 * Each message is about 100 to 450 bytes of UTF-8 (270 on average; its text 10 to 330
 * characters), some with non-ASCII words. Connection {@code i} sends pool entries
 * {@code i * STRIDE}, {@code i * STRIDE
 * + 1}, ... in order, wrapping around: the 32 KiB window of a connection that keeps its
 * context then holds a hundred or so distinct messages, as in a real conversation, never
 * a repeat.
 */
public final class ChatMessages {

	/** How many messages the pool holds by default: about 270 KB of JSON. */
	public static final int DEFAULT_SIZE = 1024;

	// Apart enough that connections do not send the same messages at the same time.
	private static final int STRIDE = 97;

	private static final String[] ROOMS = { "lobby", "general", "random", "support", "dev", "release-42", "design",
			"ops-alerts" };

	private static final String[] NAMES = { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
			"judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoë" };

	// Common chat words, most frequent first; the draw below favours the front.
	private static final String[] WORDS = { "the", "to", "I", "a", "it", "is", "and", "you", "that", "on", "for", "we",
			"in", "this", "of", "be", "can", "ok", "just", "so", "not", "with", "have", "do", "will", "are", "thanks",
			"yes", "no", "now", "what", "if", "at", "but", "build", "deploy", "lol", "today", "tomorrow", "meeting",
			"release", "branch", "merged", "review", "please", "check", "looks", "good", "fixed", "bug", "test",
			"failing", "again", "coffee", "lunch", "later", "sure", "anyone", "know", "why", "server", "restart",
			"logs", "error", "timeout", "config", "staging", "prod", "ticket", "issue", "PR", "CI", "green", "red",
			"pipeline", "latency", "dashboard", "alert", "rollback", "hotfix", "sprint", "demo", "customer", "docs",
			"update", "version", "ready", "waiting", "done", "blocked", "week", "tonight", "café", "naïve", "déjà",
			"über", "👍", "🎉", "🙂", "🚀" };

	private final byte[][] messages;

	/**
	 * Builds a pool.
	 * @param seed the seed of the {@link Random} that writes the messages
	 * @param size how many messages
	 */
	public ChatMessages(long seed, int size) {
		Random random = new Random(seed);
		this.messages = new byte[size][];
		long ts = 1_732_000_000_000L;
		for (int i = 0; i < size; i++) {
			ts += 1 + random.nextInt(5000);
			this.messages[i] = message(random, ts).getBytes(StandardCharsets.UTF_8);
		}
	}

	/**
	 * Returns one message.
	 * @param connection the connection's number
	 * @param sequence how many messages the connection sent before this one
	 * @return the message's UTF-8 bytes, not to be changed
	 */
	public byte[] message(int connection, long sequence) {
		return this.messages[(int) Math.floorMod(connection * (long) STRIDE + sequence, this.messages.length)];
	}

	/**
	 * Returns the mean length of the pool's messages.
	 * @return bytes of UTF-8
	 */
	public double meanLength() {
		long total = 0;
		for (byte[] message : this.messages) {
			total += message.length;
		}
		return total / (double) this.messages.length;
	}

	private static String message(Random random, long ts) {
		StringBuilder json = new StringBuilder(512);
		json.append("{\"type\":\"chat\",\"id\":\"").append(String.format("%08x", random.nextInt()));
		json.append("\",\"room\":\"").append(ROOMS[skewed(random, ROOMS.length)]);
		json.append("\",\"user\":\"")
			.append(NAMES[random.nextInt(NAMES.length)])
			.append('-')
			.append(random.nextInt(100));
		json.append("\",\"ts\":").append(ts).append(",\"text\":\"");
		int textLength = 10 + random.nextInt(320);
		int textStart = json.length();
		while (json.length() - textStart < textLength) {
			if (json.length() > textStart) {
				json.append(' ');
			}
			json.append(word(random));
		}
		return json.append("\"}").toString();
	}

	private static String word(Random random) {
		int kind = random.nextInt(20);
		if (kind == 0) {
			return "#" + (1000 + random.nextInt(9000));
		}
		if (kind == 1) {
			return "@" + NAMES[random.nextInt(NAMES.length)];
		}
		return WORDS[skewed(random, WORDS.length)];
	}

	/**
	 * An index below {@code bound}, small ones more likely, roughly as word frequencies.
	 */
	private static int skewed(Random random, int bound) {
		double u = random.nextDouble();
		return (int) (bound * u * u);
	}

}
