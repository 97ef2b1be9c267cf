package dev.wsboot.protocol.handshake;

import java.util.Objects;

/**
 * A failed opening handshake. On the server it carries the HTTP status to answer with
 * (400 for a malformed request, 426 for an unsupported version, 431 for an oversized
 * head) and any headers the answer needs; {@link HandshakeResponses#reject} turns it into
 * response bytes. On the client it carries the status the server answered with.
 */
public final class HandshakeException extends RuntimeException {

	private final int status;

	private final HttpHeaders headers;

	/**
	 * Creates an exception for a failure answered with the given status and no extra
	 * headers.
	 * @param status the HTTP status, for example 400
	 * @param message what went wrong; on the server it becomes the response body, so it
	 * must not echo the peer's input
	 */
	public HandshakeException(int status, String message) {
		this(status, message, HttpHeaders.empty());
	}

	/**
	 * Creates an exception for a failure answered with the given status and headers.
	 * @param status the HTTP status, for example 426
	 * @param message what went wrong; on the server it becomes the response body, so it
	 * must not echo the peer's input
	 * @param headers headers the response must carry, for example
	 * {@code Sec-WebSocket-Version: 13}
	 */
	public HandshakeException(int status, String message, HttpHeaders headers) {
		// Peers trigger this at will; a stack trace would cost time per bad
		// request and say no more than the message.
		super(message, null, false, false);
		this.status = status;
		this.headers = Objects.requireNonNull(headers, "headers");
	}

	/**
	 * Returns the HTTP status of this failure.
	 * @return the status to answer with on the server, or the status the server answered
	 * with on the client
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the headers a response to this failure must carry, beyond those every
	 * rejection has.
	 * @return the headers, possibly empty
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

}
