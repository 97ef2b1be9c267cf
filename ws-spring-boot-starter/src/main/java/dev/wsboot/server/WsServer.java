package dev.wsboot.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.extension.DeflatePool;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket server on its own port: the first of {@link WsServerConfig#eventLoops()}
 * selector threads accepts connections and deals them out to every loop, round robin, and
 * a {@link WsHandshakeRouter} connects each valid handshake to the application's
 * {@link WsHandler}.
 */
public final class WsServer {

	static final CloseStatus GOING_AWAY = CloseStatus.of(CloseStatus.GOING_AWAY.code(), "server shutting down");

	private final WsServerConfig config;

	private final WsHandshakeRouter router;

	private final WsMetrics metrics;

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger sessions = new AtomicInteger();

	private final AtomicLong ids = new AtomicLong();

	private final DeflatePool deflatePool;

	private final Object lifecycleMonitor = new Object();

	private final Object drainMonitor = new Object();

	private volatile boolean running;

	private EventLoop @Nullable [] loops;

	private @Nullable Acceptor acceptor;

	private @Nullable LoopWatchdog watchdog;

	/** Weak: a router may make handlers as it goes, and each would stay otherwise. */
	private final Map<WsHandler, HandlerPlacement> placements = Collections.synchronizedMap(new WeakHashMap<>());

	private @Nullable InetSocketAddress boundAddress;

	/**
	 * Creates a server that records no metrics.
	 * @param config how to listen
	 * @param router where handshakes go
	 */
	public WsServer(WsServerConfig config, WsHandshakeRouter router) {
		this(config, router, WsMetrics.NONE);
	}

	/**
	 * Creates a server.
	 * @param config how to listen
	 * @param router where handshakes go
	 * @param metrics where to report traffic
	 */
	public WsServer(WsServerConfig config, WsHandshakeRouter router, WsMetrics metrics) {
		this.config = config;
		this.router = router;
		this.metrics = metrics;
		// Compressors for messages sent without context takeover, shared by every
		// connection.
		this.deflatePool = new DeflatePool(config.compression().compressionLevel(),
				Math.max(4, 2 * config.eventLoops()));
	}

	/**
	 * Binds the port and starts serving. Does nothing when already running.
	 * @throws IOException when the port cannot be bound
	 */
	public void start() throws IOException {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			ServerSocketChannel channel = ServerSocketChannel.open();
			try {
				channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
				channel.bind(new InetSocketAddress(this.config.address(), this.config.port()), 1024);
			}
			catch (IOException ex) {
				channel.close();
				throw ex;
			}
			this.boundAddress = (InetSocketAddress) channel.getLocalAddress();
			EventLoop[] loops = new EventLoop[this.config.eventLoops()];
			for (int i = 0; i < loops.length; i++) {
				loops[i] = new EventLoop(this, i, tickNanos(this.config), this.config.busyPoll().toNanos());
			}
			Acceptor acceptor = new Acceptor(this, channel, loops);
			loops[0].accept(acceptor);
			this.running = true;
			for (EventLoop loop : loops) {
				loop.start();
			}
			if (this.config.handlerExecutor() != null && this.config.adaptiveDispatch()) {
				this.watchdog = new LoopWatchdog(loops);
				this.watchdog.start();
			}
			this.loops = loops;
			this.acceptor = acceptor;
		}
	}

	/**
	 * Stops gracefully: stops accepting, sends every session a close with 1001 (going
	 * away), waits up to the timeout for the sessions to close (queued messages go out
	 * first), then drops what is left, releases the port and ends the server's threads.
	 * Does nothing when not running.
	 * @param timeout how long to wait for sessions to close
	 */
	public void stop(Duration timeout) {
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			EventLoop[] loops = this.loops;
			Acceptor acceptor = this.acceptor;
			// On the accepting loop, so that each loop hears "going away" after every
			// connection handed to it.
			loops[0].execute(() -> {
				acceptor.close();
				for (EventLoop loop : loops) {
					loop.goingAway();
				}
			});
			awaitNoConnections(timeout);
			if (this.watchdog != null) {
				this.watchdog.stop();
				this.watchdog = null;
			}
			for (EventLoop loop : loops) {
				loop.shutdown();
			}
			for (EventLoop loop : loops) {
				try {
					loop.join(timeout.toMillis() + 1000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			// A loop that never ran the task above still released the port as it ended.
			acceptor.close();
			this.loops = null;
			this.acceptor = null;
			this.deflatePool.close();
		}
	}

	/**
	 * Returns where the calls of a handler that may block run; the same for every session
	 * of the handler.
	 * @param handler the handler
	 * @return its placement
	 */
	HandlerPlacement placement(WsHandler handler) {
		return this.placements.computeIfAbsent(handler, (key) -> new HandlerPlacement(!this.config.adaptiveDispatch()));
	}

	/**
	 * Returns whether the server is serving.
	 * @return true between {@link #start()} and {@link #stop(Duration)}
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Returns the address the server is bound to.
	 * @return the bound address, or {@code null} before the first start
	 */
	public @Nullable InetSocketAddress address() {
		return this.boundAddress;
	}

	/**
	 * Returns the port the server is bound to, useful after binding port 0.
	 * @return the port, or -1 before the first start
	 */
	public int port() {
		InetSocketAddress address = this.boundAddress;
		return (address != null) ? address.getPort() : -1;
	}

	/**
	 * Returns how many sessions are open.
	 * @return the number of open sessions
	 */
	public int openSessions() {
		return this.sessions.get();
	}

	/**
	 * Returns how many sockets are connected, in the handshake, open or closing.
	 * @return the number of connections
	 */
	public int connections() {
		return this.connections.get();
	}

	/**
	 * Returns the configuration.
	 * @return the configuration
	 */
	public WsServerConfig config() {
		return this.config;
	}

	WsHandshakeRouter router() {
		return this.router;
	}

	WsMetrics metrics() {
		return this.metrics;
	}

	DeflatePool deflatePool() {
		return this.deflatePool;
	}

	/** Counts a socket just accepted; returns the count with it. */
	int connectionAccepted() {
		return this.connections.incrementAndGet();
	}

	long nextConnectionId() {
		return this.ids.incrementAndGet();
	}

	void sessionOpened() {
		this.sessions.incrementAndGet();
	}

	void connectionClosed(boolean wasOpen) {
		if (wasOpen) {
			this.sessions.decrementAndGet();
		}
		if (this.connections.decrementAndGet() == 0 && !this.running) {
			synchronized (this.drainMonitor) {
				this.drainMonitor.notifyAll();
			}
		}
	}

	private void awaitNoConnections(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.drainMonitor) {
			while (this.connections.get() > 0) {
				long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (remaining <= 0) {
					return;
				}
				try {
					this.drainMonitor.wait(remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static long tickNanos(WsServerConfig config) {
		long shortest = Long.MAX_VALUE;
		for (Duration duration : new Duration[] { config.handshakeTimeout(), config.idleTimeout(),
				config.pingInterval(), config.closeTimeout() }) {
			if (!duration.isZero() && !duration.isNegative()) {
				shortest = Math.min(shortest, duration.toNanos());
			}
		}
		return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(shortest / 10, TimeUnit.SECONDS.toNanos(1)));
	}

}
