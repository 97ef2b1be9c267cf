package dev.wsboot.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Chat messages from a {@link ChatMessages} pool: each connection sends its own sequence,
 * and each echo must equal the message sent that many messages before. Loop thread only.
 */
final class ChatPayloads implements Payloads {

	private final ChatMessages messages;

	private final Map<Connection, Cursor> cursors = new IdentityHashMap<>();

	ChatPayloads(ChatMessages messages) {
		this.messages = messages;
	}

	@Override
	public void assign(Connection connection, int index) {
		this.cursors.put(connection, new Cursor(index));
		connection.expected = this.messages.message(index, 0);
	}

	@Override
	public ByteBuffer next(Connection connection) {
		Cursor cursor = this.cursors.get(connection);
		return ByteBuffer.wrap(this.messages.message(cursor.index, cursor.sent++));
	}

	@Override
	public void echoed(Connection connection) {
		Cursor cursor = this.cursors.get(connection);
		connection.expected = this.messages.message(cursor.index, ++cursor.echoed);
	}

	/**
	 * Returns how many echoes arrived on a connection.
	 * @param connection the connection
	 * @return the count
	 */
	long echoes(Connection connection) {
		return this.cursors.get(connection).echoed;
	}

	/** Where a connection is in its sequence. */
	private static final class Cursor {

		final int index;

		long sent;

		long echoed;

		Cursor(int index) {
			this.index = index;
		}

	}

}
