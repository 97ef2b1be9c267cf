package dev.wsboot.protocol.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Handshakes as real peers send them, and ways to turn text into bytes.
 */
final class Handshakes {

	/**
	 * What Chromium 126 sends for
	 * {@code new WebSocket("ws://localhost:8080/chat?room=1")}.
	 */
	static final String CHROMIUM = """
			GET /chat?room=1 HTTP/1.1\r
			Host: localhost:8080\r
			Connection: Upgrade\r
			Pragma: no-cache\r
			Cache-Control: no-cache\r
			User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36\r
			Upgrade: websocket\r
			Origin: http://localhost:8080\r
			Sec-WebSocket-Version: 13\r
			Accept-Encoding: gzip, deflate, br, zstd\r
			Accept-Language: en-US,en;q=0.9\r
			Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
			Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r
			\r
			""";

	/**
	 * What Firefox 128 sends for
	 * {@code new WebSocket("ws://example.com:8000/chat", ["v2.chat", "chat"])}.
	 */
	static final String FIREFOX = """
			GET /chat HTTP/1.1\r
			Host: example.com:8000\r
			User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r
			Accept: */*\r
			Accept-Language: en-US,en;q=0.5\r
			Accept-Encoding: gzip, deflate, br, zstd\r
			Sec-WebSocket-Version: 13\r
			Origin: http://example.com:8000\r
			Sec-WebSocket-Protocol: v2.chat, chat\r
			Sec-WebSocket-Extensions: permessage-deflate\r
			Sec-WebSocket-Key: sN9cRrP/n9NdMgdcy2VJFQ==\r
			Connection: keep-alive, Upgrade\r
			Sec-Fetch-Dest: empty\r
			Sec-Fetch-Mode: websocket\r
			Sec-Fetch-Site: same-origin\r
			Pragma: no-cache\r
			Cache-Control: no-cache\r
			Upgrade: websocket\r
			\r
			""";

	/** The smallest valid handshake, to vary one line at a time. */
	static final String MINIMAL = """
			GET /chat HTTP/1.1\r
			Host: example.com\r
			Upgrade: websocket\r
			Connection: Upgrade\r
			Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
			Sec-WebSocket-Version: 13\r
			\r
			""";

	/** A server's acceptance of {@link #MINIMAL}. */
	static final String ACCEPTANCE = """
			HTTP/1.1 101 Switching Protocols\r
			Upgrade: websocket\r
			Connection: Upgrade\r
			Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
			\r
			""";

	/** A masked, empty close frame, as a client's first frame might be. */
	static final byte[] CLIENT_CLOSE_FRAME = { (byte) 0x88, (byte) 0x80, 0x12, 0x34, 0x56, 0x78 };

	private Handshakes() {
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	static ByteBuffer buffer(String text) {
		return ByteBuffer.wrap(bytes(text));
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	static HandshakeRequest request(String head) {
		return new HandshakeRequestParser(8192).parse(buffer(head));
	}

	static HandshakeResponse response(String head) {
		return new HandshakeResponseParser(8192).parse(buffer(head));
	}

	/**
	 * {@link #MINIMAL} with one header line replaced, or removed when the replacement is
	 * empty.
	 */
	static String minimalWith(String headerName, String replacementLines) {
		StringBuilder head = new StringBuilder();
		for (String line : MINIMAL.split("\r\n")) {
			if (line.startsWith(headerName + ":")) {
				head.append(replacementLines);
			}
			else if (!line.isEmpty()) {
				head.append(line).append("\r\n");
			}
		}
		return head.append("\r\n").toString();
	}

}
