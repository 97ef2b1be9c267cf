package dev.wsboot.server;

import java.util.function.LongSupplier;

/**
 * Writes the replies of one session's handler calls that run back to back together. When
 * messages queue up for a session (a client that pipelines, or a burst), the worker corks
 * the session's {@link Outbound} before each call that has another queued behind it, and
 * uncorks when the last queued call is about to run or the worker moves on: N replies
 * then cost one gathering write instead of N writes.
 * <p>
 * Holding replies back is only worth it while calls are quick: frames are held for at
 * most {@link #MAX_HOLD_NANOS} between calls, and for {@link #SLOW_CALL_MEMORY_NANOS}
 * after a call that took {@link #SLOW_CALL_NANOS} or more, nothing is held, so that a
 * handler that sometimes blocks does not hold up the replies of its quick calls. (What
 * the {@link Outbound} holds is written at once when another thread sends, so pongs,
 * broadcasts and closes are never held up.)
 */
final class ReplyCork implements SerialExecutor.RunListener {

	/** How long corked frames may wait, checked between calls. */
	static final long MAX_HOLD_NANOS = 200_000;

	/** A call at least this long counts as slow. */
	static final long SLOW_CALL_NANOS = 50_000;

	/** How long after a slow call nothing is held back. */
	static final long SLOW_CALL_MEMORY_NANOS = 1_000_000_000L;

	private final Outbound outbound;

	private final LongSupplier clock;

	private boolean corked;

	private long corkedAt;

	/** When the running call began; 0 between runs. */
	private long callStartedAt;

	private boolean slowCallSeen;

	private long slowCallEndedAt;

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
		callEnded(now);
		this.callStartedAt = now;
		boolean holdBack = more && !(this.slowCallSeen && now - this.slowCallEndedAt < SLOW_CALL_MEMORY_NANOS);
		if (this.corked && (!holdBack || now - this.corkedAt >= MAX_HOLD_NANOS)) {
			uncork();
		}
		if (!this.corked && holdBack) {
			this.corked = this.outbound.cork();
			this.corkedAt = now;
		}
	}

	@Override
	public void afterRun() {
		callEnded(this.clock.getAsLong());
		this.callStartedAt = 0;
		if (this.corked) {
			uncork();
		}
	}

	private void callEnded(long now) {
		if (this.callStartedAt != 0 && now - this.callStartedAt >= SLOW_CALL_NANOS) {
			this.slowCallSeen = true;
			this.slowCallEndedAt = now;
		}
	}

	private void uncork() {
		this.corked = false;
		this.outbound.uncork();
	}

}
