package dev.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The byte stream under a connection: plain TCP, or TLS over it. Reads happen on the
 * event loop only; writes come from whichever thread is the connection's writer (see
 * {@link Outbound}).
 */
interface Transport {

	/**
	 * Reads application bytes.
	 * @param dst where to put them
	 * @return how many were read, 0 when none are available yet, -1 at the end of the
	 * stream
	 * @throws IOException when the socket or the TLS session fails
	 */
	int read(ByteBuffer dst) throws IOException;

	/**
	 * Returns whether bytes already taken from the socket wait to be decoded, so that
	 * {@link #read} should be called again without waiting for the selector.
	 * @return true when more input is buffered
	 */
	boolean hasBufferedInput();

	/**
	 * Writes application bytes, as many as the socket takes now.
	 * @param sources the bytes; their positions advance past what was taken
	 * @return how many bytes were taken
	 * @throws IOException when the socket or the TLS session fails
	 */
	long write(ByteBuffer[] sources) throws IOException;

	/**
	 * Writes bytes the transport itself still holds (encrypted records the socket did not
	 * take).
	 * @return true when nothing is left to write
	 * @throws IOException when the socket fails
	 */
	boolean flush() throws IOException;

	/**
	 * Ends the output side (FIN, after a TLS close_notify when there is TLS).
	 * @throws IOException when the socket fails
	 */
	void shutdownOutput() throws IOException;

	/**
	 * Closes the socket.
	 * @throws IOException when the socket fails to close
	 */
	void close() throws IOException;

}
