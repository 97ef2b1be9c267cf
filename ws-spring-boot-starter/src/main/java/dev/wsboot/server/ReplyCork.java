package dev.wsboot.server;

import java.util.function.LongSupplier;

/**
 * Writes the replies of one session's handler calls that run back to back together. When
 * messages queue up for a session (a client that pipelines, or a burst), the worker corks
 * the session's {@link Outbound} before each call that has another queued behind it, and
 * uncorks when the last queued call is about to run or the worker moves on: N replies
 * then cost one gathering write instead of N writes. A sent frame is held for at most
 * {@link #MAX_HOLD_NANOS} between calls, and never while a call runs that follows a slow
 * one, so that a slow handler's sends are not held up by its own work.
 */
final class ReplyCork implements SerialExecutor.RunListener {

	/** How long corked frames may wait, checked between calls. */
	static final long MAX_HOLD_NANOS = 200_000;

	/** A call at least this long counts as slow: the next one is not corked. */
	static final long SLOW_CALL_NANOS = 50_000;

	private final Outbound outbound;

	private final LongSupplier clock;

	private boolean corked;

	private long corkedAt;

	/** When the previous call of this run began; 0 at the start of a run. */
	private long lastCallAt;

	ReplyCork(Outbound outbound) {
		this(outbound, System::nanoTime);
	}

	ReplyCork(Outbound outbound, LongSupplier clock) {
		this.outbound = outbound;
		this.clock = clock;
	}

	@Override
	public void beforeTask(boolean more) {
		long now = this.clock.getAsLong();
		boolean afterSlowCall = this.lastCallAt != 0 && now - this.lastCallAt >= SLOW_CALL_NANOS;
		this.lastCallAt = now;
		if (this.corked && (!more || afterSlowCall || now - this.corkedAt >= MAX_HOLD_NANOS)) {
			uncork();
		}
		if (!this.corked && more && !afterSlowCall) {
			this.corked = this.outbound.cork();
			this.corkedAt = now;
		}
	}

	@Override
	public void afterRun() {
		this.lastCallAt = 0;
		if (this.corked) {
			uncork();
		}
	}

	private void uncork() {
		this.corked = false;
		this.outbound.uncork();
	}

}
