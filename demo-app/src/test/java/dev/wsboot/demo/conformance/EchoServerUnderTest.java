package dev.wsboot.demo.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.handshake.HandshakeRequest;
import dev.wsboot.server.HandshakeDecision;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsHandshakeRouter;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsServerConfig;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * A plain {@link WsServer} with an echo handler on {@code /echo}, configured like the
 * demo's echo endpoint (16 MiB per frame and message): a server under test without
 * Spring.
 */
final class EchoServerUnderTest implements AutoCloseable {

	static final int LIMIT = 16 * 1024 * 1024;

	private final WsServer server;

	private final @Nullable ExecutorService executor;

	private final boolean adaptive;

	private EchoServerUnderTest(@Nullable ExecutorService executor, boolean adaptive) {
		this.executor = executor;
		this.adaptive = adaptive;
		WsServerConfig config = WsServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(2)
			.maxFrameSize(LIMIT)
			.maxMessageSize(LIMIT)
			.outboundBufferLimit(4L * LIMIT)
			.handlerExecutor(executor)
			.adaptiveDispatch(adaptive)
			.build();
		this.server = new WsServer(config, new EchoRouter());
	}

	/**
	 * Starts a server whose handlers run on the event loop.
	 * @return the running server
	 * @throws IOException if it cannot bind
	 */
	static EchoServerUnderTest onEventLoop() throws IOException {
		return start(null, false);
	}

	/**
	 * Starts a server whose handlers run on a small pool, as with the Spring defaults.
	 * @return the running server
	 * @throws IOException if it cannot bind
	 */
	static EchoServerUnderTest onWorkerPool() throws IOException {
		return start(Executors.newFixedThreadPool(4), false);
	}

	/**
	 * Starts a server with adaptive dispatch, as with the Spring defaults: the handler,
	 * which may block but never does, runs on the event loop, watched.
	 * @return the running server
	 * @throws IOException if it cannot bind
	 */
	static EchoServerUnderTest adaptive() throws IOException {
		return start(Executors.newFixedThreadPool(4), true);
	}

	private static EchoServerUnderTest start(@Nullable ExecutorService executor, boolean adaptive) throws IOException {
		EchoServerUnderTest echo = new EchoServerUnderTest(executor, adaptive);
		echo.server.start();
		return echo;
	}

	int port() {
		return this.server.port();
	}

	String description() {
		String handlers = (this.executor == null) ? "on the event loop"
				: this.adaptive ? "on the event loop, watched (adaptive dispatch)" : "on a pool of 4 threads";
		return "plain WsServer, echo handler on /echo, handlers " + handlers + ", port " + port();
	}

	@Override
	public void close() {
		this.server.stop(Duration.ofSeconds(5));
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	private static final class EchoRouter implements WsHandshakeRouter {

		private final WsHandler echo = new EchoHandler();

		@Override
		public HandshakeDecision route(HandshakeRequest request, InetSocketAddress remoteAddress) {
			if (!"/echo".equals(request.path())) {
				return new HandshakeDecision.Reject(404, "no endpoint at " + request.path(), "not_found");
			}
			return new HandshakeDecision.Accept(this.echo, "/echo");
		}

		@Override
		public boolean isBlocking() {
			return false;
		}

	}

	private static final class EchoHandler implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
			session.sendBinary(data);
		}

		@Override
		public void onError(WsSession session, Throwable error) {
			session.close(CloseStatus.of(CloseStatus.INTERNAL_ERROR.code(), "echo failed"));
		}

	}

}
