package dev.wsboot.protocol.handshake;

import java.util.Objects;

/**
 * An HTTP response to a client's opening handshake, as parsed; whether it accepts the
 * handshake is for {@link ClientHandshake#validate} to say.
 *
 * @param version the HTTP version, for example {@code HTTP/1.1}
 * @param status the status code, for example {@code 101}
 * @param reason the reason phrase, possibly empty; informational only
 * @param headers the header fields
 */
public record HandshakeResponse(String version, int status, String reason, HttpHeaders headers) {

	/**
	 * Creates a response.
	 * @param version the HTTP version
	 * @param status the status code
	 * @param reason the reason phrase
	 * @param headers the header fields
	 */
	public HandshakeResponse {
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(headers, "headers");
	}

}
