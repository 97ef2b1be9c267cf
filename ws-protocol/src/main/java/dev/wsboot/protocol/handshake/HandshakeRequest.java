package dev.wsboot.protocol.handshake;

import java.util.Objects;

/**
 * An HTTP request that asks to open a WebSocket, as parsed; whether it is a valid
 * handshake is for {@link ServerHandshake#validate} to say.
 *
 * @param method the method, case-sensitive, for example {@code GET}
 * @param target the request-target exactly as sent, for example {@code /chat?room=1}
 * @param version the HTTP version, for example {@code HTTP/1.1}
 * @param headers the header fields
 */
public record HandshakeRequest(String method, String target, String version, HttpHeaders headers) {

	/**
	 * Creates a request.
	 * @param method the method
	 * @param target the request-target
	 * @param version the HTTP version
	 * @param headers the header fields
	 */
	public HandshakeRequest {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(headers, "headers");
	}

	/**
	 * Returns the path: the target up to its query. It is left percent-encoded, because
	 * decoding is the router's call ({@code %2F} is not a segment separator) and a
	 * decoded path could no longer be told apart from one that was sent that way.
	 * @return the raw path, for example {@code /chat}
	 */
	public String path() {
		int query = this.target.indexOf('?');
		return (query >= 0) ? this.target.substring(0, query) : this.target;
	}

	/**
	 * Returns the query: the target after its first {@code ?}, percent-encoded as sent.
	 * @return the raw query, for example {@code room=1}; empty for a target ending in
	 * {@code ?}, {@code null} for one without
	 */
	public String query() {
		int query = this.target.indexOf('?');
		return (query >= 0) ? this.target.substring(query + 1) : null;
	}

}
