package dev.wsboot.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.close.CloseCodes;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.extension.Extension;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.extension.PerMessageDeflateNegotiation;
import dev.wsboot.protocol.extension.PerMessageDeflateParameters;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.FrameListener;
import dev.wsboot.protocol.frame.FrameParser;
import dev.wsboot.protocol.frame.Opcode;
import dev.wsboot.protocol.handshake.HandshakeException;
import dev.wsboot.protocol.handshake.HandshakeRequest;
import dev.wsboot.protocol.handshake.HandshakeRequestParser;
import dev.wsboot.protocol.handshake.HandshakeResponses;
import dev.wsboot.protocol.handshake.HttpHeaders;
import dev.wsboot.protocol.handshake.ServerHandshake;
import dev.wsboot.protocol.message.MessageAssembler;
import dev.wsboot.protocol.message.MessageListener;
import org.jspecify.annotations.Nullable;

/**
 * One accepted socket, from the first handshake byte to the closed TCP connection, and
 * the session the application sees. Reads, parsing, timers and state changes happen on
 * its event loop only; sends may come from any thread through {@link Outbound}; handler
 * calls run through a {@link SerialExecutor}, or on the loop when the server runs
 * handlers there.
 */
final class Connection implements WsSession, FrameListener, MessageListener, Outbound.Owner {

	private static final System.Logger logger = System.getLogger(WsServer.class.getName());

	/**
	 * Inbound bytes waiting for a slow handler above which the connection stops reading.
	 */
	private static final long PAUSE_READING = 1 << 20;

	/** Inbound bytes waiting below which a paused connection reads again. */
	private static final long RESUME_READING = 1 << 18;

	private static final AtomicLongFieldUpdater<Connection> PENDING_INBOUND = AtomicLongFieldUpdater
		.newUpdater(Connection.class, "pendingInbound");

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	/** The RSV bit permessage-deflate owns. */
	private static final int RSV1 = 0x40;

	/** How long a session reads nothing before its parsing state is dropped. */
	private static final long QUIET_NANOS = 1_000_000_000L;

	private enum State {

		/** Reading the handshake request. */
		HANDSHAKE,
		/** The request is with the router, on a worker; reading is off. */
		ROUTING,
		/** The session is open. */
		OPEN,
		/**
		 * The last frame (a close, or an HTTP error) is sent; waiting for the peer or the
		 * deadline.
		 */
		CLOSING,
		/** The socket is closed. */
		CLOSED

	}

	private final WsServer server;

	private final EventLoop loop;

	private final Transport transport;

	private final Outbound outbound;

	private final long id;

	private final InetSocketAddress remoteAddress;

	private final boolean overLimit;

	private @Nullable SelectionKey key;

	private volatile State state = State.HANDSHAKE;

	private volatile boolean closeSent;

	private long lastReadNanos;

	private long lastPingNanos;

	/**
	 * When the handshake must be done, or, once the last frame is sent, when the peer
	 * must have closed.
	 */
	private long deadlineNanos;

	private long openedNanos;

	private @Nullable HandshakeRequestParser requestParser;

	private @Nullable ByteBuffer early;

	/**
	 * The handshake request while it is routed; afterwards only its raw bytes are kept.
	 */
	private @Nullable HandshakeRequest request;

	/**
	 * The request's head as it came in, kept instead of its parsed headers: a few hundred
	 * bytes rather than a few dozen objects for each open session, parsed again only when
	 * asked for.
	 */
	private byte @Nullable [] head;

	private @Nullable String target;

	/** Terms of permessage-deflate agreed in the handshake, until the session opens. */
	private @Nullable PerMessageDeflateParameters negotiated;

	/**
	 * permessage-deflate, when negotiated; its monitor orders compression with the wire.
	 */
	private @Nullable PerMessageDeflate deflate;

	/** Wire bytes of the compressed message being received, or -1. */
	private long compressedInbound = -1;

	private HandshakeDecision.@Nullable Accept accepted;

	private WsMetrics.EndpointMetrics metrics = WsMetrics.EndpointMetrics.NONE;

	/**
	 * Where the handler's calls run once the handshake is accepted; {@code null} when
	 * always on this loop (no handler executor, or a handler that never blocks).
	 */
	private @Nullable HandlerPlacement placement;

	/**
	 * Set on the thread that ran a call of this session when the loop was handed on
	 * meanwhile, until the loop takes the session back; the unread bytes wait in
	 * {@link #early}.
	 */
	private boolean loopLost;

	private @Nullable SerialExecutor serial;

	/** Counts what the worker running this session's calls sends; made with serial. */
	private @Nullable SendTally sendTally;

