package dev.wsboot.protocol.handshake;

import java.nio.ByteBuffer;

/**
 * Parses a client's opening handshake, an HTTP/1.1 request head, from bytes as they
 * arrive. Feed it each buffer read from the connection until it returns the request; the
 * bytes after the head, the client's first frames perhaps, stay in the buffer. One parser
 * reads one request and is used by one thread at a time.
 * <p>
 * The head must be well formed: a request line of a token method, a request-target of
 * visible ASCII and {@code HTTP/x.y}, separated by single spaces; header lines of a
 * token, a colon and a value; every line ending in CRLF. Anything else, including folded
 * header lines and bare LF line ends, is a 400. Whether the request is a WebSocket
 * handshake is checked afterwards, by {@link ServerHandshake#validate}.
 */
public final class HandshakeRequestParser {

	private final MessageHead head;

	/**
	 * Creates a parser for one request.
	 * @param maxHeadSize the most bytes the head may have, counted from the first byte of
	 * the request line to the last of the empty line that ends the head; larger heads are
	 * refused with 431 and never buffered
	 * @throws IllegalArgumentException if the size is not positive
	 */
	public HandshakeRequestParser(int maxHeadSize) {
		this.head = new MessageHead(maxHeadSize);
	}

	/**
	 * Takes the request's next bytes from the buffer.
	 * @param in bytes received from the client; consumed up to the end of the head, and
	 * no further
	 * @return the request once its head is complete, or {@code null} while more bytes are
	 * needed
	 * @throws HandshakeException 400 if the head is malformed, 431 if it is too large
	 * @throws IllegalStateException if the request was already returned or refused
	 */
	public HandshakeRequest parse(ByteBuffer in) {
		if (!this.head.fill(in)) {
			return null;
		}
		byte[] bytes = this.head.bytes();
		int methodEnd = 0;
		while (HttpSyntax.isTokenChar(bytes[methodEnd])) {
			methodEnd++;
		}
		if (methodEnd == 0 || bytes[methodEnd] != ' ') {
			throw malformedRequestLine();
		}
		int targetEnd = methodEnd + 1;
		while (bytes[targetEnd] > ' ' && bytes[targetEnd] < 0x7F) {
			targetEnd++;
		}
		if (targetEnd == methodEnd + 1 || bytes[targetEnd] != ' ') {
			throw malformedRequestLine();
		}
		int versionEnd = this.head.versionEnd(targetEnd + 1);
		if (versionEnd < 0 || bytes[versionEnd] != '\r') {
			throw malformedRequestLine();
		}
		return new HandshakeRequest(this.head.string(0, methodEnd), this.head.string(methodEnd + 1, targetEnd),
				this.head.string(targetEnd + 1, versionEnd), this.head.headers(versionEnd + 2));
	}

	private static HandshakeException malformedRequestLine() {
		return new HandshakeException(400, "Malformed request line");
	}

}
