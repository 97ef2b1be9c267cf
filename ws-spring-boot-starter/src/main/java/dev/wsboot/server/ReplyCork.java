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
 * most {@link #MAX_HOLD_NANOS} between calls, and a call that took
 * {@link #SLOW_CALL_NANOS} or more (it blocked, or its thread was preempted) ends the
 * cork and leaves the next call uncorked, so that the replies of quick calls do not keep
 * waiting behind slow ones. (What the {@link Outbound} holds is written at once when
 * another thread sends, so pongs, broadcasts and closes are never held up.)
 * <p>
 * A slow call is only known once it ends, so a reply may wait for the one call after it
 * (and a call that blocks then holds its predecessor's reply while it blocks).
 * Remembering slow calls for longer was tried: on a busy core, preemption makes quick
 * calls look slow often enough to switch the cork off for good.
 */
final class ReplyCork implements SerialExecutor.RunListener {

	/** How long corked frames may wait, checked between calls. */
	static final long MAX_HOLD_NANOS = 200_000;

	/** A call at least this long counts as slow. */
	static final long SLOW_CALL_NANOS = 50_000;

	private final Outbound outbound;

	private final LongSupplier clock;

	private boolean corked;

	private long corkedAt;

	/** When the running call began; 0 between runs. */
	private long callStartedAt;

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
		boolean afterSlowCall = this.callStartedAt != 0 && now - this.callStartedAt >= SLOW_CALL_NANOS;
		this.callStartedAt = now;
		boolean holdBack = more && !afterSlowCall;
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
		this.callStartedAt = 0;
		if (this.corked) {
			uncork();
		}
	}

	private void uncork() {
		this.corked = false;
		this.outbound.uncork();
	}

}
