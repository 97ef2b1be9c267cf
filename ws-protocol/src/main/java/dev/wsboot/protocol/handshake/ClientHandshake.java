package dev.wsboot.protocol.handshake;

import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * The client's side of the opening handshake (RFC 6455 section 4.1): making a key,
 * writing the request and checking the server's response. Stateless.
 */
public final class ClientHandshake {

	// The headers the request is made of; extra headers may not repeat them.
	private static final List<String> HANDSHAKE_HEADERS = List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key",
			"Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions");

	private ClientHandshake() {
	}

	/**
	 * Makes a {@code Sec-WebSocket-Key}: 16 random bytes in base64.
	 * @param random the source of the bytes; RFC 6455 wants a nonce no one can predict,
	 * so pass a {@link java.security.SecureRandom}
	 * @return the key, 24 characters long
	 */
	public static String newKey(Random random) {
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		return Base64.getEncoder().encodeToString(nonce);
	}

	/**
	 * Returns the handshake request: {@code GET}, then {@code Host}, {@code Upgrade},
	 * {@code Connection}, {@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version}, any
	 * {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Extensions}, and the extra
	 * headers, in that order.
	 * @param host the {@code Host} value, for example {@code example.com:8080}
	 * @param pathAndQuery the request-target, percent-encoded, for example
	 * {@code /chat?room=1}
	 * @param key the value from {@link #newKey}
	 * @param subprotocols the subprotocols to offer, most wanted first; may be empty
	 * @param extensions the {@code Sec-WebSocket-Extensions} value to offer, or
	 * {@code null} for none
	 * @param extraHeaders more headers, such as {@code Origin} or {@code Authorization}
	 * @return the bytes of the request head
	 * @throws IllegalArgumentException if the target is not a path of visible ASCII, a
	 * subprotocol is not a token, a value could not be sent as a header value, or an
	 * extra header repeats one of the handshake's own
	 */
	public static byte[] request(String host, String pathAndQuery, String key, List<String> subprotocols,
			String extensions, HttpHeaders extraHeaders) {
		if (!pathAndQuery.startsWith("/") || !pathAndQuery.chars().allMatch((c) -> c > ' ' && c < 0x7F)) {
			throw new IllegalArgumentException(
					"Request target must be a path of visible ASCII: '" + pathAndQuery + "'");
		}
		HeadWriter head = new HeadWriter("GET " + pathAndQuery + " HTTP/1.1").header("Host", host)
			.header("Upgrade", "websocket")
			.header("Connection", "Upgrade")
			.header("Sec-WebSocket-Key", key)
			.header("Sec-WebSocket-Version", ServerHandshake.VERSION);
		if (!subprotocols.isEmpty()) {
			subprotocols.forEach((subprotocol) -> HttpSyntax.requireToken(subprotocol, "Subprotocol"));
			head.header("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
		}
		if (extensions != null) {
			head.header("Sec-WebSocket-Extensions", extensions);
		}
		extraHeaders.forEach((name, value) -> {
			if (HANDSHAKE_HEADERS.stream().anyMatch(name::equalsIgnoreCase)) {
				throw new IllegalArgumentException("Extra header repeats a handshake header: " + name);
			}
			head.header(name, value);
		});
		return head.end();
	}

	/**
	 * Checks that a server's response accepts the handshake (RFC 6455 section 4.1). It
	 * does not judge {@code Sec-WebSocket-Extensions}, which is for the offered
	 * extensions to accept or refuse.
	 * @param response the parsed response
	 * @param key the {@code Sec-WebSocket-Key} the request sent
	 * @param offeredSubprotocols the subprotocols the request offered
	 * @return the subprotocol the server chose, or {@code null} if it chose none, which
	 * RFC 6455 allows even when some were offered
	 * @throws HandshakeException with the response's status: that status when it is not
	 * 101; 101 when the response is below HTTP/1.1, its {@code Upgrade} is not exactly
	 * {@code websocket} (ignoring case), its {@code Connection} does not list
	 * {@code upgrade}, its {@code Sec-WebSocket-Accept} is missing, repeated or does not
	 * match the key, or it names a subprotocol that was not offered or several
	 */
	public static String validate(HandshakeResponse response, String key, List<String> offeredSubprotocols) {
		if (response.status() != 101) {
			throw new HandshakeException(response.status(),
					"Server answered " + response.status() + " instead of 101 Switching Protocols");
		}
		if (!HttpSyntax.isHttp11OrLater(response.version())) {
			throw invalid101("HTTP version below 1.1");
		}
		HttpHeaders headers = response.headers();
		if (!"websocket".equalsIgnoreCase(headers.only("Upgrade"))) {
			throw invalid101("Upgrade header is not websocket");
		}
		if (!headers.containsToken("Connection", "upgrade")) {
			throw invalid101("Connection header does not list upgrade");
		}
		if (!ServerHandshake.acceptKey(key).equals(headers.only("Sec-WebSocket-Accept"))) {
			throw invalid101("Sec-WebSocket-Accept does not match the key");
		}
		if (!headers.contains("Sec-WebSocket-Protocol")) {
			return null;
		}
		String subprotocol = headers.only("Sec-WebSocket-Protocol");
		if (subprotocol == null || !offeredSubprotocols.contains(subprotocol)) {
			throw invalid101("Server chose a subprotocol that was not offered");
		}
		return subprotocol;
	}

	private static HandshakeException invalid101(String message) {
		return new HandshakeException(101, "Invalid 101 response: " + message);
	}

}
