package dev.wsboot.server;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.close.CloseStatus;

/**
 * The application side of one endpoint. The listener calls a session's methods one at a
 * time and in order, never concurrently for the same session, on the thread the dispatch
 * mode chooses (but see {@link #mayBlock()} and {@link #dispatchesOpenAndClose()}).
 */
public interface WsHandler {

	/**
	 * Called once, after the handshake succeeded and before any message.
	 * @param session the new session
	 */
	default void onOpen(WsSession session) {
	}

	/**
	 * Called for each complete text message.
	 * @param session the session
	 * @param text the message, valid UTF-8
	 */
	void onText(WsSession session, String text);

	/**
	 * Called for each complete binary message.
	 * @param session the session
	 * @param data the message; the handler owns the buffer, unless it
	 * {@linkplain #borrowsBinary() borrows} it
	 */
	void onBinary(WsSession session, ByteBuffer data);

	/**
	 * Called for each pong, solicited or not.
	 * @param session the session
	 * @param payload the pong's application data; the handler owns the buffer
	 */
	default void onPong(WsSession session, ByteBuffer payload) {
	}

	/**
	 * Called when one of this handler's methods threw. The listener logs nothing itself.
	 * @param session the session
	 * @param error what was thrown
	 */
	void onError(WsSession session, Throwable error);

	/**
	 * Called once, when the connection is gone.
	 * @param session the session
	 * @param status the code the peer sent (or we sent, when we closed first or the peer
	 * broke the protocol); 1006 when the connection dropped without a closing handshake
	 */
	default void onClose(WsSession session, CloseStatus status) {
	}

	/**
	 * Returns whether {@link #onOpen} and {@link #onClose} may block or take long, and so
	 * run where messages run (on a worker with the {@code workers} dispatch). A handler
	 * whose {@code onOpen} and {@code onClose} only do quick, thread-safe bookkeeping
	 * returns {@code false}: they then run on the event loop, which saves each connection
	 * two thread hand-offs, and {@code onClose} may overlap a message call of the same
	 * session that is still running.
	 * @return {@code true} unless the handler says otherwise
	 */
	default boolean dispatchesOpenAndClose() {
		return true;
	}

	/**
	 * Returns whether this handler's methods may block or take long. A handler whose
	 * every method returns quickly without waiting (no blocking I/O, no sleeps, no locks
	 * held long) returns {@code false}: its calls then run on the event loop that reads
	 * the connection even when the server has a handler executor, which saves a thread
	 * hand-off per message. A call that blocks anyway stalls every connection of that
	 * loop. (The calls of a handler that may block run on the executor, or, with
	 * {@link WsServerConfig#adaptiveDispatch() adaptive dispatch}, on the loop, watched,
	 * until one of them blocks.)
	 * @return {@code true} unless the handler says otherwise
	 */
	default boolean mayBlock() {
		return true;
	}

	/**
	 * Returns whether {@link #onBinary} only borrows its buffer: it reads it (and may
	 * send it, to any session) before it returns, and keeps no reference to it after.
	 * Such a handler is given a read-only view instead of a heap copy it owns: of the
	 * bytes where they were read when it runs on the event loop (see
	 * {@link #mayBlock()}), of a pooled direct buffer, reused after the call, when it
	 * runs on a worker (for messages of 4 to 64 KiB). That saves allocating, zeroing and
	 * filling a buffer per message; what the handler sends from the view goes out from
	 * there, or is copied should it have to wait for the socket.
	 * @return {@code false} unless the handler says otherwise
	 */
	default boolean borrowsBinary() {
		return false;
	}

}
