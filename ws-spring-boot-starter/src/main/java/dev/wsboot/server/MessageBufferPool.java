package dev.wsboot.server;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

import org.jspecify.annotations.Nullable;

/**
 * Direct buffers that carry binary messages from an event loop to handler calls on worker
 * threads and are reused once a call returns. Compared with a heap copy per message, a
 * reused buffer saves allocating and zeroing an array (and the garbage collections that
 * follow), and the JDK's copy of it into a temporary direct buffer when the call sends it
 * back: in a 64 KiB echo that is about a third of the server's CPU time per message.
 * <p>
 * Only messages of {@link #MIN_SIZE} to {@link #CAPACITY} bytes are pooled: smaller ones
 * cost little to copy to the heap, larger ones are assembled in a buffer of their own
 * anyway. At most {@link #MAX_BUFFERS} exist per loop; when all are lent, messages are
 * copied to the heap again.
 */
final class MessageBufferPool {

	static final int MIN_SIZE = 4 * 1024;

	static final int CAPACITY = 64 * 1024;

	static final int MAX_BUFFERS = 64;

	private final ArrayBlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(MAX_BUFFERS);

	/** Loop thread only. */
	private int allocated;

	/**
	 * Copies a message into a pooled buffer. Loop thread only.
	 * @param message the message's bytes, from its position to its limit, which stay
	 * @return the copy, to {@linkplain #give(ByteBuffer) give} back after the call, or
	 * {@code null} when the message's size is not pooled or every buffer is lent
	 */
	@Nullable ByteBuffer copy(ByteBuffer message) {
		int size = message.remaining();
		if (size < MIN_SIZE || size > CAPACITY) {
			return null;
		}
		ByteBuffer buffer = this.free.poll();
		if (buffer == null) {
			if (this.allocated == MAX_BUFFERS) {
				return null;
			}
			this.allocated++;
			buffer = ByteBuffer.allocateDirect(CAPACITY);
		}
		return buffer.clear().put(0, message, message.position(), size).limit(size);
	}

	/**
	 * Takes a buffer back once the call it was lent to returned. Any thread.
	 * @param buffer a buffer {@link #copy(ByteBuffer)} returned
	 */
	void give(ByteBuffer buffer) {
		this.free.offer(buffer);
	}

}
