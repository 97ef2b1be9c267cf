package dev.wsboot.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * What the connections of an echo run send, message after message, and so what their
 * echoes must equal: the server sends each message back, in order, so the next echo of a
 * connection must equal the oldest message it has in flight. Loop thread only.
 */
interface Payloads {

	/**
	 * Takes on a new connection, and sets the {@link Connection#expected} of its first
	 * echo.
	 * @param connection the connection
	 * @param index its number in the run, from 0
	 */
	void assign(Connection connection, int index);

	/**
	 * Returns the connection's next message.
	 * @param connection the connection
	 * @return the payload, which the caller does not move
	 */
	ByteBuffer next(Connection connection);

	/**
	 * An echo arrived on the connection: sets what the next one must equal.
	 * @param connection the connection
	 */
	void echoed(Connection connection);

}
