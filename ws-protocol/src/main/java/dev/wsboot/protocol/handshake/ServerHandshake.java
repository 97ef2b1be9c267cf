package dev.wsboot.protocol.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import dev.wsboot.protocol.extension.ExtensionOffer;

/**
 * The server's side of the opening handshake (RFC 6455 section 4.2): checking a parsed
 * request, computing the accept key and picking a subprotocol. Stateless.
 */
public final class ServerHandshake {

	/** The WebSocket version of RFC 6455, the only one this implementation speaks. */
	static final String VERSION = "13";

	private static final byte[] KEY_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

	// Base64 of 16 bytes: 22 characters of the alphabet and two of padding.
	private static final int KEY_LENGTH = 24;

	private static final HttpHeaders UPGRADE_REQUIRED = HttpHeaders.builder()
		.add("Upgrade", "websocket")
		.add("Sec-WebSocket-Version", VERSION)
		.build();

	private ServerHandshake() {
	}

	/**
	 * Checks that a request is a valid WebSocket handshake (RFC 6455 section 4.2.1).
	 * Every failure is answered with 400 but one: a missing or other
	 * {@code Sec-WebSocket-Version} gets 426 with {@code Sec-WebSocket-Version: 13} (RFC
	 * 6455 section 4.4) and {@code Upgrade: websocket} (RFC 9110 section 15.5.22), so
	 * that a client of another version learns which one to speak. A method other than GET
	 * gets 400 rather than 405, since this check runs before routing and cannot vouch
	 * that the target exists.
	 * @param request the parsed request
	 * @return the {@code Sec-WebSocket-Key}, to pass to {@link #acceptKey}
	 * @throws HandshakeException 400 if the method is not GET; the version is below
	 * HTTP/1.1; the target is not a path (with an optional query, and no fragment);
	 * {@code Host} is missing, empty or repeated; {@code Upgrade} does not list
	 * {@code websocket} or {@code Connection} does not list {@code upgrade}, ignoring
	 * case; the request announces a body; {@code Sec-WebSocket-Version} is repeated; or
	 * {@code Sec-WebSocket-Key} is missing, repeated or not the base64 form of 16 bytes.
	 * 426 if {@code Sec-WebSocket-Version} is missing or not 13.
	 */
	public static String validate(HandshakeRequest request) {
		if (!"GET".equals(request.method())) {
			throw badRequest("Method must be GET");
		}
		if (!HttpSyntax.isHttp11OrLater(request.version())) {
			throw badRequest("HTTP version must be 1.1 or later");
		}
		if (!request.target().startsWith("/") || request.target().indexOf('#') >= 0) {
			throw badRequest("Request target must be a path with an optional query");
		}
		HttpHeaders headers = request.headers();
		String host = headers.only("Host");
		if (host == null || host.isEmpty()) {
			throw badRequest("Host header must occur exactly once, not empty");
		}
		if (!headers.containsToken("Upgrade", "websocket")) {
			throw badRequest("Upgrade header must list websocket");
		}
		if (!headers.containsToken("Connection", "upgrade")) {
			throw badRequest("Connection header must list upgrade");
		}
		// Bytes after the head are frames; a body would be read as frames.
		if (headers.contains("Transfer-Encoding")
				|| (headers.contains("Content-Length") && !"0".equals(headers.only("Content-Length")))) {
			throw badRequest("Handshake request must not have a body");
		}
		String version = headers.only("Sec-WebSocket-Version");
		if (!VERSION.equals(version)) {
			if (version == null && headers.contains("Sec-WebSocket-Version")) {
				throw badRequest("Sec-WebSocket-Version header must occur once");
			}
			throw new HandshakeException(426, "Sec-WebSocket-Version must be 13", UPGRADE_REQUIRED);
		}
		String key = headers.only("Sec-WebSocket-Key");
		if (key == null || !isKey(key)) {
			throw badRequest("Sec-WebSocket-Key header must occur once, as 16 bytes in base64");
		}
		return key;
	}

	/**
	 * Computes the {@code Sec-WebSocket-Accept} value that proves a server read a key:
	 * base64(SHA-1(key + {@code 258EAFA5-E914-47DA-95CA-C5AB0DC85B11})).
	 * @param key the {@code Sec-WebSocket-Key}, exactly as sent
	 * @return the accept value, for example {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=} for the
	 * key {@code dGhlIHNhbXBsZSBub25jZQ==}
	 */
	public static String acceptKey(String key) {
		MessageDigest sha1 = sha1();
		sha1.update(key.getBytes(StandardCharsets.ISO_8859_1));
		sha1.update(KEY_GUID);
		return Base64.getEncoder().encodeToString(sha1.digest());
	}

	/**
	 * Returns the subprotocols a client offers, in its order of preference: the elements
	 * of every {@code Sec-WebSocket-Protocol} header.
	 * @param request the request
	 * @return the subprotocols, empty if none are offered
	 * @throws HandshakeException 400 if an element is not a token
	 */
	public static List<String> offeredSubprotocols(HandshakeRequest request) {
		List<String> offered = request.headers().tokens("Sec-WebSocket-Protocol");
		for (String subprotocol : offered) {
			if (!HttpSyntax.isToken(subprotocol)) {
				throw badRequest("Sec-WebSocket-Protocol header must list tokens");
			}
		}
		return offered;
	}

	/**
	 * Picks the subprotocol to speak: the first the client offers that the server
	 * supports. The client's order wins because it lists its preference; the server only
	 * says what it can do. Names are compared exactly, as RFC 6455 section 11.3.4 makes
	 * them case-sensitive.
	 * @param offered the client's subprotocols, in its order
	 * @param supported the subprotocols the server speaks, in any order
	 * @return the subprotocol, always one of the offered, or {@code null} if none is
	 * supported, in which case the response names none
	 */
	public static String selectSubprotocol(List<String> offered, Collection<String> supported) {
		for (String subprotocol : offered) {
			if (supported.contains(subprotocol)) {
				return subprotocol;
			}
		}
		return null;
	}

	/**
	 * Returns the extensions a client offers, in its order of preference: the elements of
	 * every {@code Sec-WebSocket-Extensions} header.
	 * @param request the request
	 * @return the offers, empty if there are none
	 * @throws HandshakeException 400 if a header does not follow the syntax of RFC 6455
	 * section 9.1
	 */
	public static List<ExtensionOffer> offeredExtensions(HandshakeRequest request) {
		List<ExtensionOffer> offers = new ArrayList<>(2);
		for (String header : request.headers().all("Sec-WebSocket-Extensions")) {
			offers.addAll(ExtensionOffer.parse(header));
		}
		return List.copyOf(offers);
	}

	private static boolean isKey(String key) {
		if (key.length() != KEY_LENGTH || key.charAt(22) != '=' || key.charAt(23) != '=') {
			return false;
		}
		for (int i = 0; i < 22; i++) {
			char c = key.charAt(i);
			boolean base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
					|| c == '/';
			if (!base64) {
				return false;
			}
		}
		return true;
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-1 (MessageDigest's Javadoc).
			throw new IllegalStateException(ex);
		}
	}

	private static HandshakeException badRequest(String message) {
		return new HandshakeException(400, message);
	}

}
