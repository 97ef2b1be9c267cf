package dev.wsboot.demo;

/**
 * A token bucket for one session's messages: a burst of {@code capacity} messages, then
 * {@code perSecond} a second. Thread-safe.
 */
public final class RateLimit {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final int capacity;

	private final double perNano;

	private double tokens;

	private long refilledAt;

	/**
	 * Creates a full bucket.
	 * @param capacity the largest burst
	 * @param perSecond the messages allowed per second after a burst
	 */
	public RateLimit(int capacity, double perSecond) {
		this.capacity = capacity;
		this.perNano = perSecond / NANOS_PER_SECOND;
		this.tokens = capacity;
		this.refilledAt = System.nanoTime();
	}

	/**
	 * Takes a token if one is left.
	 * @return whether the message is allowed
	 */
	public synchronized boolean tryAcquire() {
		long now = System.nanoTime();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.refilledAt) * this.perNano);
		this.refilledAt = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens--;
		return true;
	}

}
