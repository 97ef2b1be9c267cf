package dev.wsboot.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.handshake.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * One open WebSocket connection, as the application sees it. Every method is safe to call
 * from any thread, concurrently: messages sent from one thread go out whole and in the
 * order that thread sent them.
 * <p>
 * Sends are written to the socket at once, except while the listener is writing a batch
 * together: the replies of handler calls that ran back to back because messages were
 * queued for the session (see the {@code workers} dispatch), or everything sent while the
 * event loop handles one read (handlers on the event loop). A send's future then
 * completes when it joins the batch. The batch is written before the last queued call
 * runs, and at once when another thread sends, a close is sent, more than 64 KiB are
 * held, 200 microseconds have passed between calls or a call took 50 microseconds or
 * more; a reply may so wait for the one call queued after it.
 */
public interface WsSession {

	/**
	 * Returns an identifier unique among this server's sessions.
	 * @return the session id
	 */
	String id();

	/**
	 * Returns the path the client asked for, without the query.
	 * @return the request path, for example {@code /rooms/lobby}
	 */
	String path();

	/**
	 * Returns the query of the handshake request.
	 * @return the raw query without the {@code ?}, or {@code null} when there was none
	 */
	@Nullable String query();

	/**
	 * Returns the values of the endpoint's path template variables.
	 * @return an unmodifiable map, for example {@code room -> lobby} for
	 * {@code /rooms/{room}}
	 */
	Map<String, String> pathParams();

	/**
	 * Returns attributes the application keeps with this session, starting with those a
	 * handshake interceptor set.
	 * @return a modifiable, thread-safe map
	 */
	Map<String, Object> attributes();

	/**
	 * Returns the subprotocol agreed in the handshake.
	 * @return the subprotocol, or {@code null} when none was agreed
	 */
	@Nullable String subprotocol();

	/**
	 * Returns the peer's address.
	 * @return the remote address
	 */
	InetSocketAddress remoteAddress();

	/**
	 * Returns the headers of the handshake request.
	 * @return the request headers
	 */
	HttpHeaders handshakeHeaders();

	/**
	 * Returns the principal a handshake interceptor authenticated.
	 * @return the principal, or {@code null} when none was set
	 */
	@Nullable Principal principal();

	/**
	 * Sends a text message.
	 * @param text the message
	 * @return completes when the message was handed to the socket, or exceptionally when
	 * the session closed first or its outbound buffer limit was reached
	 */
	CompletableFuture<Void> sendText(CharSequence text);

	/**
	 * Sends a binary message. Large messages are written from {@code data} itself,
	 * without a copy (as the JDK's and Jetty's WebSocket clients do), so its bytes must
	 * not change until the returned future completes.
	 * @param data the message, from its position to its limit, in a heap or a direct
	 * buffer; the position is not moved
	 * @return completes when the message was handed to the socket, or exceptionally when
	 * the session closed first or its outbound buffer limit was reached
	 */
	CompletableFuture<Void> sendBinary(ByteBuffer data);

	/**
	 * Sends a binary message. Large messages are written from {@code data} itself, so its
	 * bytes must not change until the returned future completes.
	 * @param data the message
	 * @return as {@link #sendBinary(ByteBuffer)}
	 */
	default CompletableFuture<Void> sendBinary(byte[] data) {
		return sendBinary(ByteBuffer.wrap(data));
	}

	/**
	 * Sends a message encoded once for many sessions, as a broadcast does.
	 * @param message the prepared message
	 * @return as {@link #sendText(CharSequence)}
	 */
	CompletableFuture<Void> send(PreparedMessage message);

	/**
	 * Sends a ping; the pong arrives at the endpoint's pong handler.
	 * @param payload at most 125 bytes of application data
	 * @return as {@link #sendText(CharSequence)}
	 */
	CompletableFuture<Void> ping(ByteBuffer payload);

	/**
	 * Starts the closing handshake with the given status. Messages already sent go out
	 * first.
	 * @param status the code and reason to send; 1005, 1006 and 1015 are not allowed on
	 * the wire
	 * @return completes when the connection is closed
	 */
	CompletableFuture<Void> close(CloseStatus status);

	/**
	 * Starts the closing handshake with 1000 (normal closure).
	 * @return completes when the connection is closed
	 */
	default CompletableFuture<Void> close() {
		return close(CloseStatus.NORMAL);
	}

	/**
	 * Returns whether messages can still be sent: the session is open and no close was
	 * sent.
	 * @return true while open
	 */
	boolean isOpen();

}
