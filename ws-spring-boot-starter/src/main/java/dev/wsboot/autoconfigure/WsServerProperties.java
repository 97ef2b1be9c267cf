package dev.wsboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.server.OverflowPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the WebSocket server, under {@code ws.server}. Defaults match
 * {@link dev.wsboot.server.WsServerConfig#builder()}. Setters refuse values out of range,
 * so a bad value fails the startup naming its property.
 */
@ConfigurationProperties("ws.server")
public class WsServerProperties {

	private static final long MAX_INT_SIZE = Integer.MAX_VALUE;

	/**
	 * Whether to start the WebSocket server when the application has at least one
	 * endpoint.
	 */
	private boolean enabled = true;

	/**
	 * Port the WebSocket server listens on. Use 0 for a free port, published as
	 * 'local.ws.server.port'.
	 */
	private int port = 8001;

	/**
	 * Network address the WebSocket server binds to. Binds to every local address when
	 * not set.
	 */
	private @Nullable InetAddress address;

	/**
	 * Number of event-loop (selector) threads that serve connections. Defaults to the
	 * number of available processors.
	 */
	private int eventLoops = Runtime.getRuntime().availableProcessors();

	/**
	 * Largest frame payload accepted from a client. A larger frame closes the connection
	 * with 1009.
	 */
	private DataSize maxFrameSize = DataSize.ofKilobytes(64);

	/**
	 * Largest message accepted from a client, all fragments together. A larger message
	 * closes the connection with 1009.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Size above which outgoing messages are sent as several fragments of at most this
	 * size.
	 */
	private DataSize autoFragmentSize = DataSize.ofKilobytes(64);

	/**
	 * Largest opening handshake request accepted. A larger request gets 431.
	 */
	private DataSize maxHandshakeSize = DataSize.ofKilobytes(8);

	/**
	 * Time from connecting to the end of the opening handshake. A client that has not
	 * sent its complete request by then is disconnected; a request that handshake
	 * interceptors have not decided on by then gets 503.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Time a connection may go without receiving anything before it is closed with 1001.
	 * Use 0 to never close idle connections.
	 */
	private Duration idleTimeout = Duration.ofSeconds(60);

	/**
	 * Interval at which the server pings a connection that received nothing meanwhile.
	 * Use 0 to never ping.
	 */
	private Duration pingInterval = Duration.ZERO;

	/**
	 * Time to wait for the peer's close frame after sending ours, before dropping the
	 * connection.
	 */
	private Duration closeTimeout = Duration.ofSeconds(5);

	/**
	 * Maximum number of connections open at once. The handshake of one more gets 503.
	 */
	private int maxConnections = 10_000;

	/**
	 * Most outbound bytes queued for one session, because its peer reads slower than the
	 * application writes, before the overflow policy applies.
	 */
	private DataSize outboundBufferLimit = DataSize.ofMegabytes(4);

	/**
	 * What happens when a send would go past the outbound buffer limit.
	 */
	private OverflowPolicy overflowPolicy = OverflowPolicy.CLOSE;

	/**
	 * Time the server waits, when the application stops, for sessions to complete the
	 * closing handshake (1001) and for queued messages to be written, before closing the
	 * sockets.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * Threads that run the endpoints' methods.
	 */
	private Dispatch dispatch = Dispatch.ADAPTIVE;

	/**
	 * How long an event loop polls for more network events, after a pass that had some,
	 * before it sleeps: under a steady stream of messages, each wake-up of a sleeping
	 * loop costs the sending side an interrupt and the loop a context switch. Polls that
	 * find nothing make the loop poll less often. At most 1ms; 0 to sleep at once.
	 */
	private Duration busyPoll = Duration.ofNanos(30_000);

	/**
	 * Number of worker threads that run the endpoints' methods with the 'adaptive' and
	 * 'workers' dispatch on platform threads. Defaults to twice the number of available
	 * processors, at least 4.
	 */
	private int workerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

	/**
	 * Comma-separated list of origins whose web pages may open connections, besides the
	 * application's own pages (same host as the 'Host' header, on the WebSocket or the
	 * HTTP port) and clients that send no 'Origin'. Exact origins such as
	 * 'https://app.example.com', patterns such as 'https://*.example.com' or
	 * 'http://localhost:*', or '*' to allow every origin. Other origins get 403.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Whether to observe each message an endpoint handles with a Micrometer Observation
	 * (a 'ws.server.message.handling' timer and, with tracing, a span per message)
	 * instead of the plain timer of that name. Costs an Observation per message.
	 */
	private boolean observationEnabled;

	private final Ssl ssl = new Ssl();

	/**
	 * permessage-deflate (RFC 7692) compression.
	 */
	@NestedConfigurationProperty
	private final Compression compression = new Compression();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		Assert.isTrue(port >= 0 && port <= 65535, () -> "ws.server.port must be between 0 and 65535, but was " + port);
		this.port = port;
	}

	public @Nullable InetAddress getAddress() {
		return this.address;
	}

	public void setAddress(@Nullable InetAddress address) {
		this.address = address;
	}

	public int getEventLoops() {
		return this.eventLoops;
	}

	public void setEventLoops(int eventLoops) {
		Assert.isTrue(eventLoops > 0, () -> "ws.server.event-loops must be positive, but was " + eventLoops);
		this.eventLoops = eventLoops;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = requireIntSize("max-frame-size", maxFrameSize, 1);
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = requireIntSize("max-message-size", maxMessageSize, 1);
	}

	public DataSize getAutoFragmentSize() {
		return this.autoFragmentSize;
	}

	public void setAutoFragmentSize(DataSize autoFragmentSize) {
		this.autoFragmentSize = requireIntSize("auto-fragment-size", autoFragmentSize, 1);
	}

	public DataSize getMaxHandshakeSize() {
		return this.maxHandshakeSize;
	}

	public void setMaxHandshakeSize(DataSize maxHandshakeSize) {
		this.maxHandshakeSize = requireIntSize("max-handshake-size", maxHandshakeSize, 256);
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = requirePositive("handshake-timeout", handshakeTimeout);
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = requireNotNegative("idle-timeout", idleTimeout);
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = requireNotNegative("ping-interval", pingInterval);
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = requirePositive("close-timeout", closeTimeout);
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		Assert.isTrue(maxConnections > 0,
				() -> "ws.server.max-connections must be positive, but was " + maxConnections);
		this.maxConnections = maxConnections;
	}

	public DataSize getOutboundBufferLimit() {
		return this.outboundBufferLimit;
	}

	public void setOutboundBufferLimit(DataSize outboundBufferLimit) {
		Assert.isTrue(outboundBufferLimit.toBytes() > 0,
				() -> "ws.server.outbound-buffer-limit must be positive, but was " + outboundBufferLimit);
		this.outboundBufferLimit = outboundBufferLimit;
	}

	public OverflowPolicy getOverflowPolicy() {
		return this.overflowPolicy;
	}

	public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
		this.overflowPolicy = overflowPolicy;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = requireNotNegative("shutdown-timeout", shutdownTimeout);
	}

	public boolean isObservationEnabled() {
		return this.observationEnabled;
	}

	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	public Compression getCompression() {
		return this.compression;
	}

	public Dispatch getDispatch() {
		return this.dispatch;
	}

	public void setDispatch(Dispatch dispatch) {
		this.dispatch = dispatch;
	}

	public Duration getBusyPoll() {
		return this.busyPoll;
	}

	public void setBusyPoll(Duration busyPoll) {
		Assert.isTrue(!busyPoll.isNegative() && busyPoll.compareTo(Duration.ofMillis(1)) <= 0,
				() -> "ws.server.busy-poll must be between 0 and 1ms, but was " + busyPoll);
		this.busyPoll = busyPoll;
	}

	public int getWorkerThreads() {
		return this.workerThreads;
	}

	public void setWorkerThreads(int workerThreads) {
		Assert.isTrue(workerThreads > 0, () -> "ws.server.worker-threads must be positive, but was " + workerThreads);
		this.workerThreads = workerThreads;
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	private static DataSize requireIntSize(String name, DataSize size, long min) {
		Assert.isTrue(size.toBytes() >= min && size.toBytes() <= MAX_INT_SIZE,
				() -> "ws.server." + name + " must be between " + min + "B and " + MAX_INT_SIZE + "B, but was " + size);
		return size;
	}

	private static Duration requirePositive(String name, Duration duration) {
		Assert.isTrue(!duration.isNegative() && !duration.isZero(),
				() -> "ws.server." + name + " must be positive, but was " + duration);
		return duration;
	}

	private static Duration requireNotNegative(String name, Duration duration) {
		Assert.isTrue(!duration.isNegative(), () -> "ws.server." + name + " must not be negative, but was " + duration);
		return duration;
	}

	/**
	 * TLS ('wss://') of the WebSocket server, from a Spring Boot SSL bundle.
	 */
	public static class Ssl {

		/**
		 * Whether to serve TLS with the SSL bundle named by 'ws.server.ssl.bundle'.
		 */
		private boolean enabled = true;

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.jks.* or spring.ssl.bundle.pem.*)
		 * whose key store holds the server's key and certificate. When set, the server
		 * accepts only TLS ('wss://') connections, with TLSv1.3 or TLSv1.2.
		 */
		private @Nullable String bundle;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Where the endpoints' methods (and the handshake routing) run.
	 */
	public enum Dispatch {

		/**
		 * On the event loop that read the message, watched, until a call of the endpoint
		 * blocks: when a call holds its loop up (25 to 50 ms waiting in Java or
		 * computing, 100 to 125 ms waiting in native code), another thread takes the loop
		 * over, and the endpoint's methods run on worker threads from then on, as with
		 * 'workers'. As fast as the event loop for endpoints that never block, as safe as
		 * workers after one stall per endpoint that does. Endpoints declared
		 * '@WsEndpoint(nonBlocking = true)' always run on the event loops.
		 */
		ADAPTIVE,

		/**
		 * On worker threads, off the event loops, so that a handler that blocks stalls
		 * only its own session: virtual threads when 'spring.threads.virtual.enabled' is
		 * true on Java 21 or later, else a pool of 'worker-threads' platform threads.
		 * Endpoints declared '@WsEndpoint(nonBlocking = true)' run on the event loops.
		 */
		WORKERS,

		/**
		 * Directly on the event loop that read the message: the fastest, but a handler
		 * that blocks stalls every connection of that loop.
		 */
		EVENT_LOOP

	}

	/**
	 * permessage-deflate settings. On by default, without context takeover in either
	 * direction, so that compressors and decompressors are pooled and an idle connection
	 * holds no native zlib memory; browsers offer the extension on every connection.
	 */
	public static class Compression {

		/**
		 * Whether to negotiate permessage-deflate with clients that offer it.
		 */
		private boolean enabled = true;

		/**
		 * Whether the server compresses each message with a fresh window (no context
		 * takeover), which lets connections share pooled compressors and a broadcast be
		 * compressed once.
		 */
		private boolean serverNoContextTakeover = true;

		/**
		 * Whether to ask clients to compress each message with a fresh window, which lets
		 * the server pool its decompressors instead of keeping one per connection.
		 */
		private boolean clientNoContextTakeover = true;

		/**
		 * Smallest message worth compressing; smaller ones are sent as they are.
		 */
		private DataSize minMessageSize = DataSize.ofBytes(256);

		/**
		 * Deflate level, from 1 (fastest) to 9 (smallest).
		 */
		private int level = 6;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isServerNoContextTakeover() {
			return this.serverNoContextTakeover;
		}

		public void setServerNoContextTakeover(boolean serverNoContextTakeover) {
			this.serverNoContextTakeover = serverNoContextTakeover;
		}

		public boolean isClientNoContextTakeover() {
			return this.clientNoContextTakeover;
		}

		public void setClientNoContextTakeover(boolean clientNoContextTakeover) {
			this.clientNoContextTakeover = clientNoContextTakeover;
		}

		public DataSize getMinMessageSize() {
			return this.minMessageSize;
		}

		public void setMinMessageSize(DataSize minMessageSize) {
			this.minMessageSize = requireIntSize("compression.min-message-size", minMessageSize, 0);
		}

		public int getLevel() {
			return this.level;
		}

		public void setLevel(int level) {
			Assert.isTrue(level >= 1 && level <= 9,
					() -> "ws.server.compression.level must be 1 to 9, but was " + level);
			this.level = level;
		}

		PerMessageDeflateConfig toConfig() {
			return new PerMessageDeflateConfig(this.enabled, this.serverNoContextTakeover, this.clientNoContextTakeover,
					(int) this.minMessageSize.toBytes(), this.level);
		}

	}

}
