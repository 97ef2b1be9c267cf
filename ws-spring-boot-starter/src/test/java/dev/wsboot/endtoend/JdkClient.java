package dev.wsboot.endtoend;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK's WebSocket client, recording whole messages and the close it receives; every
 * wait is bounded.
 */
final class JdkClient implements WebSocket.Listener, AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<String> closed = new CompletableFuture<>();

	private final StringBuilder text = new StringBuilder();

	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

	private volatile WebSocket socket;

	static JdkClient connect(int port, String path, String... subprotocols) {
		return connectAsync(port, path, subprotocols).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	static CompletableFuture<JdkClient> connectAsync(int port, String path, String... subprotocols) {
		JdkClient client = new JdkClient();
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
		if (subprotocols.length > 0) {
			builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
		}
		return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + path), client).thenApply((socket) -> {
			client.socket = socket;
			return client;
		});
	}

	WebSocket socket() {
		return this.socket;
	}

	void sendText(String message) {
		this.socket.sendText(message, true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	void sendBinary(byte[] message) {
		this.socket.sendBinary(ByteBuffer.wrap(message), true).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	Object next() throws InterruptedException {
		Object message = this.messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(message).as("message received within %s", TIMEOUT).isNotNull();
		return message;
	}

	String nextText() throws InterruptedException {
		return (String) next();
	}

	byte[] nextBinary() throws InterruptedException {
		return (byte[]) next();
	}

	/**
	 * Waits for the server's close.
	 * @return the code and reason, as {@code "1001 reason"}
	 */
	String awaitClose() {
		return this.closed.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(1);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			this.messages.add(this.text.toString());
			this.text.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] part = new byte[data.remaining()];
		data.get(part);
		this.binary.writeBytes(part);
		if (last) {
			this.messages.add(this.binary.toByteArray());
			this.binary.reset();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete((statusCode + " " + reason).trim());
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.completeExceptionally(error);
	}

	@Override
	public void close() {
		WebSocket socket = this.socket;
		if (socket != null && !socket.isOutputClosed()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
		}
		if (socket != null) {
			socket.abort();
		}
	}

}
