package dev.wsboot.benchmarks.server;

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

/**
 * The wsboot peer: a {@link WsServer} with an echo {@link WsHandler} on {@code /echo}, 16
 * MiB frames and messages (as the Netty peer), no idle timeout (neither peer has one).
 * <p>
 * Until the Spring layer lands this is the plain listener, not a Spring Boot app, and it
 * records no metrics. Handlers run on the event loop, as Netty's do; the system property
 * {@code wsboot.dispatch=pool} runs them on a fixed pool of one thread per core instead.
 * <p>
 * Arguments: the port (0 for a free one).
 */
public final class WsbootEchoServer {

	static final int MAX_SIZE = 16 * 1024 * 1024;

	private WsbootEchoServer() {
	}

	public static void main(String[] args) throws IOException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
		WsServer server = start(port, "pool".equals(System.getProperty("wsboot.dispatch")));
		ServerControl.ready(server.port(), () -> server.stop(Duration.ofSeconds(2)));
	}

	/**
	 * Starts an echo server on 127.0.0.1.
	 * @param port the port, 0 for a free one
	 * @param pool whether handlers run on a worker pool rather than the event loop
	 * @return the running server
	 * @throws IOException when the port cannot be bound
	 */
	public static WsServer start(int port, boolean pool) throws IOException {
		ExecutorService executor = pool
				? Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), (task) -> {
					Thread thread = new Thread(task, "ws-echo-worker");
					thread.setDaemon(true);
					return thread;
				}) : null;
		WsServerConfig config = WsServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(port)
			.maxFrameSize(MAX_SIZE)
			.maxMessageSize(MAX_SIZE)
			.autoFragmentSize(MAX_SIZE)
			.idleTimeout(Duration.ZERO)
			.maxConnections(20_000)
			.handlerExecutor(executor)
			.build();
		WsServer server = new WsServer(config, new EchoRouter(new EchoHandler()));
		server.start();
		return server;
	}

	static final class EchoRouter implements WsHandshakeRouter {

		private final HandshakeDecision accept;

		EchoRouter(WsHandler handler) {
			this.accept = new HandshakeDecision.Accept(handler, "/echo");
		}

		@Override
		public HandshakeDecision route(HandshakeRequest request, InetSocketAddress remoteAddress) {
			return "/echo".equals(request.path()) ? this.accept
					: new HandshakeDecision.Reject(404, "no endpoint at " + request.path(), "not_found");
		}

		@Override
		public boolean isBlocking() {
			return false;
		}

	}

	static final class EchoHandler implements WsHandler {

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
