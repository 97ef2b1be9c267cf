package dev.wsboot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * One selector thread serving its share of the connections. Other threads hand it work
 * through {@link #execute(Runnable)}, which wakes the selector at most once until the
 * loop next looks at its tasks. Every connection of the loop shares one read buffer, so
 * an idle connection holds none.
 */
final class EventLoop implements Runnable {

	private static final System.Logger logger = System.getLogger(WsServer.class.getName());

	/**
	 * Larger than a 64 KiB frame with its header, so such a frame can arrive in one read
	 * and reach the handler without being assembled; one buffer per loop, so the size
	 * costs little.
	 */
	private static final int READ_BUFFER_SIZE = 256 * 1024;

	private final WsServer server;

	private final Selector selector;

	private final Thread thread;

	private final ReceiveTally receiveTally = new ReceiveTally();

	private final SendTally sendTally = new SendTally(WsMetrics.EndpointMetrics.NONE);

	/**
	 * Native order: unmasking reads and writes it 8 bytes at a time, 4x faster than
	 * big-endian.
	 */
	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE).order(ByteOrder.nativeOrder());

	private final MessageBufferPool messageBuffers = new MessageBufferPool();

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean wakeupPending = new AtomicBoolean();

	private final long tickNanos;

	private volatile boolean running = true;

	/** Set on the first loop only, before it starts. */
	private @Nullable Acceptor acceptor;

	private long now = System.nanoTime();

	/** Whether {@link #now} was read in this pass's selection. */
	private boolean clockRead;

	EventLoop(WsServer server, int index, long tickNanos) {
		this.server = server;
		this.tickNanos = tickNanos;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = new Thread(this, "ws-loop-" + index);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Returns the time of the loop's current pass, read once when the selector returns
	 * rather than for every timestamp: a clock read costs as much as a small message's
	 * parsing. Timestamps of one pass may then be early by the pass's length, which the
	 * timeouts and session durations they serve (seconds) do not notice. Loop thread
	 * only.
	 */
	long now() {
		return this.now;
	}

	ReceiveTally receiveTally() {
		return this.receiveTally;
	}

	SendTally sendTally() {
		return this.sendTally;
	}

	ByteBuffer readBuffer() {
		return this.readBuffer;
	}

	MessageBufferPool messageBuffers() {
		return this.messageBuffers;
	}

	boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	/**
	 * Runs a task on this loop, soon.
	 * @param task the task
	 */
	void execute(Runnable task) {
		this.tasks.add(task);
		if (!inLoop() && this.wakeupPending.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	/**
	 * Makes this loop accept the server's connections; before {@link #start()}.
	 * @param acceptor what accepts them
	 * @throws IOException when the server socket cannot be registered
	 */
	void accept(Acceptor acceptor) throws IOException {
		acceptor.register(this.selector);
		this.acceptor = acceptor;
	}

	/** Takes over an accepted socket. Called by the acceptor, on the first loop. */
	void register(SocketChannel channel, long id, InetSocketAddress remoteAddress, boolean overLimit) {
		if (inLoop()) {
			registerNow(channel, id, remoteAddress, overLimit);
		}
		else {
			execute(() -> registerNow(channel, id, remoteAddress, overLimit));
		}
	}

	private void registerNow(SocketChannel channel, long id, InetSocketAddress remoteAddress, boolean overLimit) {
		Connection connection = new Connection(this.server, this, channel, id, remoteAddress, overLimit);
		try {
			connection.registered(channel.register(this.selector, SelectionKey.OP_READ, connection));
		}
		catch (IOException ex) {
			connection.closeChannel();
		}
	}

	/** Sends every connection of this loop a close with 1001 (going away). */
	void goingAway() {
		execute(() -> forEachConnection((connection) -> connection.initiateClose(WsServer.GOING_AWAY)));
	}

	/** Stops the loop: open connections are dropped. */
	void shutdown() {
		this.running = false;
		this.selector.wakeup();
	}

	void join(long millis) throws InterruptedException {
		this.thread.join(millis);
	}

	@Override
	public void run() {
		long nextTick = System.nanoTime() + this.tickNanos;
		while (this.running) {
			try {
				long timeout = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
				this.clockRead = false;
				this.selector.select(this::ready, timeout);
				this.now = System.nanoTime();
				this.wakeupPending.set(false);
				runTasks();
				if (this.now - nextTick >= 0) {
					long tick = this.now;
					forEachConnection((connection) -> connection.checkTimers(tick));
					if (this.acceptor != null) {
						this.acceptor.resume();
					}
					nextTick = tick + this.tickNanos;
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.log(System.Logger.Level.ERROR, "Event loop iteration failed", ex);
			}
		}
		forEachConnection(Connection::closeChannel);
		runTasks();
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.DEBUG, "Selector failed to close", ex);
		}
	}

	private void ready(SelectionKey key) {
		if (!this.clockRead) {
			this.now = System.nanoTime();
			this.clockRead = true;
		}
		if (!(key.attachment() instanceof Connection connection)) {
			((Acceptor) key.attachment()).acceptReady();
			return;
		}
		try {
			connection.onReady(key.readyOps());
		}
		catch (RuntimeException ex) {
			// A bug must cost one connection, never the loop and every connection on it.
			logger.log(System.Logger.Level.ERROR, "Connection " + connection + " failed", ex);
			connection.closeChannel();
		}
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.log(System.Logger.Level.ERROR, "Event loop task failed", ex);
			}
		}
	}

	private void forEachConnection(java.util.function.Consumer<Connection> action) {
		for (SelectionKey key : this.selector.keys()) {
			if (key.isValid() && key.attachment() instanceof Connection connection) {
				action.accept(connection);
			}
		}
	}

}
