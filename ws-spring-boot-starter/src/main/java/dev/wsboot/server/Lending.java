package dev.wsboot.server;

/**
 * Knows whether the running handler call was lent the buffer its binary message is in: a
 * view of an event loop's read buffer, or a pooled buffer, either of which holds other
 * bytes once the call returns. What such a call sends from direct buffers, to any
 * session, may point into that buffer, so it is copied before it waits in a queue.
 */
final class Lending {

	/** {@code TRUE} during a lent call; set rather than removed, so it costs no entry. */
	private static final ThreadLocal<Boolean> LENT = new ThreadLocal<>();

	private Lending() {
	}

	/**
	 * Runs a call that is lent its message's buffer.
	 * @param call the call
	 */
	static void run(Runnable call) {
		Boolean outer = LENT.get();
		LENT.set(Boolean.TRUE);
		try {
			call.run();
		}
		finally {
			LENT.set(outer);
		}
	}

	/**
	 * Returns whether the calling thread runs a lent call.
	 * @return whether direct buffers sent now may be views of a lent buffer
	 */
	static boolean active() {
		return LENT.get() == Boolean.TRUE;
	}

}
