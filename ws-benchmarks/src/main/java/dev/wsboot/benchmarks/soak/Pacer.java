package dev.wsboot.benchmarks.soak;

/**
 * A token bucket that bounds a rate: tokens accrue at the rate, up to a tenth of a
 * second's worth (at least one), so a late tick sends a small burst, never a backlog.
 */
final class Pacer {

	private final double perNano;

	private final double burst;

	private double tokens;

	private long last;

	/**
	 * Creates a pacer with no tokens.
	 * @param perSecond the rate
	 * @param now now, in {@link System#nanoTime()} terms
	 */
	Pacer(double perSecond, long now) {
		this.perNano = perSecond / 1e9;
		this.burst = Math.max(1, perSecond / 10);
		this.last = now;
	}

	/**
	 * Adds the tokens accrued since the last call.
	 * @param now now, in {@link System#nanoTime()} terms
	 */
	void refill(long now) {
		this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.perNano);
		this.last = now;
	}

	/**
	 * Restarts after a pause, which earns no tokens.
	 * @param now now, in {@link System#nanoTime()} terms
	 */
	void resume(long now) {
		this.last = now;
	}

	boolean hasToken() {
		return this.tokens >= 1;
	}

	void take() {
		this.tokens--;
	}

}
