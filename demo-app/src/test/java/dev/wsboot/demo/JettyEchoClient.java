package dev.wsboot.demo;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection of Jetty 12's WebSocket client, recording whole messages; every wait is
 * bounded. Public, because Jetty calls the listener's methods through method handles that
 * only reach public classes.
 */
public final class JettyEchoClient extends Session.Listener.AbstractAutoDemanding implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	static JettyEchoClient connect(WebSocketClient client, int port, String path, String... extensions)
			throws Exception {
		JettyEchoClient listener = new JettyEchoClient();
		ClientUpgradeRequest request = new ClientUpgradeRequest();
		request.addExtensions(extensions);
		client.connect(listener, URI.create("ws://127.0.0.1:" + port + path), request)
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		return listener;
	}

	List<ExtensionConfig> negotiatedExtensions() {
		return getSession().getUpgradeResponse().getExtensions();
	}

	void sendText(String message) throws Exception {
		Callback.Completable sent = new Callback.Completable();
		getSession().sendText(message, sent);
		sent.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	void sendBinary(byte[] message) throws Exception {
		Callback.Completable sent = new Callback.Completable();
		getSession().sendBinary(ByteBuffer.wrap(message), sent);
		sent.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	Object next() throws InterruptedException {
		Object message = this.messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(message).as("message received within %s", TIMEOUT).isNotNull();
		return message;
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
	public void close() {
		Session session = getSession();
		if (session != null && session.isOpen()) {
			session.close();
		}
	}

}
