package dev.wsboot.protocol.extension;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Compressors and decompressors lent to connections one message at a time, for the
 * directions of permessage-deflate without context takeover: a message compressed with a
 * fresh window leaves nothing behind for the next, so its native state (about 256 KiB for
 * a compressor, 40 KiB for a decompressor) can serve another connection in between,
 * instead of sitting with an idle one. Also behind
 * {@link PerMessageDeflate#compressStandalone}.
 * <p>
 * Thread-safe: one pool may serve the connections of several event loops. It is bounded:
 * it keeps at most {@code capacity} idle instances of each kind and ends those returned
 * beyond that, so its native memory stays within {@code capacity} times 300 KiB or so,
 * whatever the number of connections; when it is empty a borrower gets a new instance. A
 * capacity around the number of threads that compress at once keeps creation rare.
 * <p>
 * Every instance is for one compression level. After {@link #close()} the pool keeps
 * nothing: borrowers still get new instances, ended when returned, so connections that
 * outlive it keep working.
 */
public final class DeflatePool implements AutoCloseable {

	private final int compressionLevel;

	private final ArrayBlockingQueue<Compressor> compressors;

	private final ArrayBlockingQueue<Decompressor> decompressors;

	private volatile boolean closed;

	/**
	 * Creates an empty pool; instances are made when first borrowed.
	 * @param compressionLevel the level of its compressors, 1 to 9
	 * @param capacity the most idle instances of each kind it keeps, at least 1
	 * @throws IllegalArgumentException if the level or the capacity is out of range
	 */
	public DeflatePool(int compressionLevel, int capacity) {
		if (compressionLevel < 1 || compressionLevel > 9) {
			throw new IllegalArgumentException("Compression level must be 1 to 9: " + compressionLevel);
		}
		if (capacity < 1) {
			throw new IllegalArgumentException("Capacity must be at least 1: " + capacity);
		}
		this.compressionLevel = compressionLevel;
		this.compressors = new ArrayBlockingQueue<>(capacity);
		this.decompressors = new ArrayBlockingQueue<>(capacity);
	}

	/**
	 * Returns the level of the pool's compressors.
	 * @return 1 to 9
	 */
	public int compressionLevel() {
		return this.compressionLevel;
	}

	/**
	 * Returns how many compressors the pool holds idle.
	 * @return 0 to the capacity
	 */
	public int idleCompressors() {
		return this.compressors.size();
	}

	/**
	 * Returns how many decompressors the pool holds idle.
	 * @return 0 to the capacity
	 */
	public int idleDecompressors() {
		return this.decompressors.size();
	}

	/**
	 * Ends every idle instance, and every one returned from now on.
	 */
	@Override
	public void close() {
		this.closed = true;
		drain(this.compressors, Compressor::end);
		drain(this.decompressors, Decompressor::end);
	}

	Compressor borrowCompressor() {
		return borrow(this.compressors, () -> new Compressor(this.compressionLevel));
	}

	/** Takes back a compressor, which must not be used after. */
	void giveBack(Compressor compressor) {
		compressor.reset();
		giveBack(this.compressors, compressor, Compressor::end);
	}

	Decompressor borrowDecompressor() {
		return borrow(this.decompressors, Decompressor::new);
	}

	/** Takes back a decompressor, which must not be used after. */
	void giveBack(Decompressor decompressor) {
		decompressor.reset();
		giveBack(this.decompressors, decompressor, Decompressor::end);
	}

	private static <T> T borrow(ArrayBlockingQueue<T> idle, Supplier<T> create) {
		T instance = idle.poll();
		return (instance != null) ? instance : create.get();
	}

	private <T> void giveBack(ArrayBlockingQueue<T> idle, T instance, Consumer<T> end) {
		if (this.closed || !idle.offer(instance)) {
			end.accept(instance);
		}
		else if (this.closed && idle.remove(instance)) {
			// close() drained the queue before the instance went in.
			end.accept(instance);
		}
	}

	private static <T> void drain(ArrayBlockingQueue<T> idle, Consumer<T> end) {
		for (T instance = idle.poll(); instance != null; instance = idle.poll()) {
			end.accept(instance);
		}
	}

}
