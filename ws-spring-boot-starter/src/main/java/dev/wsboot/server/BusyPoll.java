package dev.wsboot.server;

/**
 * When an event loop polls its selector for a while before it blocks in it. A loop
 * blocked in the selector and woken by a peer's write costs the writer's core an
 * interrupt (on a virtual machine, an exit too) and the loop a context switch; under a
 * steady stream of messages both are paid again and again, and a sender whose core is
 * busy slows down by them. So after a pass that had events the loop polls for a short
 * window first, yielding between polls to any thread that shares the core. A pass that
 * handed calls to workers does not count: the worker needs the core to reply, and the
 * next message comes after the reply. The window costs CPU when nothing comes: a window
 * that ends empty makes the loop leave out polling for twice as many busy passes as the
 * last time, up to {@value #MAX_BACKOFF}, and a window that finds work starts over.
 * Traffic just too sparse for the window thus wastes a {@value #MAX_BACKOFF}th of it per
 * pass, and an idle loop never polls. One per loop; its thread only.
 */
final class BusyPoll {

	static final int MAX_BACKOFF = 64;

	private final long windowNanos;

	private boolean lastPassBusy;

	/** Busy passes to leave out after the next empty window. */
	private int backoff;

	/** Busy passes still left out. */
	private int leftOut;

	/**
	 * Creates the policy.
	 * @param windowNanos how long to poll, in nanoseconds; 0 to always block at once
	 */
	BusyPoll(long windowNanos) {
		this.windowNanos = windowNanos;
	}

	/**
	 * Returns how long to poll before blocking, in nanoseconds, 0 for not at all. A loop
	 * that polls reports the outcome to {@link #polled(boolean)}.
	 * @return the window
	 */
	long window() {
		if (this.windowNanos == 0 || !this.lastPassBusy) {
			return 0;
		}
		if (this.leftOut > 0) {
			this.leftOut--;
			return 0;
		}
		return this.windowNanos;
	}

	/**
	 * Takes note of how a window ended.
	 * @param found whether work came before the window ended
	 */
	void polled(boolean found) {
		if (found) {
			this.backoff = 0;
		}
		else {
			this.backoff = Math.min(Math.max(1, this.backoff * 2), MAX_BACKOFF);
			this.leftOut = this.backoff;
		}
	}

	/**
	 * Takes note of whether the pass that ends had events.
	 * @param busy whether it had
	 */
	void passEnded(boolean busy) {
		this.lastPassBusy = busy;
	}

}
