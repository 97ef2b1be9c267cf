package dev.wsboot.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link WsServer} listens and what it allows. Immutable; build one with
 * {@link #builder()}, whose defaults are safe for a server facing the internet.
 *
 * @param address the address to bind, or {@code null} for every local address
 * @param port the port to bind, 0 for a free one
 * @param eventLoops how many selector threads serve connections
 * @param maxFrameSize the largest frame payload accepted, in bytes; larger is closed with
 * 1009
 * @param maxMessageSize the largest message accepted, in bytes; larger is closed with
 * 1009
 * @param autoFragmentSize outgoing messages larger than this are sent as fragments of
 * this size
 * @param maxHandshakeSize the largest handshake request, in bytes; larger gets 431
 * @param handshakeTimeout how long the handshake may take from the connection: a client
 * that has not sent its whole request by then is dropped, and a request a blocking router
 * has not decided on gets 503
 * @param idleTimeout how long a connection may go without receiving anything before it is
 * closed with 1001; zero for never
 * @param pingInterval how often the server pings a connection that received nothing
 * meanwhile; zero for never
 * @param closeTimeout how long to wait for the peer's close frame after sending ours
 * @param maxConnections the most connections open at once; the handshake of one more gets
 * 503
 * @param outboundBufferLimit the most bytes queued for one session before
 * {@code overflowPolicy} applies
 * @param overflowPolicy what happens when the outbound buffer limit is reached
 * @param handlerExecutor where handlers and the handshake router run, or {@code null} to
 * run them on the event loop (fastest, but a handler that blocks stalls every connection
 * of its loop); handlers that say they never block ({@link WsHandler#mayBlock()}) run on
 * the event loop either way
 * @param adaptiveDispatch with a handler executor, whether calls of handlers that may
 * block start on the event loop that read the message all the same, watched: once a call
 * holds its loop up (it waits or computes through two looks of the server's watchdog, 25
 * ms apart; five looks when it waits in native code), a new thread takes the loop over,
 * so that the loop's other connections go on, and the handler's calls run on the executor
 * from then on. Saves a thread hand-off per message for handlers that never block, at the
 * price of one stall of up to 50 ms (125 ms) per handler that does. Off by default here;
 * the Spring Boot starter turns it on
 * @param busyPoll how long an event loop polls for more events, after a pass that had
 * some, before it blocks in its selector: a blocked loop is woken by the peer's write at
 * a cost (an interrupt on the writer's core, a context switch on the loop's) that under a
 * steady stream of messages is larger than the messages' own. Windows that end empty make
 * the loop poll less often, so sparse traffic costs little; zero never polls
 */
public record WsServerConfig(@Nullable InetAddress address, int port, int eventLoops, int maxFrameSize,
		int maxMessageSize, int autoFragmentSize, int maxHandshakeSize, Duration handshakeTimeout, Duration idleTimeout,
		Duration pingInterval, Duration closeTimeout, int maxConnections, long outboundBufferLimit,
		OverflowPolicy overflowPolicy, @Nullable Executor handlerExecutor, boolean adaptiveDispatch, Duration busyPoll,
		PerMessageDeflateConfig compression, @Nullable Supplier<SSLEngine> tlsEngineFactory) {

	/**
	 * Returns a builder with the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds a {@link WsServerConfig}; every setter returns the builder.
	 */
	public static final class Builder {

		private @Nullable InetAddress address;

		private int port = 8001;

		private int eventLoops = Runtime.getRuntime().availableProcessors();

		private int maxFrameSize = 65536;

		private int maxMessageSize = 65536;

		private int autoFragmentSize = 65536;

		private int maxHandshakeSize = 8192;

		private Duration handshakeTimeout = Duration.ofSeconds(10);

		private Duration idleTimeout = Duration.ofSeconds(60);

		private Duration pingInterval = Duration.ZERO;

		private Duration closeTimeout = Duration.ofSeconds(5);

		private int maxConnections = 10_000;

		private long outboundBufferLimit = 4L * 1024 * 1024;

		private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE;

		private @Nullable Executor handlerExecutor;

		private boolean adaptiveDispatch;

		private Duration busyPoll = Duration.ofNanos(30_000);

		/**
		 * On, without context takeover either way: pooled zlib state, none held by idle
		 * connections.
		 */
		private PerMessageDeflateConfig compression = new PerMessageDeflateConfig(true, true, true, 256, 6);

		private @Nullable Supplier<SSLEngine> tlsEngineFactory;

		private Builder() {
		}

		public Builder address(@Nullable InetAddress address) {
			this.address = address;
			return this;
		}

		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder eventLoops(int eventLoops) {
			this.eventLoops = eventLoops;
			return this;
		}

		public Builder maxFrameSize(int maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
			return this;
		}

		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		public Builder autoFragmentSize(int autoFragmentSize) {
			this.autoFragmentSize = autoFragmentSize;
			return this;
		}

		public Builder maxHandshakeSize(int maxHandshakeSize) {
			this.maxHandshakeSize = maxHandshakeSize;
			return this;
		}

		public Builder handshakeTimeout(Duration handshakeTimeout) {
			this.handshakeTimeout = handshakeTimeout;
			return this;
		}

		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
			return this;
		}

		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
			return this;
		}

		public Builder closeTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
			return this;
		}

		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		public Builder outboundBufferLimit(long outboundBufferLimit) {
			this.outboundBufferLimit = outboundBufferLimit;
			return this;
		}

		public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
			return this;
		}

		public Builder handlerExecutor(@Nullable Executor handlerExecutor) {
			this.handlerExecutor = handlerExecutor;
			return this;
		}

		public Builder adaptiveDispatch(boolean adaptiveDispatch) {
			this.adaptiveDispatch = adaptiveDispatch;
			return this;
		}

		public Builder busyPoll(Duration busyPoll) {
			this.busyPoll = busyPoll;
			return this;
		}

		public Builder compression(PerMessageDeflateConfig compression) {
			this.compression = compression;
			return this;
		}

		public Builder tlsEngineFactory(@Nullable Supplier<SSLEngine> tlsEngineFactory) {
			this.tlsEngineFactory = tlsEngineFactory;
			return this;
		}

		/**
		 * Builds the configuration.
		 * @return the configuration
		 * @throws IllegalArgumentException when a value is out of range
		 */
		public WsServerConfig build() {
			require(this.port >= 0 && this.port <= 65535, "port must be 0..65535");
			require(this.eventLoops > 0, "eventLoops must be positive");
			require(this.maxFrameSize > 0 && this.maxMessageSize > 0, "frame and message sizes must be positive");
			require(this.autoFragmentSize > 0, "autoFragmentSize must be positive");
			require(this.maxHandshakeSize >= 256, "maxHandshakeSize must be at least 256 bytes");
			require(this.maxConnections > 0, "maxConnections must be positive");
			require(this.outboundBufferLimit > 0, "outboundBufferLimit must be positive");
			require(!this.busyPoll.isNegative() && this.busyPoll.compareTo(Duration.ofMillis(1)) <= 0,
					"busyPoll must be 0..1 ms");
			return new WsServerConfig(this.address, this.port, this.eventLoops, this.maxFrameSize, this.maxMessageSize,
					this.autoFragmentSize, this.maxHandshakeSize, this.handshakeTimeout, this.idleTimeout,
					this.pingInterval, this.closeTimeout, this.maxConnections, this.outboundBufferLimit,
					this.overflowPolicy, this.handlerExecutor, this.adaptiveDispatch, this.busyPoll, this.compression,
					this.tlsEngineFactory);
		}

		private static void require(boolean condition, String message) {
			if (!condition) {
				throw new IllegalArgumentException(message);
			}
		}

	}

}
