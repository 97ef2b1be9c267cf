package dev.wsboot.server;

/**
 * Where the listener reports what happens, so that metrics stay out of the I/O code.
 * Implementations resolve their meters once per endpoint in {@link #endpoint(String)};
 * the listener keeps the returned recorder with each connection, so the hot path only
 * increments.
 */
public interface WsMetrics {

	/** Records nothing. */
	WsMetrics NONE = new WsMetrics() {

		@Override
		public EndpointMetrics endpoint(String endpoint) {
			return EndpointMetrics.NONE;
		}

		@Override
		public void handshakeRejected(String reason) {
		}

	};

	/**
	 * Returns the recorder of one endpoint.
	 * @param endpoint the endpoint's path template
	 * @return the recorder, the same for every call with the same template
	 */
	EndpointMetrics endpoint(String endpoint);

	/**
	 * Records a handshake that did not open a session.
	 * @param reason a bounded tag value: {@code bad_request}, {@code version},
	 * {@code origin}, {@code not_found}, {@code interceptor}, {@code limit},
	 * {@code timeout}
	 */
	void handshakeRejected(String reason);

	/**
	 * Records the traffic of one endpoint's sessions. Called from event loops and worker
	 * threads concurrently.
	 */
	interface EndpointMetrics {

		/** Records nothing. */
		EndpointMetrics NONE = new EndpointMetrics() {
		};

		/**
		 * A session opened.
		 */
		default void sessionOpened() {
		}

		/**
		 * A session closed.
		 * @param code the close code that ended it (1006 when the connection dropped)
		 * @param byServer whether the server sent the first close frame
		 * @param durationNanos how long the session was open
		 */
		default void sessionClosed(int code, boolean byServer, long durationNanos) {
		}

		/**
		 * Frames arrived.
		 * @param opcode their opcode
		 * @param frames how many
		 * @param wireBytes their length on the wire, headers included
		 */
		default void framesReceived(int opcode, int frames, long wireBytes) {
		}

		/**
		 * Frames were queued for sending.
		 * @param opcode their opcode
		 * @param frames how many
		 * @param wireBytes their length on the wire, headers included (0 when counted
		 * with frames of another opcode)
		 */
		default void framesSent(int opcode, int frames, long wireBytes) {
		}

		/**
		 * Whole messages arrived.
		 * @param text whether they are text messages
		 * @param messages how many
		 */
		default void messagesReceived(boolean text, int messages) {
		}

		/**
		 * Whole messages were queued for sending.
		 * @param text whether they are text messages
		 * @param messages how many
		 */
		default void messagesSent(boolean text, int messages) {
		}

		/**
		 * A message went through permessage-deflate.
		 * @param received whether it was received (inflated) rather than sent (deflated)
		 * @param wireBytes its payload length on the wire, compressed
		 * @param messageBytes its length uncompressed
		 */
		default void compressed(boolean received, long wireBytes, long messageBytes) {
		}

		/**
		 * A call of the endpoint held its event loop up, and a new thread took the loop
		 * over (adaptive dispatch).
		 */
		default void loopHandedOn() {
		}

		/**
		 * The peer broke the protocol and the session is closed with this code.
		 * @param code the close code: 1002, 1007, 1009, ...
		 */
		default void protocolError(int code) {
		}

	}

}
