package dev.wsboot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * One selector thread serving its share of the connections. Other threads hand it work
 * through {@link #execute(Runnable)}, which wakes the selector at most once until the
 * loop next looks at its tasks. Every connection of the loop shares one read buffer, so
 * an idle connection holds none.
 * <p>
 * A handler call that may block runs on the loop between {@link #callStarted} and
 * {@link #callEnded}. When the {@link LoopWatchdog} finds such a call still running after
 * a whole interval, it {@linkplain #watch(boolean) hands the loop on}: a new thread takes
 * over the loop with a selector, read buffer and tallies of its own, and serves every
 * connection but the one whose call holds the old thread. That thread, once the call
 * returns, stops where it is, leaves the connection's unread bytes with it and lets the
 * loop have it back. The loop's state is touched by one thread at a time: the old thread
 * learns it lost the loop from the same compare-and-set that gave the loop away.
 */
final class EventLoop implements Runnable {

	private static final VarHandle CALL_MARK;

	static {
		try {
			CALL_MARK = MethodHandles.lookup().findVarHandle(EventLoop.class, "callMark", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** The call mark of a loop handed on while a call ran; never a call's own mark. */
	private static final long HANDED_ON = 0;

	private static final System.Logger logger = System.getLogger(WsServer.class.getName());

	/**
	 * Larger than a 64 KiB frame with its header, so such a frame can arrive in one read
	 * and reach the handler without being assembled; one buffer per loop, so the size
	 * costs little.
	 */
	private static final int READ_BUFFER_SIZE = 256 * 1024;

	private final WsServer server;

	private final String name;

	/** Replaced, with the resources below, by a thread that takes the loop over. */
	private volatile Selector selector;

	private volatile Thread thread;

	private ReceiveTally receiveTally = new ReceiveTally();

	private SendTally sendTally = new SendTally(WsMetrics.EndpointMetrics.NONE);

	private ByteBuffer readBuffer = newReadBuffer();

	private MessageBufferPool messageBuffers = new MessageBufferPool();

	/**
	 * Odd while a handler call that may block runs on the loop, even between calls,
	 * {@link #HANDED_ON} once the watchdog took the loop from a call.
	 */
	@SuppressWarnings("unused") // through CALL_MARK
	private volatile long callMark = 2;

	/** Calls started on the loop; the loop's threads only. */
	private long calls;

	/** The connection whose call runs; read by the watchdog once it took the mark. */
	private @Nullable Connection callConnection;

	/**
	 * The mark the watchdog saw at its last look, how many on-time looks in a row saw it,
	 * and the loop thread's CPU time at the first of them; the watchdog only.
	 */
	private long watchedMark;

	private int looks;

	private long cpuAtFirstLook;

	/**
	 * Connections whose call held a thread that lost the loop, with the tasks for them
	 * that wait until that thread lets go.
	 */
	private final Map<Connection, List<Runnable>> held = new ConcurrentHashMap<>();

	/** Which connection each thread that lost the loop still holds. */
	private final Map<Thread, Connection> heldBy = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean wakeupPending = new AtomicBoolean();

	private final long tickNanos;

	private final BusyPoll busyPoll;

	/**
	 * Whether this pass handed a call to the handler executor; the loop's threads only.
	 */
	private boolean handedOff;

	private volatile boolean running = true;

	/** Set on the first loop only, before it starts. */
	private @Nullable Acceptor acceptor;

	private long now = System.nanoTime();

	/** Whether {@link #now} was read in this pass's selection. */
	private boolean clockRead;

	EventLoop(WsServer server, int index, long tickNanos, long busyPollNanos) {
		this.server = server;
		this.tickNanos = tickNanos;
		this.busyPoll = new BusyPoll(busyPollNanos);
		this.name = "ws-loop-" + index;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = new Thread(this, this.name);
	}

	/**
	 * Native order: unmasking reads and writes it 8 bytes at a time, 4x faster than
	 * big-endian.
	 */
	private static ByteBuffer newReadBuffer() {
		return ByteBuffer.allocateDirect(READ_BUFFER_SIZE).order(ByteOrder.nativeOrder());
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
	 * Marks the start of a handler call that may block, on the loop.
	 * @param connection whose call it is
	 * @return the call's mark, for {@link #callEnded(long)}
	 */
	long callStarted(Connection connection) {
		this.callConnection = connection;
		long mark = 2 * ++this.calls + 1;
		CALL_MARK.setRelease(this, mark);
		return mark;
	}

	/**
	 * Marks the end of a handler call that may block.
	 * @param mark what {@link #callStarted(Connection)} returned
	 * @return {@code true} when this thread still runs the loop; {@code false} when the
	 * watchdog handed the loop on during the call, and the calling thread must leave it
	 */
	boolean callEnded(long mark) {
		if (CALL_MARK.compareAndSet(this, mark, mark + 1)) {
			return true;
		}
		// The watchdog is handing the loop on: it names the new thread microseconds after
		// it took the mark. Until then this thread would still pass for the loop's. It
		// yields rather than spins: on a busy core the watchdog may need this CPU.
		while (inLoop()) {
			Thread.yield();
		}
		return false;
	}

	/**
	 * Whether a handler call that may block runs on the loop now; loop thread only.
	 * @return true between {@link #callStarted} and {@link #callEnded}
	 */
	boolean inCall() {
		return (((long) CALL_MARK.getOpaque(this)) & 1) != 0;
	}

	/**
	 * Looks at the call the loop runs, on the watchdog's every interval, and hands the
	 * loop on to a new thread when the same call ran through the whole last interval.
	 * @param onTime whether the watchdog looked about an interval after its last look; a
	 * look that came late (a pause of the whole JVM, say) proves nothing about the call
	 */
	void watch(boolean onTime) {
		long mark = (long) CALL_MARK.getVolatile(this);
		Thread thread = this.thread;
		if (!onTime || mark != this.watchedMark || (mark & 1) == 0) {
			this.watchedMark = mark;
			this.looks = 1;
			this.cpuAtFirstLook = ((mark & 1) != 0) ? LoopWatchdog.cpuTime(thread) : 0;
			return;
		}
		this.looks++;
		long cpu = LoopWatchdog.cpuTime(thread) - this.cpuAtFirstLook;
		if (LoopWatchdog.holdsLoopUp(thread.getState(), cpu, this.looks)
				&& CALL_MARK.compareAndSet(this, mark, HANDED_ON)) {
			handOn(this.callConnection);
		}
	}

	private void handOn(Connection connection) {
		Thread stalled = this.thread;
		Thread next = new Thread(this::takeOver, this.name);
		next.setDaemon(stalled.isDaemon());
		this.held.put(connection, new ArrayList<>());
		this.heldBy.put(stalled, connection);
		this.thread = next;
		next.start();
		connection.heldLoopUp(stalled.getName());
	}

	/**
	 * Runs the loop on a new thread: moves every connection but the held ones to a
	 * selector of its own, since the stalled thread still holds the old one. Moving costs
	 * a registration per connection, once per endpoint that blocks: the endpoint's calls
	 * run on workers from then on.
	 */
	private void takeOver() {
		Selector previous = this.selector;
		Selector selector;
		try {
			selector = Selector.open();
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.ERROR, "Event loop could not be taken over; its connections stall", ex);
			return;
		}
		this.receiveTally = new ReceiveTally();
		this.sendTally = new SendTally(WsMetrics.EndpointMetrics.NONE);
		this.readBuffer = newReadBuffer();
		this.messageBuffers = new MessageBufferPool();
		for (SelectionKey key : previous.keys()) {
			if (!this.held.containsKey(key.attachment())) {
				move(key, selector);
			}
		}
		this.selector = selector;
		CALL_MARK.setVolatile(this, 2 * this.calls + 2);
		// A task added meanwhile may have woken the old selector only.
		this.wakeupPending.set(false);
		selector.wakeup();
		serve();
	}

	private void move(SelectionKey key, Selector selector) {
		try {
			SelectionKey moved = key.channel().register(selector, key.interestOps(), key.attachment());
			if (moved.attachment() instanceof Connection connection) {
				connection.registered(moved);
			}
			else {
				((Acceptor) moved.attachment()).registered(moved);
			}
		}
		catch (IOException | CancelledKeyException ex) {
			// Closed meanwhile: nothing to move.
		}
	}

	/**
	 * Runs a task for one connection on the loop; it waits while a thread that lost the
	 * loop still holds the connection.
	 * @param connection the connection the task works on
	 * @param task the task
	 */
	void execute(Connection connection, Runnable task) {
		execute(() -> {
			List<Runnable> waiting = this.held.isEmpty() ? null : this.held.get(connection);
			if (waiting != null) {
				waiting.add(task);
			}
			else {
				task.run();
			}
		});
	}

	/**
	 * Takes back a connection the thread that lost the loop let go of, and closes the
	 * selector that thread selected with; on the loop, whose thread has moved every other
	 * key off that selector before it runs tasks.
	 */
	private void release(Connection connection, Selector previous) {
		// Read before the selector closes and cancels the connection's key.
		int interest = connection.interest();
		close(previous);
		List<Runnable> waiting = this.held.remove(connection);
		connection.released(this.selector, interest);
		if (waiting != null) {
			waiting.forEach(this::runSafely);
		}
	}

	/** Takes note that a call read in this pass went to the handler executor. */
	void handedOff() {
		this.handedOff = true;
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
		serve();
	}

	private void serve() {
		Selector selector = this.selector;
		long nextTick = System.nanoTime() + this.tickNanos;
		while (this.running && inLoop()) {
			try {
				long timeout = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
				this.clockRead = false;
				long window = this.busyPoll.window();
				int ready = (window > 0) ? poll(selector, window) : 0;
				// A poll ends early for a task, whose wake-up it may have spent.
				if (ready == 0 && (window == 0 || this.tasks.isEmpty())) {
					ready = selector.select(this::ready, timeout);
				}
				if (!inLoop()) {
					break;
				}
				// A worker about to reply needs the core more than a poll does.
				this.busyPoll.passEnded(ready > 0 && !this.handedOff);
				this.handedOff = false;
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
		if (!inLoop()) {
			letGo(selector);
			return;
		}
		forEachConnection(Connection::closeChannel);
		this.held.keySet().forEach(Connection::closeChannel);
		runTasks();
		close(selector);
	}

	/**
	 * Polls the selector until it has events or a task comes, for at most the window.
	 * @return how many keys were handled
	 */
	private int poll(Selector selector, long windowNanos) throws IOException {
		long end = System.nanoTime() + windowNanos;
		int ready;
		do {
			ready = selector.selectNow(this::ready);
			if (ready == 0) {
				// A thread sharing the core, a worker writing a reply for one, goes
				// first.
				Thread.yield();
			}
		}
		while (ready == 0 && this.tasks.isEmpty() && System.nanoTime() - end < 0);
		if (inLoop()) {
			this.busyPoll.polled(ready > 0 || !this.tasks.isEmpty());
		}
		return ready;
	}

	/**
	 * Ends a thread that lost the loop, once the call that held it returned: the
	 * connection it held goes back to the loop, which also closes the selector this
	 * thread selected with (the loop has its own).
	 */
	private void letGo(Selector previous) {
		Connection connection = this.heldBy.remove(Thread.currentThread());
		execute(() -> release(connection, previous));
	}

	private static void close(Selector selector) {
		try {
			selector.close();
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.DEBUG, "Selector failed to close", ex);
		}
	}

	private void ready(SelectionKey key) {
		if (!inLoop()) {
			// Lost the loop during this pass: the new thread selects these keys again.
			return;
		}
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
		while (inLoop() && (task = this.tasks.poll()) != null) {
			runSafely(task);
		}
	}

	private void runSafely(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.ERROR, "Event loop task failed", ex);
		}
	}

	private void forEachConnection(java.util.function.Consumer<Connection> action) {
		for (SelectionKey key : this.selector.keys()) {
			if (!inLoop()) {
				return;
			}
			if (key.isValid() && key.attachment() instanceof Connection connection) {
				action.accept(connection);
			}
		}
	}

}
