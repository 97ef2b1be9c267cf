package dev.wsboot.protocol.frame;

import java.util.random.RandomGenerator;

/**
 * Mask keys a test chooses, handed out in turn by {@code nextInt()}.
 */
final class FixedMaskKeys implements RandomGenerator {

	private final int[] keys;

	private int next;

	FixedMaskKeys(int... keys) {
		this.keys = keys;
	}

	@Override
	public int nextInt() {
		return this.keys[this.next++ % this.keys.length];
	}

	@Override
	public long nextLong() {
		throw new UnsupportedOperationException("Mask keys are ints");
	}

}
