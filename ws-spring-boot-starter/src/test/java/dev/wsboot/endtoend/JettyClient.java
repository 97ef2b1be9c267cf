package dev.wsboot.endtoend;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection of Jetty 12's WebSocket client, an implementation independent of ours
 * and of the JDK's, recording whole messages; every wait is bounded. Public, because
 * Jetty calls the listener's methods through method handles that only reach public
 * classes.
 */
public final class JettyClient extends Session.Listener.AbstractAutoDemanding implements AutoCloseable {

	private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<String> closed = new CompletableFuture<>();

	static JettyClient connect(WebSocketClient client, int port, String path, String... subprotocols) throws Exception {
		JettyClient listener = new JettyClient();
		ClientUpgradeRequest request = new ClientUpgradeRequest();
		request.setSubProtocols(subprotocols);
		client.connect(listener, URI.create("ws://127.0.0.1:" + port + path), request)
			.get(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		return listener;
	}

	void sendText(String message) throws Exception {
		Callback.Completable sent = new Callback.Completable();
		getSession().sendText(message, sent);
		sent.get(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	void sendBinary(byte[] message) throws Exception {
		Callback.Completable sent = new Callback.Completable();
		getSession().sendBinary(ByteBuffer.wrap(message), sent);
		sent.get(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	Object next() throws InterruptedException {
		Object message = this.messages.poll(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(message).as("message received within %s", JdkClient.TIMEOUT).isNotNull();
		return message;
	}

	String awaitClose() {
		return this.closed.orTimeout(JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	String acceptedSubprotocol() {
		return getSession().getUpgradeResponse().getAcceptedSubProtocol();
	}

	@Override
	public void onWebSocketText(String message) {
		this.messages.add(message);
	}

	@Override
	public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
		byte[] bytes = new byte[payload.remaining()];
		payload.get(bytes);
		this.messages.add(bytes);
		callback.succeed();
	}

	@Override
	public void onWebSocketClose(int statusCode, String reason) {
		this.closed.complete((statusCode + " " + ((reason != null) ? reason : "")).trim());
	}

	@Override
	public void onWebSocketError(Throwable cause) {
		this.closed.completeExceptionally(cause);
	}

	@Override
	public void close() {
		Session session = getSession();
		if (session != null && session.isOpen()) {
			session.close();
		}
	}

}
