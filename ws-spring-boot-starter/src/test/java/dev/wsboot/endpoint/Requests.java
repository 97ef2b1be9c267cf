package dev.wsboot.endpoint;

import dev.wsboot.protocol.handshake.HandshakeRequest;
import dev.wsboot.protocol.handshake.HttpHeaders;

/**
 * Builds handshake requests for tests.
 */
final class Requests {

	private Requests() {
	}

	/**
	 * Returns a GET request.
	 * @param target the request target, path and query
	 * @param headers name, value, name, value...
	 * @return the request
	 */
	static HandshakeRequest get(String target, String... headers) {
		HttpHeaders.Builder httpHeaders = HttpHeaders.builder();
		for (int i = 0; i < headers.length; i += 2) {
			httpHeaders.add(headers[i], headers[i + 1]);
		}
		return new HandshakeRequest("GET", target, "HTTP/1.1", httpHeaders.build());
	}

}
