package dev.wsboot.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * A scenario's side of the {@link ClientLoop}: what to do when connections open, echo and
 * close, and when time moves on. Loop thread only.
 */
public interface Driver {

	/**
	 * The handshake succeeded.
	 * @param connection the connection
	 */
	void onOpen(Connection connection);

	/**
	 * A whole data message arrived.
	 * @param connection the connection
	 * @param text whether it is a text message
	 * @param length its payload length
	 * @param matched whether its payload equals what the connection expects
	 * @param sentAt when the oldest message in flight on the connection was sent, or -1
	 * @param now now, in {@link System#nanoTime()} terms
	 */
	void onMessage(Connection connection, boolean text, long length, boolean matched, long sentAt, long now);

	/**
	 * The closing handshake completed.
	 * @param connection the connection
	 */
	void onClosed(Connection connection);

	/**
	 * A pong arrived.
	 * @param connection the connection
	 * @param payload its application data, from position to limit; valid only during the
	 * call
	 */
	default void onPong(Connection connection, ByteBuffer payload) {
	}

	/**
	 * The connection failed, or the server closed it unasked; it is closed.
	 * @param connection the connection
	 * @param failure what happened
	 */
	void onFailure(Connection connection, Exception failure);

	/**
	 * Time moved on; called after each round of ready keys.
	 * @param now now, in {@link System#nanoTime()} terms
	 * @return the next time the driver wants to be called even with no traffic, or
	 * {@link Long#MAX_VALUE}
	 */
	long tick(long now);

	/**
	 * Returns whether the run is over.
	 * @return true to end the loop
	 */
	boolean isDone();

}
