package dev.wsboot.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.handshake.HandshakeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A router that may block (one running handshake interceptors) runs on a worker while the
 * connection stops reading. A rejection must still end the connection as soon as the
 * client closes, not at the close timeout; and a router that blocks past the handshake
 * timeout gets the connection refused for it, its decision dropped.
 */
class WsServerBlockingRouterTests {

	private final ExecutorService workers = Executors.newFixedThreadPool(2);

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch routed = new CountDownLatch(1);

	private WsServer server;

	@BeforeEach
	void start() throws Exception {
		WsServerConfig config = WsServerConfig.builder()
			.address(InetAddress.getLoopbackAddress())
			.port(0)
			.eventLoops(1)
			.handshakeTimeout(Duration.ofMillis(500))
			.closeTimeout(Duration.ofMinutes(1))
			.handlerExecutor(this.workers)
			.build();
		this.server = new WsServer(config, new WsHandshakeRouter() {

			@Override
			public HandshakeDecision route(HandshakeRequest request, InetSocketAddress remoteAddress) {
				if (request.path().equals("/hang")) {
					awaitRelease();
					return new HandshakeDecision.Reject(401, "too late", "interceptor");
				}
				return new HandshakeDecision.Reject(401, "Missing token", "interceptor");
			}

			@Override
			public boolean isBlocking() {
				return true;
			}

		});
		this.server.start();
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.routed.countDown();
	}

	@AfterEach
	void stop() {
		this.release.countDown();
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

	@Test
	void refusesWith503WhenTheRouterBlocksPastTheHandshakeTimeout() throws Exception {
		try (RawClient client = RawClient.connect(this.server.port())) {
			assertThat(client.handshake("/hang").status()).isEqualTo(503);
			assertThat(client.awaitServerClose()).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.server.connections() == 0);
		this.release.countDown();
		assertThat(this.routed.await(10, TimeUnit.SECONDS)).isTrue();
		try (RawClient client = RawClient.connect(this.server.port())) {
			assertThat(client.handshake("/secure").status()).isEqualTo(401);
		}
	}

}