	private @Nullable FrameParser parser;

	private @Nullable MessageAssembler assembler;

	private @Nullable CloseStatus closeStatus;

	private boolean closedByServer;

	private boolean closeReceived;

	private boolean discarding;

	private boolean readPaused;

	private volatile long pendingInbound;

	private volatile @Nullable Map<String, Object> attributes;

	private @Nullable CompletableFuture<Void> closed;

	Connection(WsServer server, EventLoop loop, SocketChannel channel, long id, InetSocketAddress remoteAddress,
			boolean overLimit) {
		WsServerConfig config = server.config();
		this.server = server;
		this.loop = loop;
		this.id = id;
		this.remoteAddress = remoteAddress;
		this.overLimit = overLimit;
		Supplier<SSLEngine> tls = config.tlsEngineFactory();
		this.transport = (tls != null) ? new TlsTransport(channel, tls.get(), this::wrapNeeded)
				: new PlainTransport(channel);
		this.outbound = new Outbound(this.transport, this, config.outboundBufferLimit(), config.overflowPolicy());
		this.requestParser = new HandshakeRequestParser(config.maxHandshakeSize());
		this.lastReadNanos = loop.now();
		this.deadlineNanos = this.lastReadNanos + config.handshakeTimeout().toNanos();
	}

	/** Called on the loop once the channel is registered with its selector. */
	void registered(SelectionKey key) {
		this.key = key;
	}

	// ---- reading (event loop) ----

	void onReady(int readyOps) {
		if ((readyOps & SelectionKey.OP_WRITE) != 0 && this.state != State.CLOSED) {
			this.key.interestOpsAnd(~SelectionKey.OP_WRITE);
			this.outbound.drain();
		}
		if ((readyOps & SelectionKey.OP_READ) != 0 && this.state != State.CLOSED) {
			// With handlers on the loop, what they send for one read goes out in one
			// write after it.
			boolean onLoop = this.state == State.OPEN && handlerExecutor() == null;
			boolean corked = onLoop && this.outbound.cork();
			SendTally sent = this.loop.sendTally();
			if (onLoop) {
				sent.begin(this.metrics);
			}
			read();
			if (corked && this.state != State.CLOSED) {
				this.outbound.uncork();
			}
			if (onLoop) {
				sent.end();
			}
		}
	}

	private void read() {
		do {
			ByteBuffer buffer = this.loop.readBuffer();
			buffer.clear();
			int read;
			try {
				read = this.transport.read(buffer);
			}
			catch (IOException ex) {
				closeChannel();
				return;
			}
			if (read < 0) {
				closeChannel();
				return;
			}
			if (read > 0) {
				this.lastReadNanos = this.loop.now();
				buffer.flip();
				switch (this.state) {
					case HANDSHAKE -> readHandshake(buffer);
					case OPEN, CLOSING -> readFrames(buffer);
					default -> {
					}
				}
			}
		}
		while (this.transport.hasBufferedInput() && this.state != State.CLOSED && !this.readPaused
				&& this.state != State.ROUTING && !this.loopLost);
	}

	/** The TLS engine has handshake messages to send: a write lets it. */
	private void wrapNeeded() {
		this.outbound.send(EMPTY);
	}

	private void readHandshake(ByteBuffer buffer) {
		HandshakeRequest request;
		try {
			int start = buffer.position();
			request = this.requestParser.parse(buffer);
			keepHead(buffer, start);
			if (request == null) {
				return;
			}
			ServerHandshake.validate(request);
			this.negotiated = PerMessageDeflateNegotiation.negotiate(ServerHandshake.offeredExtensions(request),
					this.server.config().compression());
		}
		catch (HandshakeException ex) {
			reject(ex.status(), ex.getMessage(), (ex.status() == 426) ? "version" : "bad_request",
					HandshakeResponses.reject(ex));
			return;
		}
		this.requestParser = null;
		this.request = request;
		if (buffer.hasRemaining()) {
			this.early = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
		}
		if (this.overLimit) {
			reject(503, "too many connections", "limit", null);
			return;
		}
		route(request);
	}

	private void keepHead(ByteBuffer buffer, int start) {
		int length = buffer.position() - start;
		byte[] kept = this.head;
		int offset = (kept != null) ? kept.length : 0;
		byte[] grown = (kept != null) ? Arrays.copyOf(kept, offset + length) : new byte[length];
		buffer.get(start, grown, offset, length);
		this.head = grown;
	}

