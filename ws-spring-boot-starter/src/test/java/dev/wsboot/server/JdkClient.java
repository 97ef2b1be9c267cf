package dev.wsboot.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client, recording every message and the close it receives, with
 * bounded waits.
 */
final class JdkClient implements WebSocket.Listener, AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder text = new StringBuilder();

	private ByteBuffer binary = ByteBuffer.allocate(0);

	private final WebSocket socket;

	JdkClient(URI uri, String... subprotocols) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
		if (subprotocols.length > 0) {
			builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
		}
		this.socket = builder.buildAsync(uri, this).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	static JdkClient connect(int port, String path, String... subprotocols) {
		return new JdkClient(URI.create("ws://127.0.0.1:" + port + path), subprotocols);
	}

	WebSocket socket() {
		return this.socket;
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
		ByteBuffer joined = ByteBuffer.allocate(this.binary.remaining() + data.remaining());
		joined.put(this.binary).put(data).flip();
		this.binary = joined;
		if (last) {
			byte[] bytes = new byte[joined.remaining()];
			joined.get(bytes);
			this.messages.add(bytes);
			this.binary = ByteBuffer.allocate(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		byte[] bytes = new byte[message.remaining()];
		message.get(bytes);
		this.messages.add(new Pong(bytes));
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeCode.completeExceptionally(error);
	}

	Object next() throws InterruptedException {
		Object message = this.messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("no message within " + TIMEOUT);
		}
		return message;
	}

	String nextText() throws InterruptedException {
		return (String) next();
	}

	int awaitClose() {
		return this.closeCode.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	record Pong(byte[] payload) {
	}

}
