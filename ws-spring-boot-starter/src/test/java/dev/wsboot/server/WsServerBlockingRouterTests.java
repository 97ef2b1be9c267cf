package dev.wsboot.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.wsboot.protocol.handshake.HandshakeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A router that may block (one running handshake interceptors) runs on a worker while the
 * connection stops reading; a rejection must still end the connection as soon as the
 * client closes, not at the close timeout.
 */
class WsServerBlockingRouterTests {

	private final ExecutorService workers = Executors.newFixedThreadPool(2);

	private WsServer server;

	@BeforeEach
	void start() throws Exception {
		WsServerConfig config = WsServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(1)
			.closeTimeout(Duration.ofMinutes(1))
			.handlerExecutor(this.workers)
			.build();
		this.server = new WsServer(config, new WsHandshakeRouter() {

			@Override
			public HandshakeDecision route(HandshakeRequest request, InetSocketAddress remoteAddress) {
				return new HandshakeDecision.Reject(401, "Missing token", "interceptor");
			}

			@Override
			public boolean isBlocking() {
				return true;
			}

		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(5));
		this.workers.shutdownNow();
	}

	@Test
	void closesRejectedConnectionWhenTheClientCloses() throws Exception {
		try (RawClient client = RawClient.connect(this.server.port())) {
			assertThat(client.handshake("/secure").status()).isEqualTo(401);
			assertThat(client.awaitServerClose()).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.connections() == 0);
	}

}
