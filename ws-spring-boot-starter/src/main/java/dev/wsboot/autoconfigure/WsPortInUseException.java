package dev.wsboot.autoconfigure;

/**
 * Thrown when the WebSocket server cannot start because its port is taken.
 */
public class WsPortInUseException extends IllegalStateException {

	private final int port;

	/**
	 * Creates an exception.
	 * @param port the port that was taken
	 * @param cause the bind failure
	 */
	public WsPortInUseException(int port, Throwable cause) {
		super("WebSocket server port " + port + " is already in use", cause);
		this.port = port;
	}

	/**
	 * Returns the port that was taken.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
