package dev.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The write side of one connection, shared by every thread that sends. Whoever finds
 * nobody writing becomes the writer and writes straight to the socket, so a send from a
 * worker thread costs no hop to the event loop; others append to the queue and the writer
 * drains it in order. When the socket is full the writer's role passes to the event loop,
 * which resumes when the socket is writable.
 * <p>
 * A writer may also {@linkplain #cork() cork} the connection: sends then only queue, and
 * {@link #uncork()} writes them together, in one gathering write where they fit.
 */
final class Outbound {

	private static final int MAX_GATHER = 64;

	/**
	 * Bytes a cork holds back at most: a larger reply, or a handler streaming many
	 * frames, is written as it is sent.
	 */
	static final long MAX_CORKED_BYTES = 64 * 1024;

	private final Transport transport;

	private final Owner owner;

	private final long limit;

	private final OverflowPolicy overflowPolicy;

	private ArrayDeque<Pending> queue;

	private long queuedBytes;

	private boolean writing;

	private boolean shut;

	/** Whether the writer holds sends back until {@link #uncork()}. */
	private boolean corked;

	/** The thread that corked, whose own sends are held back. */
	private @Nullable Thread corkOwner;

	/**
	 * Completes when the writer's role ends after the last frame: every byte, the
	 * transport's own included, is then in the socket.
	 */
	private @Nullable CompletableFuture<Void> drained;

	Outbound(Transport transport, Owner owner, long limit, OverflowPolicy overflowPolicy) {
		this.transport = transport;
		this.owner = owner;
		this.limit = limit;
		this.overflowPolicy = overflowPolicy;
	}

	/**
	 * Sends data frames.
	 * @param frames the encoded frames
	 * @return completes when the bytes are handed to the socket
	 */
	CompletableFuture<Void> send(ByteBuffer frames) {
		return send(new ByteBuffer[] { frames }, false, false);
	}

	/**
	 * Sends data frames held in several buffers, written in order (for example a frame
	 * header and a payload that was not copied behind it).
	 * @param frames the encoded frames; the buffers must not change until the send
	 * completes, unless they are lent
	 * @param lent whether the buffers are only lent for the duration of the call: what
	 * cannot be written at once is then copied before it waits (and such a send is not
	 * held back by a cork, which would make it wait)
	 * @return completes when the bytes are handed to the socket
	 */
	CompletableFuture<Void> send(ByteBuffer[] frames, boolean lent) {
		return send(frames, false, lent);
	}

	/**
	 * Sends the last frame of the connection, a close frame (or an HTTP response ending
	 * the handshake); later sends fail. It is never refused for the buffer limit.
	 * @param frame the encoded frame
	 * @return completes when the frame and everything before it are in the socket, so
	 * that closing it loses nothing: later than the transport taking them when TLS holds
	 * encrypted bytes the socket had no room for
	 */
	CompletableFuture<Void> sendLast(ByteBuffer frame) {
		CompletableFuture<Void> sent = send(new ByteBuffer[] { frame }, true, false);
		synchronized (this) {
			if (!this.writing || sent.isCompletedExceptionally()) {
				return sent;
			}
			this.drained = new CompletableFuture<>();
			return this.drained;
		}
	}

	private CompletableFuture<Void> send(ByteBuffer[] frames, boolean last, boolean lent) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		long size = OutboundFrames.remaining(frames);
		boolean overflow = false;
		boolean takeOver = false;
		synchronized (this) {
			if (this.shut) {
				return CompletableFuture.failedFuture(new SendFailedException("session is closed or closing"));
			}
			if (this.corked && (last || lent || Thread.currentThread() != this.corkOwner
					|| this.queuedBytes + size > Math.min(MAX_CORKED_BYTES, this.limit))) {
				// Not worth holding back: this thread takes the writer's role over from
				// the cork and writes what it held, then these frames (lent ones from
				// where they are, if the socket takes them all).
				this.corked = false;
				this.corkOwner = null;
				if (!lent) {
					this.shut = last;
					queue().add(new Pending(frames, future));
					this.queuedBytes += size;
				}
				takeOver = true;
			}
			else if (this.writing) {
				if (!last && this.queuedBytes + size > this.limit) {
					overflow = true;
				}
				else {
					// A corked send is as good as written: the thread that corked
					// writes it when it uncorks, and sends that might wait for it (from
					// another thread, the last frame, or too many bytes) end the cork.
					boolean early = this.corked;
					this.shut = last;
					queue().add(new Pending(lent ? OutboundFrames.copy(frames) : frames, early ? null : future));
					this.queuedBytes += size;
					if (early) {
						future.complete(null);
					}
					return future;
				}
			}
			else {
				this.shut = last;
				this.writing = true;
			}
		}
		if (overflow) {
			return overflow();
		}
		if (takeOver) {
			drain();
			return lent ? send(frames, last, true) : future;
		}
		writeDirectly(frames, future, lent);
		return future;
	}

	private CompletableFuture<Void> overflow() {
		if (this.overflowPolicy == OverflowPolicy.CLOSE) {
			this.owner.closeForOverflow();
		}
		return CompletableFuture
			.failedFuture(new SendFailedException("outbound buffer limit of " + this.limit + " bytes reached"));
	}

	private void writeDirectly(ByteBuffer[] frames, CompletableFuture<Void> future, boolean lent) {
		try {
			this.transport.write(frames);
		}
		catch (IOException ex) {
			future.completeExceptionally(ex);
			writeFailed(ex);
			return;
		}
		long left = OutboundFrames.remaining(frames);
		if (left > 0) {
			ByteBuffer[] rest = lent ? OutboundFrames.copy(frames) : frames;
			synchronized (this) {
				queue().addFirst(new Pending(rest, future));
				this.queuedBytes += left;
			}
			this.owner.requestWritable();
			return;
		}
		future.complete(null);
		drain();
	}

	/**
	 * Makes the caller the writer without writing anything yet, so that its sends queue
	 * until {@link #uncork()}. The cork ends early, the caller's sends so far written by
	 * whoever ends it, when another thread sends, when the last frame is sent, or when
	 * more than {@link #MAX_CORKED_BYTES} would be held back.
	 * @return whether the caller corked the connection and must uncork it; {@code false}
	 * when another writer holds it (sends queue behind that writer anyway)
	 */
	synchronized boolean cork() {
		if (this.writing) {
			return false;
		}
		this.writing = true;
		this.corked = true;
		this.corkOwner = Thread.currentThread();
		return true;
	}

	/**
	 * Writes what queued while corked and gives up the writer's role, unless the cork
	 * ended early; only after a {@link #cork()} that returned {@code true}.
	 */
	void uncork() {
		synchronized (this) {
			if (!this.corked) {
				return;
			}
			this.corked = false;
			this.corkOwner = null;
		}
		drain();
	}

	/**
	 * Writes queued frames until the queue is empty or the socket is full. Called by the
	 * writer only: after a direct write, or by the event loop when the socket became
	 * writable.
	 */
	void drain() {
		while (true) {
			try {
				if (!this.transport.flush()) {
					this.owner.requestWritable();
					return;
				}
			}
			catch (IOException ex) {
				writeFailed(ex);
				return;
			}
			Pending[] pending;
			CompletableFuture<Void> drained = null;
			synchronized (this) {
				pending = nextBatch();
				if (pending == null) {
					this.writing = false;
					drained = this.drained;
					this.drained = null;
				}
			}
			if (pending == null) {
				if (drained != null) {
					drained.complete(null);
				}
				return;
			}
			long written;
			try {
				written = this.transport.write(buffersOf(pending));
			}
			catch (IOException ex) {
				writeFailed(ex);
				return;
			}
			int done = 0;
			synchronized (this) {
				this.queuedBytes -= written;
				while (done < pending.length && OutboundFrames.remaining(pending[done].frames) == 0) {
					this.queue.poll();
					done++;
				}
			}
			for (int i = 0; i < done; i++) {
				CompletableFuture<Void> future = pending[i].future;
				if (future != null) {
					future.complete(null);
				}
			}
			if (done < pending.length) {
				this.owner.requestWritable();
				return;
			}
		}
	}

	/**
	 * Returns the queued sends the next write takes, as many as fit in one gathering
	 * write; {@code null}, dropping the empty queue, when none wait. Holding the lock.
	 */
	private Pending @Nullable [] nextBatch() {
		ArrayDeque<Pending> queue = this.queue;
		if (queue == null || queue.isEmpty()) {
			this.queue = null;
			return null;
		}
		int buffers = 0;
		int count = 0;
		for (Pending p : queue) {
			if (count > 0 && buffers + p.frames.length > MAX_GATHER) {
				break;
			}
			buffers += p.frames.length;
			count++;
		}
		Pending[] batch = new Pending[count];
		Iterator<Pending> queued = queue.iterator();
		for (int i = 0; i < count; i++) {
			batch[i] = queued.next();
		}
		return batch;
	}

	private static ByteBuffer[] buffersOf(Pending[] batch) {
		int count = 0;
		for (Pending p : batch) {
			count += p.frames.length;
		}
		ByteBuffer[] buffers = new ByteBuffer[count];
		int b = 0;
		for (Pending p : batch) {
			for (ByteBuffer frame : p.frames) {
				buffers[b++] = frame;
			}
		}
		return buffers;
	}

	private void writeFailed(IOException ex) {
		abort(ex.getMessage());
		this.owner.writeFailed(ex);
	}

	/**
	 * Fails every queued send and refuses new ones: the connection is gone.
	 * @param why what happened to it
	 */
	void abort(String why) {
		ArrayDeque<Pending> dropped;
		CompletableFuture<Void> drained;
		synchronized (this) {
			this.shut = true;
			this.writing = true;
			this.corked = false;
			this.corkOwner = null;
			dropped = this.queue;
			this.queue = null;
			this.queuedBytes = 0;
			drained = this.drained;
			this.drained = null;
		}
		SendFailedException failure = new SendFailedException("connection closed: " + why);
		if (drained != null) {
			drained.completeExceptionally(failure);
		}
		if (dropped != null) {
			for (Pending p : dropped) {
				if (p.future != null) {
					p.future.completeExceptionally(failure);
				}
			}
		}
	}

	synchronized long queuedBytes() {
		return this.queuedBytes;
	}

	private ArrayDeque<Pending> queue() {
		if (this.queue == null) {
			this.queue = new ArrayDeque<>(8);
		}
		return this.queue;
	}

	/**
	 * The connection, as its write side needs it: the event loop's help when the socket
	 * is full, and the end of the connection when writing fails or the queue overflows.
	 */
	interface Owner {

		/** The socket is full: the event loop takes over writing when it drains. */
		void requestWritable();

		/**
		 * Writing failed: the connection is to be closed.
		 * @param ex what failed
		 */
		void writeFailed(IOException ex);

		/** The queue reached its limit with {@link OverflowPolicy#CLOSE}. */
		void closeForOverflow();

	}

	/**
	 * Frames waiting for the socket, and the future to complete once they are written
	 * ({@code null} when it completed as they queued).
	 */
	private record Pending(ByteBuffer[] frames, @Nullable CompletableFuture<Void> future) {
	}

}
