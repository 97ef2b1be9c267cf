package dev.wsboot.protocol;

/**
 * A violation of RFC 6455 by the peer, after the opening handshake. It carries the close
 * code the endpoint answers with: 1002 (protocol error), 1007 (invalid payload data) or
 * 1009 (message too big).
 */
public class ProtocolException extends RuntimeException {

	private final int closeCode;

	/**
	 * Creates an exception for a violation answered with the given close code.
	 * @param closeCode the close code to send, for example 1002
	 * @param message what the peer did wrong, fit to log and to send as the close reason
	 */
	public ProtocolException(int closeCode, String message) {
		super(message);
		this.closeCode = closeCode;
	}

	/**
	 * Returns the close code this violation is answered with.
	 * @return the close code, for example 1002
	 */
	public int closeCode() {
		return this.closeCode;
	}

}
