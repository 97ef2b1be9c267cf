package dev.wsboot.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A WebSocket client for the demo's endpoint tests, on the JDK's
 * {@link java.net.http.WebSocket}: it queues the text messages it receives, to be taken
 * in order with a bounded wait.
 */
public final class TestClient implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int MAX_SKIPPED = 10_000;

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private TestClient(URI uri) throws Exception {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(TIMEOUT)
			.buildAsync(uri, new Listener())
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Connects to the demo's WebSocket server on the loopback address.
	 * @param port the server's port
	 * @param pathAndQuery for example {@code /chat/lobby?nick=ann}
	 * @return the connected client
	 * @throws Exception if the handshake fails
	 */
	public static TestClient connect(int port, String pathAndQuery) throws Exception {
		return new TestClient(URI.create("ws://127.0.0.1:" + port + pathAndQuery));
	}

	/**
	 * Sends a text message and waits until it is handed to the socket.
	 * @param text the message
	 * @return this client
	 * @throws Exception if sending fails
	 */
	public TestClient send(String text) throws Exception {
		this.socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		return this;
	}

	/**
	 * Takes the next text message.
	 * @return the message
	 * @throws InterruptedException if interrupted while waiting
	 */
	public String next() throws InterruptedException {
		String text = this.received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (text == null) {
			fail("no message within " + TIMEOUT);
		}
		return text;
	}

	/**
	 * Takes the next text message as JSON.
	 * @return the parsed message
	 * @throws InterruptedException if interrupted while waiting
	 */
	public DocumentContext nextJson() throws InterruptedException {
		return JsonPath.parse(next());
	}

	/**
	 * Takes messages until one whose {@code type} is the given one.
	 * @param type the expected type
	 * @return that message
	 * @throws InterruptedException if interrupted while waiting
	 */
	public DocumentContext nextOfType(String type) throws InterruptedException {
		return nextMatching((message) -> type.equals(message.read("$.type")));
	}

	/**
	 * Takes messages until one the predicate accepts.
	 * @param predicate what to wait for
	 * @return the first message it accepts
	 * @throws InterruptedException if interrupted while waiting
	 */
	public DocumentContext nextMatching(Predicate<DocumentContext> predicate) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		for (int skipped = 0; skipped < MAX_SKIPPED; skipped++) {
			String text = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (text == null) {
				break;
			}
			DocumentContext message = JsonPath.parse(text);
			if (predicate.test(message)) {
				return message;
			}
		}
		return fail("no matching message within " + TIMEOUT);
	}

	/**
	 * Waits for the server to close the connection.
	 * @return the close code and reason the server sent
	 * @throws Exception if the connection did not close in time
	 */
	public Closed awaitClose() throws Exception {
		return this.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	@Override
	public void close() throws Exception {
		if (!this.socket.isOutputClosed()) {
			try {
				this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				// The server closed first and the client answered meanwhile.
			}
		}
		if (!this.socket.isInputClosed()) {
			this.closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		assertThat(this.socket.isInputClosed()).isTrue();
	}

	/**
	 * How the server closed the connection.
	 *
	 * @param code the close code
	 * @param reason the reason
	 */
	public record Closed(int code, String reason) {
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				TestClient.this.received.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			TestClient.this.closed.complete(new Closed(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			TestClient.this.closed.completeExceptionally(error);
		}

	}

}
