package dev.wsboot.protocol;

/**
 * Which end of a connection this code plays. A server expects masked frames and sends
 * unmasked ones; a client does the opposite.
 */
public enum Role {

	/** The end that accepted the connection. */
	SERVER,

	/** The end that opened the connection. */
	CLIENT;

	/**
	 * Returns whether frames this end receives must be masked.
	 * @return true for a server
	 */
	public boolean expectsMaskedFrames() {
		return this == SERVER;
	}

}
