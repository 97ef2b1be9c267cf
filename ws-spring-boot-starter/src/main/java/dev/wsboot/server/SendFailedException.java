package dev.wsboot.server;

/**
 * Completes a send's future exceptionally when the message could not be sent: the session
 * was closed or closing, or its outbound buffer limit was reached.
 */
public class SendFailedException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message why the message was not sent
	 */
	public SendFailedException(String message) {
		super(message, null, false, false);
	}

}
