package dev.wsboot.protocol.handshake;

import java.nio.charset.StandardCharsets;

/**
 * The server's answers to an opening handshake, as the bytes to send: the 101 that
 * accepts it, or an error response that refuses it. Stateless.
 */
public final class HandshakeResponses {

	private HandshakeResponses() {
	}

	/**
	 * Returns the response that accepts a handshake (RFC 6455 section 4.2.2).
	 * @param acceptKey the value from {@link ServerHandshake#acceptKey}
	 * @param subprotocol the subprotocol chosen, or {@code null} for none
	 * @param extensions the {@code Sec-WebSocket-Extensions} value for the extensions
	 * accepted, or {@code null} for none
	 * @return the bytes of {@code HTTP/1.1 101 Switching Protocols}, its headers and the
	 * empty line
	 * @throws IllegalArgumentException if the subprotocol is not a token, or a value
	 * could not be sent as a header value
	 */
	public static byte[] accept(String acceptKey, String subprotocol, String extensions) {
		HeadWriter head = new HeadWriter("HTTP/1.1 101 Switching Protocols").header("Upgrade", "websocket")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Accept", acceptKey);
		if (subprotocol != null) {
			HttpSyntax.requireToken(subprotocol, "Subprotocol");
			head.header("Sec-WebSocket-Protocol", subprotocol);
		}
		if (extensions != null) {
			head.header("Sec-WebSocket-Extensions", extensions);
		}
		return head.end();
	}

	/**
	 * Returns the response that refuses a handshake for the reason an exception gives:
	 * its status, its message as the body and its headers. Headers that frame the
	 * response ({@code Connection}, {@code Content-Type}, {@code Content-Length},
	 * {@code Transfer-Encoding}) are this method's own and not copied; when the headers
	 * include {@code Upgrade}, as a 426's do, {@code Connection} lists {@code Upgrade}
	 * too (RFC 9110 section 7.8).
	 * @param failure the failure, as thrown by the parser or a validation
	 * @return the bytes of the response, as {@link #reject(int, String)} describes
	 * @throws IllegalArgumentException if the status is not an error status
	 */
	public static byte[] reject(HandshakeException failure) {
		return reject(failure.status(), failure.getMessage(), failure.headers());
	}

	/**
	 * Returns a response that refuses a handshake: the status with its reason phrase,
	 * {@code Connection: close}, and the message as a short plain-text body.
	 * @param status an error status, 400 to 599, for example 403
	 * @param message the body, fit for the client to read, or {@code null} for none
	 * @return the bytes of the response
	 * @throws IllegalArgumentException if the status is not an error status
	 */
	public static byte[] reject(int status, String message) {
		return reject(status, message, HttpHeaders.empty());
	}

	/**
	 * Returns a response that refuses a handshake with header fields of the caller's, for
	 * example the {@code WWW-Authenticate} challenge a 401 must carry (RFC 9110 section
	 * 11.6.1). Framing fields ({@code Connection}, {@code Content-Type},
	 * {@code Content-Length}, {@code Transfer-Encoding}) are the response's own and those
	 * given are left out.
	 * @param status an error status, 400 to 599
	 * @param message the body, fit for the client to read, or {@code null} for none
	 * @param headers more header fields
	 * @return the bytes of the response
	 * @throws IllegalArgumentException if the status is not an error status
	 */
	public static byte[] reject(int status, String message, HttpHeaders headers) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("Not an error status: " + status);
		}
		byte[] body = ((message != null) ? message : "").getBytes(StandardCharsets.UTF_8);
		// A sender of Upgrade must list it in Connection too (RFC 9110 section 7.8).
		HeadWriter head = new HeadWriter("HTTP/1.1 " + status + " " + reasonPhrase(status))
			.header("Connection", headers.contains("Upgrade") ? "Upgrade, close" : "close")
			.header("Content-Type", "text/plain; charset=utf-8")
			.header("Content-Length", Integer.toString(body.length));
		headers.forEach((name, value) -> {
			// The framing headers above are ours; a second Content-Length would make the
			// response ambiguous (RFC 9112 section 6.3).
			if (!isFramingHeader(name)) {
				head.header(name, value);
			}
		});
		return head.end(body);
	}

	private static boolean isFramingHeader(String name) {
		return name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Content-Type")
				|| name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding");
	}

	// The phrases of RFC 9110 section 15 for the statuses a handshake is refused with.
	// Others get none: the phrase is optional and clients must ignore it.
	private static String reasonPhrase(int status) {
		return switch (status) {
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 408 -> "Request Timeout";
			case 426 -> "Upgrade Required";
			case 429 -> "Too Many Requests";
			case 431 -> "Request Header Fields Too Large";
			case 500 -> "Internal Server Error";
			case 503 -> "Service Unavailable";
			default -> "";
		};
	}

}
