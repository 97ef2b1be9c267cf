package dev.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
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

	private final Connection connection;

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

	Outbound(Transport transport, Connection connection, long limit, OverflowPolicy overflowPolicy) {
		this.transport = transport;
		this.connection = connection;
		this.limit = limit;
		this.overflowPolicy = overflowPolicy;
	}

	/**
	 * Sends data frames.
	 * @param frames the encoded frames
	 * @return completes when the bytes are handed to the socket
	 */
	CompletableFuture<Void> send(ByteBuffer frames) {
		return send(new ByteBuffer[] { frames }, false);
	}

	/**
	 * Sends data frames held in several buffers, written in order (for example a frame
	 * header and a payload that was not copied behind it).
	 * @param frames the encoded frames; the buffers must not change until the send
	 * completes
	 * @return completes when the bytes are handed to the socket
	 */
	CompletableFuture<Void> send(ByteBuffer[] frames) {
		return send(frames, false);
	}

	/**
	 * Sends the last frame of the connection, a close frame (or an HTTP response ending
	 * the handshake); later sends fail. It is never refused for the buffer limit.
	 * @param frame the encoded frame
	 * @return completes when the bytes are handed to the socket
	 */
	CompletableFuture<Void> sendLast(ByteBuffer frame) {
		return send(new ByteBuffer[] { frame }, true);
	}

	private CompletableFuture<Void> send(ByteBuffer[] frames, boolean last) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		long size = OutboundFrames.remaining(frames);
		boolean overflow = false;
		boolean takeOver = false;
		synchronized (this) {
			if (this.shut) {
				return CompletableFuture.failedFuture(new SendFailedException("session is closed or closing"));
			}
			this.shut = last;
			if (this.corked && (last || Thread.currentThread() != this.corkOwner
					|| this.queuedBytes + size > Math.min(MAX_CORKED_BYTES, this.limit))) {
				// Not worth holding back: this thread takes the writer's role over from
				// the cork and writes what it held, then these frames.
				this.corked = false;
				this.corkOwner = null;
				queue().add(new Pending(frames, future));
				this.queuedBytes += size;
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
					queue().add(new Pending(frames, early ? null : future));
					this.queuedBytes += size;
					if (early) {
						future.complete(null);
					}
					return future;
				}
			}
			else {
				this.writing = true;
			}
		}
		if (overflow) {
			return overflow();
		}
		if (takeOver) {
			drain();
			return future;
		}
		writeDirectly(frames, future);
		return future;
	}

	private CompletableFuture<Void> overflow() {
		if (this.overflowPolicy == OverflowPolicy.CLOSE) {
			this.connection.closeForOverflow();
		}
		return CompletableFuture
			.failedFuture(new SendFailedException("outbound buffer limit of " + this.limit + " bytes reached"));
	}

	private void writeDirectly(ByteBuffer[] frames, CompletableFuture<Void> future) {
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
			synchronized (this) {
				queue().addFirst(new Pending(frames, future));
				this.queuedBytes += left;
			}
			this.connection.requestWritable();
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
					this.connection.requestWritable();
					return;
				}
			}
			catch (IOException ex) {
				writeFailed(ex);
				return;
			}
			ByteBuffer[] batch;
			Pending[] pending;
			synchronized (this) {
				ArrayDeque<Pending> queue = this.queue;
				if (queue == null || queue.isEmpty()) {
					this.writing = false;
					this.queue = null;
					return;
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
				batch = new ByteBuffer[buffers];
				pending = new Pending[count];
				int b = 0;
				int i = 0;
				for (Pending p : queue) {
					if (i == count) {
						break;
					}
					pending[i++] = p;
					for (ByteBuffer frame : p.frames) {
						batch[b++] = frame;
					}
				}
			}
			long written;
			try {
				written = this.transport.write(batch);
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
				this.connection.requestWritable();
				return;
			}
		}
	}

	private void writeFailed(IOException ex) {
		abort(ex.getMessage());
		this.connection.writeFailed(ex);
	}

	/**
	 * Fails every queued send and refuses new ones: the connection is gone.
	 * @param why what happened to it
	 */
	void abort(String why) {
		ArrayDeque<Pending> dropped;
		synchronized (this) {
			this.shut = true;
			this.writing = true;
			this.corked = false;
			this.corkOwner = null;
			dropped = this.queue;
			this.queue = null;
			this.queuedBytes = 0;
		}
		if (dropped != null) {
			SendFailedException failure = new SendFailedException("connection closed: " + why);
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
	 * Frames waiting for the socket, and the future to complete once they are written
	 * ({@code null} when it completed as they queued).
	 */
	private record Pending(ByteBuffer[] frames, @Nullable CompletableFuture<Void> future) {
	}

}
