package dev.wsboot.benchmarks.soak;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The messages one session sent that have not come back, oldest first, and the check of
 * each echo against them: an echo must be the oldest message in flight, byte for byte.
 */
final class InFlight {

	/** What an echo turned out to be. */
	enum Echo {

		/** The oldest message in flight, unchanged. */
		VERIFIED,

		/** A message in flight, unchanged, but one sent before it has not come back. */
		REORDERED,

		/** Not a message of this session, or one whose bytes or type changed. */
		CORRUPTED,

		/** A message of this session that already came back. */
		DUPLICATED

	}

	private final long session;

	private final ArrayDeque<SoakMessage> messages = new ArrayDeque<>();

	private long nextSeq;

	/**
	 * Creates the record of a session that has sent nothing yet.
	 * @param session the session's id, which its messages carry
	 */
	InFlight(long session) {
		this.session = session;
	}

	/**
	 * Returns the sequence number the next message must carry.
	 * @return 0 for the first message, then one more each
	 */
	long nextSeq() {
		return this.nextSeq;
	}

	/**
	 * Records a message as sent.
	 * @param message the message, carrying {@link #nextSeq()}
	 */
	void add(SoakMessage message) {
		if (message.seq() != this.nextSeq) {
			throw new IllegalArgumentException("Expected sequence number " + this.nextSeq + ", got " + message.seq());
		}
		this.messages.add(message);
		this.nextSeq++;
	}

	int size() {
		return this.messages.size();
	}

	/**
	 * Checks an echo, and forgets the message it is.
	 * @param text whether it came as text
	 * @param echo its payload, from position to limit; not moved
	 * @return what it is
	 */
	Echo verify(boolean text, ByteBuffer echo) {
		SoakMessage.Id echoed = SoakMessage.id(text, echo);
		if (echoed == null || echoed.session() != this.session) {
			return Echo.CORRUPTED;
		}
		boolean oldest = true;
		for (Iterator<SoakMessage> sent = this.messages.iterator(); sent.hasNext();) {
			SoakMessage message = sent.next();
			if (message.seq() == echoed.seq()) {
				sent.remove();
				if (!message.matches(text, echo)) {
					return Echo.CORRUPTED;
				}
				return oldest ? Echo.VERIFIED : Echo.REORDERED;
			}
			oldest = false;
		}
		return (echoed.seq() < this.nextSeq) ? Echo.DUPLICATED : Echo.CORRUPTED;
	}

	/**
	 * Forgets every message in flight, when the connection ends.
	 * @return how many there were
	 */
	int clear() {
		int count = this.messages.size();
		this.messages.clear();
		return count;
	}

}