	private void route(HandshakeRequest request) {
		WsHandshakeRouter router = this.server.router();
		Executor executor = this.server.config().handlerExecutor();
		if (executor == null || !router.isBlocking()) {
			decide(routeSafely(router, request));
			return;
		}
		this.state = State.ROUTING;
		this.key.interestOps(0);
		try {
			executor.execute(() -> {
				HandshakeDecision decision = routeSafely(router, request);
				this.loop.execute(this, () -> decide(decision));
			});
		}
		catch (RuntimeException ex) {
			decide(new HandshakeDecision.Reject(503, "server is shutting down", "limit"));
		}
	}

	private HandshakeDecision routeSafely(WsHandshakeRouter router, HandshakeRequest request) {
		try {
			return router.route(request, this.remoteAddress);
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "Handshake router failed for " + request.path(), ex);
			return new HandshakeDecision.Reject(500, "handshake failed", "interceptor");
		}
	}

	private void decide(HandshakeDecision decision) {
		if (this.state != State.HANDSHAKE && this.state != State.ROUTING) {
			// Closed meanwhile, or the router missed the handshake timeout and was
			// answered for: its decision comes too late.
			return;
		}
		if (decision instanceof HandshakeDecision.Reject reject) {
			if (this.state == State.ROUTING) {
				// Reading was off while a worker routed: turn it on, so that the peer's
				// close after our response ends the connection now, not at the close
				// timeout.
				this.key.interestOps(SelectionKey.OP_READ);
			}
			reject(reject.status(), reject.message(), reject.reason(),
					HandshakeResponses.reject(reject.status(), reject.message(), reject.headers()));
			return;
		}
		HandshakeDecision.Accept accept = (HandshakeDecision.Accept) decision;
		WsServerConfig config = this.server.config();
		String acceptKey = ServerHandshake.acceptKey(this.request.headers().first("Sec-WebSocket-Key"));
		if (this.negotiated != null) {
			this.deflate = PerMessageDeflate.create(Role.SERVER, this.negotiated, config.compression(),
					this.server.deflatePool());
			this.negotiated = null;
		}
		String extensions = (this.deflate != null) ? this.deflate.headerValue() : null;
		this.outbound.send(ByteBuffer.wrap(HandshakeResponses.accept(acceptKey, accept.subprotocol(), extensions)));
		this.target = this.request.target();
		this.request = null;
		this.accepted = accept;
		this.placement = (config.handlerExecutor() != null && accept.handler().mayBlock())
				? this.server.placement(accept.handler()) : null;
		this.metrics = this.server.metrics().endpoint(accept.endpoint());
		this.openedNanos = this.loop.now();
		this.lastReadNanos = this.openedNanos;
		this.state = State.OPEN;
		this.server.sessionOpened();
		this.metrics.sessionOpened();
		dispatchOpenOrClose(() -> accept.handler().onOpen(this));
		this.key.interestOps(SelectionKey.OP_READ);
		ByteBuffer early = this.early;
		if (early != null) {
			this.early = null;
			readFrames(early);
		}
	}

	private void reject(int status, String message, String reason, byte @Nullable [] response) {
		this.server.metrics().handshakeRejected(reason);
		logger.log(System.Logger.Level.DEBUG, () -> "Handshake from " + this.remoteAddress + " rejected with " + status
				+ " (" + reason + "): " + message);
		byte[] bytes = (response != null) ? response : HandshakeResponses.reject(status, message);
		this.discarding = true;
		sendLast(ByteBuffer.wrap(bytes), this::shutdownOutput);
	}

	private void readFrames(ByteBuffer buffer) {
		if (this.discarding) {
			return;
		}
		if (this.loopLost) {
			keepForLoop(buffer);
			return;
		}
		FrameParser parser = this.parser;
		if (parser == null) {
			WsServerConfig config = this.server.config();
			List<Extension> extensions = (this.deflate != null) ? List.of(this.deflate) : List.of();
			this.assembler = new MessageAssembler(Role.SERVER, config.maxFrameSize(), config.maxMessageSize(),
					extensions, this);
			parser = new FrameParser(this);
			this.parser = parser;
		}
		ReceiveTally tally = this.loop.receiveTally();
		tally.start(this.metrics);
		try {
			parser.parse(buffer);
		}
		catch (ProtocolException ex) {
			protocolViolation(ex);
		}
		finally {
			tally.flush();
		}
		if (this.loopLost) {
			keepForLoop(buffer);
		}
	}

	/**
	 * Keeps what this thread, which lost the loop during a call, has not parsed: the loop
	 * parses it once it has the session back.
	 */
	private void keepForLoop(ByteBuffer unread) {
		if (unread.hasRemaining()) {
			this.early = copy(unread);
		}
	}

	/**
	 * Takes the session back on the loop, on a new selector, once the thread that lost
	 * the loop during one of its calls let go of it; parses what that thread left.
	 * @param selector the loop's selector now
	 * @param interest the operations the session's key with the old selector waited for
	 */
	void released(Selector selector, int interest) {
		this.loopLost = false;
		if (this.state == State.CLOSED) {
			return;
		}
		try {
			this.key = this.key.channel().register(selector, interest, this);
		}
		catch (IOException ex) {
			closeChannel();
			return;
		}
		ByteBuffer early = this.early;
		if (early != null) {
			this.early = null;
			readFrames(early);
		}
		if (this.transport.hasBufferedInput() && !this.readPaused) {
			onReady(SelectionKey.OP_READ);
		}
	}

	/**
	 * Returns what the session's selection key waits for.
	 * @return the key's interest set; none once the key is cancelled
	 */
	int interest() {
		try {
			return this.key.interestOps();
		}
		catch (CancelledKeyException ex) {
			return 0;
		}
	}

	/**
	 * The loop's watchdog took the loop from a call of this session: the handler's calls
	 * run on the executor from now on. On the watchdog's thread.
	 * @param loop the name of the thread the call holds
	 */
	void heldLoopUp(String loop) {
		this.metrics.loopHandedOn();
		this.placement.moveOffLoop(this.accepted.endpoint(), loop);
	}

	// ---- frames and messages from the parser (event loop) ----

	@Override
	public void onFrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
		this.loop.receiveTally().frame(opcode, FrameEncoder.headerLength(payloadLength, masked) + payloadLength);
		if (opcode == Opcode.TEXT || opcode == Opcode.BINARY) {
			this.compressedInbound = ((rsv & RSV1) != 0) ? payloadLength : -1;
		}
		else if (opcode == Opcode.CONTINUATION && this.compressedInbound >= 0) {
			this.compressedInbound += payloadLength;
		}
		this.assembler.onFrameHeader(fin, rsv, opcode, masked, payloadLength);
	}

	@Override
	public void onFramePayload(ByteBuffer payload) {
		this.assembler.onFramePayload(payload);
	}

	@Override
	public void onFrameEnd() {
		this.assembler.onFrameEnd();
	}

	private void countInflated(int size) {
		if (this.compressedInbound >= 0) {
			this.metrics.compressed(true, this.compressedInbound, size);
			this.compressedInbound = -1;
		}
	}

	@Override
	public void onText(ByteBuffer utf8) {
		this.loop.receiveTally().message(true);
		countInflated(utf8.remaining());
		if (this.state != State.OPEN || this.closeSent) {
			return;
		}
		int size = utf8.remaining();
		String text = decode(utf8);
		WsHandler handler = this.accepted.handler();
		dispatch(() -> handler.onText(this, text), size);
	}

	@Override
	public void onBinary(ByteBuffer data, boolean owned) {
		this.loop.receiveTally().message(false);
		countInflated(data.remaining());
		if (this.state != State.OPEN || this.closeSent) {
			return;
		}
		int size = data.remaining();
		WsHandler handler = this.accepted.handler();
		if (!owned && handler.borrowsBinary() && lendBinary(handler, data, size)) {
			return;
		}
		ByteBuffer message = owned ? data : copy(data);
		dispatch(() -> handler.onBinary(this, message), size);
	}

	/**
	 * Lends a borrowing handler the message where it is: in the read buffer when the call
	 * runs on this loop, in a pooled buffer that outlives this read when it runs on a
	 * worker.
	 * @return whether the message was lent; {@code false} when it is to be copied
	 */
	private boolean lendBinary(WsHandler handler, ByteBuffer data, int size) {
		if (handlerExecutor() == null) {
			ByteBuffer view = data.slice().asReadOnlyBuffer();
			Lending.run(() -> dispatch(() -> handler.onBinary(this, view), size));
			return true;
		}
		MessageBufferPool pool = this.loop.messageBuffers();
		ByteBuffer pooled = pool.copy(data);
		if (pooled == null) {
			return false;
		}
		ByteBuffer view = pooled.asReadOnlyBuffer();
		dispatch(() -> {
			try {
				Lending.run(() -> handler.onBinary(this, view));
			}
			finally {
				pool.give(pooled);
			}
		}, size);
		return true;
	}

	@Override
	public void onPing(ByteBuffer payload) {
		if (!this.closeSent) {
			sendControl(Opcode.PONG, payload);
		}
	}

	@Override
	public void onPong(ByteBuffer payload) {
		ByteBuffer copy = copy(payload);
		WsHandler handler = this.accepted.handler();
		dispatch(() -> handler.onPong(this, copy), 0);
	}

	@Override
	public void onClose(CloseStatus status) {
		this.closeReceived = true;
		if (this.closeSent) {
			// The peer answered our close: the server closes TCP first.
			closeChannel();
			return;
		}
		this.closeStatus = status;
		this.closedByServer = false;
		CloseStatus echo = (status.code() == CloseStatus.NO_STATUS_RECEIVED.code()) ? null
				: CloseStatus.of(status.code(), "");
		afterDispatchedCalls(() -> {
			if (this.closeSent) {
				closeChannel();
			}
			else {
				sendClose(echo, this::closeChannel);
			}
		});
	}

	private void protocolViolation(ProtocolException ex) {
		this.metrics.protocolError(ex.closeCode());
		logger.log(System.Logger.Level.DEBUG,
				() -> "Closing " + this.remoteAddress + " with " + ex.closeCode() + ": " + ex.getMessage());
		this.discarding = true;
		if (this.closeSent) {
			closeChannel();
			return;
		}
		CloseStatus status = CloseStatus.of(ex.closeCode(), ex.getMessage());
		afterDispatchedCalls(() -> {
			if (this.closeSent) {
				shutdownOutput();
				return;
			}
			this.closeStatus = status;
			this.closedByServer = true;
			sendClose(status, this::shutdownOutput);
		});
	}

	/**
	 * Runs a loop action once the handler calls already dispatched have run, so that
	 * replies to the messages before a close (or a violation) go out before our close
	 * frame, as strict peers expect.
	 */
	private void afterDispatchedCalls(Runnable action) {
		SerialExecutor serial = this.serial;
		Runnable guarded = () -> {
			if (this.state != State.CLOSED) {
				action.run();
			}
		};
		// Only the event loop dispatches: a session that is idle now stays idle while the
		// action runs, and there is nothing to wait for.
		if (serial == null || serial.isIdle()) {
			guarded.run();
		}
		else {
			SendTally tally = this.sendTally;
			serial.execute(() -> {
				// The replies are counted before the action closes the session.
				tally.flush();
				this.loop.execute(this, guarded);
			});
		}
	}

	// ---- closing (event loop) ----

	/** Starts the closing handshake, unless one is under way. */
	void initiateClose(CloseStatus status) {
		switch (this.state) {
			case HANDSHAKE, ROUTING -> closeChannel();
			case OPEN -> {
				if (!this.closeSent) {
					this.closeStatus = status;
					this.closedByServer = true;
					sendClose(status, null);
				}
			}
			default -> {
			}
		}
	}

	private void sendClose(@Nullable CloseStatus status, @Nullable Runnable afterSent) {
		this.closeSent = true;
		ByteBuffer payload = (status != null) ? ByteBuffer.wrap(status.toPayload()) : EMPTY;
		ByteBuffer frame = OutboundFrames.control(Opcode.CLOSE, payload);
		this.metrics.framesSent(Opcode.CLOSE, 1, frame.remaining());
		sendLast(frame, afterSent);
	}

	private void sendLast(ByteBuffer bytes, @Nullable Runnable afterSent) {
		this.state = State.CLOSING;
		this.deadlineNanos = this.loop.now() + this.server.config().closeTimeout().toNanos();
		CompletableFuture<Void> sent = this.outbound.sendLast(bytes);
		if (afterSent == null) {
			return;
		}
		if (sent.isDone()) {
			// Written at once, the usual case: act now, in the same pass. Queued behind
			// the loop's other work, our FIN came after the peer, woken by the frame, had
			// closed first, although the server is to close first (RFC 6455 7.1.1); and
			// on loopback that late FIN did the peer's TIME_WAIT work on our CPU.
			afterSent.run();
		}
		else {
			sent.whenComplete((ignored, failure) -> this.loop.execute(this, afterSent));
		}
	}

	/**
	 * After an error response or a close for a violation: send FIN, and read and drop
	 * whatever the peer still sends until it closes or the close timeout passes, so that
	 * our last bytes are not lost to a reset.
	 */
	private void shutdownOutput() {
		this.discarding = true;
		if (this.state == State.CLOSED) {
			return;
		}
		try {
			this.transport.shutdownOutput();
		}
		catch (IOException ex) {
			closeChannel();
		}
	}

	/** Closes the socket; idempotent. Reports the end of the session once. */
	void closeChannel() {
		if (this.state == State.CLOSED) {
			return;
		}
		boolean wasOpen = this.openedNanos != 0;
		this.state = State.CLOSED;
		this.closeSent = true;
		if (this.key != null) {
			this.key.cancel();
		}
		try {
			this.transport.close();
		}
		catch (IOException ex) {
			// Nothing more to do with a socket that fails to close.
		}
		this.outbound.abort("closed");
		this.server.connectionClosed(wasOpen);
		if (this.assembler != null) {
			this.assembler.release();
		}
		PerMessageDeflate deflate = this.deflate;
		if (deflate != null) {
			synchronized (deflate) {
				deflate.release();
			}
		}
		if (wasOpen) {
			// The frames of the read that ended the session, and the replies to them, are
			// counted before it closes.
			this.loop.receiveTally().flush();
			this.loop.sendTally().flush();
			CloseStatus status = (this.closeStatus != null) ? this.closeStatus : CloseStatus.ABNORMAL_CLOSURE;
			this.metrics.sessionClosed(status.code(), this.closedByServer, this.loop.now() - this.openedNanos);
			WsHandler handler = this.accepted.handler();
			dispatchOpenOrClose(() -> handler.onClose(this, status));
		}
		CompletableFuture<Void> closed;
		synchronized (this) {
			closed = this.closed;
		}
		if (closed != null) {
			closed.complete(null);
		}
	}

	/** Runs the timers on the loop's tick. */
	void checkTimers(long now) {
		WsServerConfig config = this.server.config();
		switch (this.state) {
			case HANDSHAKE -> {
				if (now - this.deadlineNanos >= 0) {
					this.server.metrics().handshakeRejected("timeout");
					closeChannel();
				}
			}
			case ROUTING -> {
				if (now - this.deadlineNanos >= 0) {
					// The router (an interceptor waiting on a token service, say) used up
					// the handshake timeout: refuse rather than wait as long as it
					// blocks.
					decide(new HandshakeDecision.Reject(503, "Handshake timed out", "timeout"));
				}
			}
			case OPEN -> {
				long idle = now - this.lastReadNanos;
				if (idle >= QUIET_NANOS) {
					releaseParserIfIdle();
				}
				long idleTimeout = config.idleTimeout().toNanos();
				long pingInterval = config.pingInterval().toNanos();
				if (idleTimeout > 0 && idle >= idleTimeout) {
					initiateClose(CloseStatus.of(CloseStatus.GOING_AWAY.code(), "idle timeout"));
				}
				else if (pingInterval > 0 && idle >= pingInterval && now - this.lastPingNanos >= pingInterval
						&& !this.closeSent) {
					this.lastPingNanos = now;
					sendControl(Opcode.PING, EMPTY);
				}
			}
			case CLOSING -> {
				if (now - this.deadlineNanos >= 0) {
					closeChannel();
				}
			}
			default -> {
			}
		}
	}

	/**
	 * Drops the frame parser and the message assembler of a connection that has been
	 * quiet between messages: they are made again with the next frame, so that idle
	 * sessions hold no parsing state.
	 */
	private void releaseParserIfIdle() {
		FrameParser parser = this.parser;
		MessageAssembler assembler = this.assembler;
		if (parser != null && assembler != null && parser.isIdle() && assembler.isIdle() && !parser.isFailed()) {
			assembler.release();
			this.parser = null;
			this.assembler = null;
		}
	}

	/**
	 * Whether the session holds a frame parser now; for tests of the memory an idle
	 * session keeps.
	 */
	boolean holdsParsingState() {
		return this.parser != null;
	}

	// ---- called from other threads ----

	@Override
	public void requestWritable() {
		if (this.loop.inLoop()) {
			armWrite();
		}
		else {
			this.loop.execute(this, this::armWrite);
		}
	}

	private void armWrite() {
		if (this.state != State.CLOSED) {
			this.key.interestOpsOr(SelectionKey.OP_WRITE);
		}
	}

	@Override
	public void writeFailed(IOException ex) {
		this.loop.execute(this, this::closeChannel);
	}

	@Override
	public void closeForOverflow() {
		this.loop.execute(this, () -> initiateClose(
				CloseStatus.of(CloseStatus.POLICY_VIOLATION.code(), "outbound buffer limit reached")));
	}

	// ---- dispatch ----

	/**
	 * Returns where this session's handler calls run, once the handshake is accepted.
	 * @return the server's handler executor, or {@code null} for this event loop
	 */
	private @Nullable Executor handlerExecutor() {
		HandlerPlacement placement = this.placement;
		return (placement != null && placement.offLoop()) ? this.server.config().handlerExecutor() : null;
	}

	private void dispatch(Runnable call, int size) {
		HandlerPlacement placement = this.placement;
		if (placement == null) {
			invoke(call);
			return;
		}
		if (!placement.offLoop()) {
			invokeWatched(call);
			return;
		}
		Executor executor = this.server.config().handlerExecutor();
		SerialExecutor serial = this.serial;
		if (serial == null) {
			// Made with the first call to dispatch: a session that only ever idles (or
			// whose open and close run on the loop) holds none.
			SendTally tally = new SendTally(this.metrics);
			serial = new SerialExecutor(executor, SerialExecutor.RunListener.of(new ReplyCork(this.outbound), tally));
			this.sendTally = tally;
			this.serial = serial;
		}
		if (size > 0 && PENDING_INBOUND.addAndGet(this, size) >= PAUSE_READING && !this.readPaused
				&& this.state == State.OPEN) {
			this.readPaused = true;
			this.key.interestOpsAnd(~SelectionKey.OP_READ);
		}
		this.loop.handedOff();
		serial.execute(() -> {
			invoke(call);
			if (size > 0) {
				long before = PENDING_INBOUND.getAndAdd(this, -size);
				if (before >= RESUME_READING && before - size < RESUME_READING) {
					this.loop.execute(this, this::resumeReading);
				}
			}
		});
	}

	/**
	 * Calls onOpen or onClose where messages run, or right away on the event loop when
	 * the handler says they only do bookkeeping: a thread hand-off each saved.
	 */
	private void dispatchOpenOrClose(Runnable call) {
		if (this.accepted.handler().dispatchesOpenAndClose()) {
			dispatch(call, 0);
		}
		else {
			invoke(call);
		}
	}

	private void resumeReading() {
		if (this.readPaused && this.pendingInbound < PAUSE_READING && this.state != State.CLOSED) {
			this.readPaused = false;
			this.key.interestOpsOr(SelectionKey.OP_READ);
		}
	}

	/**
	 * Runs a call that may block on the loop, where the watchdog sees it: should the loop
	 * be handed on meanwhile, this thread stops reading the session once the call
	 * returns, and the loop takes the session back when the thread lets go of it.
	 */
	private void invokeWatched(Runnable call) {
		if (!this.loop.inLoop() || this.loop.inCall()) {
			invoke(call);
			return;
		}
		long mark = this.loop.callStarted(this);
		invoke(call);
		if (!this.loop.callEnded(mark)) {
			this.loopLost = true;
			if (this.parser != null) {
				this.parser.pause();
			}
		}
	}

	private void invoke(Runnable call) {
		try {
			call.run();
		}
		catch (Throwable ex) {
			try {
				this.accepted.handler().onError(this, ex);
			}
			catch (Throwable failure) {
				logger.log(System.Logger.Level.ERROR, "Error handler of " + this.accepted.endpoint() + " failed",
						failure);
				close(CloseStatus.of(CloseStatus.INTERNAL_ERROR.code(), "internal error"));
			}
		}
	}

	// ---- sending ----

	private void sendControl(int opcode, ByteBuffer payload) {
		ByteBuffer frame = OutboundFrames.control(opcode, payload);
		this.metrics.framesSent(opcode, 1, frame.remaining());
		this.outbound.send(frame);
	}

	private CompletableFuture<Void> sendData(int opcode, ByteBuffer payload) {
		if (!isOpen()) {
			return CompletableFuture.failedFuture(new SendFailedException("session is closed or closing"));
		}
		PerMessageDeflate deflate = this.deflate;
		if (deflate == null) {
			return enqueue(opcode, 0, payload);
		}
		// With context takeover, messages must reach the wire in the order they were
		// compressed.
		synchronized (deflate) {
			ByteBuffer compressed;
			try {
				compressed = deflate.encode(payload.duplicate());
			}
			catch (IllegalStateException ex) {
				return CompletableFuture.failedFuture(new SendFailedException("session is closed"));
			}
			if (compressed == null) {
				return enqueue(opcode, 0, payload);
			}
			this.metrics.compressed(false, compressed.remaining(), payload.remaining());
			return enqueue(opcode, RSV1, compressed);
		}
	}

	private CompletableFuture<Void> enqueue(int opcode, int rsv, ByteBuffer payload) {
		int fragmentSize = this.server.config().autoFragmentSize();
		ByteBuffer[] frames = OutboundFrames.frames(opcode, rsv, payload, fragmentSize);
		countSent(opcode == Opcode.TEXT, OutboundFrames.frameCount(payload.remaining(), fragmentSize),
				OutboundFrames.remaining(frames));
		// A payload the frames still point to may be a view of a lent buffer. Asked in
		// this order so that heap frames (every text reply) skip the thread-local lookup.
		return this.outbound.send(frames, OutboundFrames.refersToDirect(frames) && Lending.active());
	}

	private void countSent(boolean text, int frameCount, long wireBytes) {
		SendTally tally = this.loop.inLoop() ? this.loop.sendTally() : this.sendTally;
		if (tally == null || !tally.message(this.metrics, text, frameCount, wireBytes)) {
			SendTally.record(this.metrics, text ? 1 : 0, text ? 0 : 1, frameCount - 1, wireBytes);
			this.metrics.messagesSent(text, 1);
		}
	}

	@Override
	public CompletableFuture<Void> sendText(CharSequence text) {
		return sendData(Opcode.TEXT, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public CompletableFuture<Void> sendBinary(ByteBuffer data) {
		return sendData(Opcode.BINARY, data);
	}

	@Override
	public CompletableFuture<Void> send(PreparedMessage message) {
		if (!isOpen()) {
			return CompletableFuture.failedFuture(new SendFailedException("session is closed or closing"));
		}
		ByteBuffer frames = message.frames();
		PerMessageDeflate deflate = this.deflate;
		if (deflate != null && deflate.canSendStandalone(message.payloadLength())) {
			ByteBuffer compressed = message.compressedFrames(this.server.deflatePool());
			if (compressed != null) {
				frames = compressed;
			}
		}
		countSent(message.isText(), message.frameCount(), frames.remaining());
		return this.outbound.send(frames);
	}

	@Override
	public CompletableFuture<Void> ping(ByteBuffer payload) {
		if (payload.remaining() > 125) {
			throw new IllegalArgumentException("ping payload is limited to 125 bytes");
		}
		if (!isOpen()) {
			return CompletableFuture.failedFuture(new SendFailedException("session is closed or closing"));
		}
		ByteBuffer frame = OutboundFrames.control(Opcode.PING, payload);
		this.metrics.framesSent(Opcode.PING, 1, frame.remaining());
		return this.outbound.send(frame);
	}

	@Override
	public CompletableFuture<Void> close(CloseStatus status) {
		if (!CloseCodes.isTransmittable(status.code())) {
			throw new IllegalArgumentException("close code " + status.code() + " cannot be sent");
		}
		CompletableFuture<Void> closed;
		synchronized (this) {
			if (this.closed == null) {
				this.closed = new CompletableFuture<>();
			}
			closed = this.closed;
		}
		this.loop.execute(this, () -> {
			if (this.state == State.CLOSED) {
				closed.complete(null);
			}
			else {
				initiateClose(status);
			}
		});
		return closed;
	}

	@Override
	public boolean isOpen() {
		return this.state == State.OPEN && !this.closeSent;
	}

	// ---- session properties ----

	@Override
	public String id() {
		return Long.toHexString(this.id);
	}

	@Override
	public String path() {
		int query = this.target.indexOf('?');
		return (query >= 0) ? this.target.substring(0, query) : this.target;
	}

	@Override
	public @Nullable String query() {
		int query = this.target.indexOf('?');
		return (query >= 0) ? this.target.substring(query + 1) : null;
	}

	@Override
	public Map<String, String> pathParams() {
		return this.accepted.pathParams();
	}

	@Override
	public Map<String, Object> attributes() {
		Map<String, Object> attributes = this.attributes;
		if (attributes == null) {
			synchronized (this) {
				attributes = this.attributes;
				if (attributes == null) {
					attributes = new ConcurrentHashMap<>(this.accepted.attributes());
					this.attributes = attributes;
				}
			}
		}
		return attributes;
	}

	@Override
	public @Nullable String subprotocol() {
		return this.accepted.subprotocol();
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public HttpHeaders handshakeHeaders() {
		byte[] head = this.head;
		return new HandshakeRequestParser(head.length).parse(ByteBuffer.wrap(head)).headers();
	}

	@Override
	public @Nullable Principal principal() {
		return this.accepted.principal();
	}

	@Override
	public String toString() {
		return "WsSession[" + id() + " " + this.remoteAddress + "]";
	}

	private static String decode(ByteBuffer utf8) {
		if (utf8.hasArray()) {
			return new String(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(),
					StandardCharsets.UTF_8);
		}
		byte[] bytes = new byte[utf8.remaining()];
		utf8.get(utf8.position(), bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static ByteBuffer copy(ByteBuffer source) {
		byte[] bytes = new byte[source.remaining()];
		source.get(source.position(), bytes);
		return ByteBuffer.wrap(bytes);
	}

}
