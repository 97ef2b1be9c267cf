package dev.wsboot.protocol.handshake;

import java.nio.ByteBuffer;

/**
 * Parses a server's answer to the opening handshake, an HTTP/1.1 response head, from
 * bytes as they arrive. Feed it each buffer read from the connection until it returns the
 * response; the bytes after the head, the server's first frames perhaps, stay in the
 * buffer. One parser reads one response and is used by one thread at a time.
 * <p>
 * The head must be well formed: a status line of {@code HTTP/x.y}, a space, a three-digit
 * status and, optionally, a space and a reason phrase; header lines and line ends as for
 * {@link HandshakeRequestParser}. A malformed head fails with status 400 and an oversized
 * one with 431, the statuses a server would give such a message, as no status from the
 * server can be trusted then.
 */
public final class HandshakeResponseParser {

	private final MessageHead head;

	/**
	 * Creates a parser for one response.
	 * @param maxHeadSize the most bytes the head may have, counted from the first byte of
	 * the status line to the last of the empty line that ends the head; larger heads fail
	 * and are never buffered
	 * @throws IllegalArgumentException if the size is not positive
	 */
	public HandshakeResponseParser(int maxHeadSize) {
		this.head = new MessageHead(maxHeadSize);
	}

	/**
	 * Takes the response's next bytes from the buffer.
	 * @param in bytes received from the server; consumed up to the end of the head, and
	 * no further
	 * @return the response once its head is complete, or {@code null} while more bytes
	 * are needed
	 * @throws HandshakeException with status 400 if the head is malformed, 431 if it is
	 * too large
	 * @throws IllegalStateException if the response was already returned or refused
	 */
	public HandshakeResponse parse(ByteBuffer in) {
		if (!this.head.fill(in)) {
			return null;
		}
		byte[] bytes = this.head.bytes();
		int versionEnd = this.head.versionEnd(0);
		if (versionEnd < 0 || bytes[versionEnd] != ' ' || !MessageHead.isDigit(bytes[versionEnd + 1])
				|| !MessageHead.isDigit(bytes[versionEnd + 2]) || !MessageHead.isDigit(bytes[versionEnd + 3])) {
			throw malformedStatusLine();
		}
		int status = (bytes[versionEnd + 1] - '0') * 100 + (bytes[versionEnd + 2] - '0') * 10
				+ (bytes[versionEnd + 3] - '0');
		// The reason phrase is optional, and so, in practice, is the space before it.
		int reasonStart = versionEnd + 4;
		if (bytes[reasonStart] == ' ') {
			reasonStart++;
		}
		else if (bytes[reasonStart] != '\r') {
			throw malformedStatusLine();
		}
		int reasonEnd = reasonStart;
		while (HttpSyntax.isFieldValueChar(bytes[reasonEnd] & 0xFF)) {
			reasonEnd++;
		}
		if (bytes[reasonEnd] != '\r') {
			throw malformedStatusLine();
		}
		return new HandshakeResponse(this.head.string(0, versionEnd), status, this.head.string(reasonStart, reasonEnd),
				this.head.headers(reasonEnd + 2));
	}

	private static HandshakeException malformedStatusLine() {
		return new HandshakeException(400, "Malformed status line");
	}

}
