package dev.wsboot.protocol.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The head of an HTTP/1.1 message, its start line and header lines up to the empty line,
 * gathered from any number of buffers and then parsed. Both handshake parsers use it, so
 * requests and responses obey the same line rules: lines end with CRLF, and a bare CR or
 * LF is a 400 rather than a line end (RFC 9112 section 2.2 allows either; refusing leaves
 * no two readings of one message, and no WebSocket client sends bare LFs).
 */
final class MessageHead {

	private static final byte[] NO_BYTES = {};

	private static final int INITIAL_CAPACITY = 256;

	// How much of the CR LF CR LF that ends the head the scan has seen.
	private static final int IN_LINE = 0;

	private static final int AFTER_CR = 1;

	private static final int LINE_START = 2;

	private static final int AFTER_EMPTY_LINE_CR = 3;

	private static final int COMPLETE = 4;

	private static final int FAILED = 5;

	private final int maxSize;

	private byte[] bytes = NO_BYTES;

	private int size;

	private int state = IN_LINE;

	/**
	 * Creates an empty head.
	 * @param maxSize the most bytes the head may have, its final empty line included
	 */
	MessageHead(int maxSize) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("Maximum head size must be positive, not " + maxSize);
		}
		this.maxSize = maxSize;
	}

	/**
	 * Moves the head's next bytes out of a buffer: all of them while the head is
	 * incomplete, and none past the empty line that completes it.
	 * @param in the bytes received; its position is advanced past those taken
	 * @return whether the head is now complete
	 * @throws HandshakeException 400 for a bare CR or LF, 431 when the head would exceed
	 * its maximum size; no byte past the maximum is taken either way
	 * @throws IllegalStateException if the head was already complete or failed
	 */
	boolean fill(ByteBuffer in) {
		if (this.state >= COMPLETE) {
			throw new IllegalStateException("The head has already been read");
		}
		int start = in.position();
		int end = start + Math.min(in.remaining(), this.maxSize - this.size);
		int state = this.state;
		int i = start;
		while (i < end && state != COMPLETE) {
			byte b = in.get(i++);
			if (b == '\r') {
				if (state == AFTER_CR || state == AFTER_EMPTY_LINE_CR) {
					throw fail(400, "Bare CR in the head");
				}
				state = (state == LINE_START) ? AFTER_EMPTY_LINE_CR : AFTER_CR;
			}
			else if (b == '\n') {
				if (state == IN_LINE || state == LINE_START) {
					throw fail(400, "Bare LF in the head; lines must end with CRLF");
				}
				state = (state == AFTER_CR) ? LINE_START : COMPLETE;
			}
			else if (state != IN_LINE) {
				if (state != LINE_START) {
					throw fail(400, "Bare CR in the head");
				}
				state = IN_LINE;
			}
		}
		if (state != COMPLETE && i < in.limit()) {
			throw fail(431, "Head larger than " + this.maxSize + " bytes");
		}
		append(in, i - start, state == COMPLETE);
		this.state = state;
		return state == COMPLETE;
	}

	/**
	 * Returns the bytes of the complete head.
	 * @return the head's bytes, from index 0 to {@link #size()}; not a copy
	 */
	byte[] bytes() {
		return this.bytes;
	}

	/**
	 * Returns the length of the complete head, its final empty line included.
	 * @return the number of bytes
	 */
	int size() {
		return this.size;
	}

	/**
	 * Decodes bytes of the head as ISO-8859-1, the charset of HTTP/1.1 heads.
	 * @param from the first index
	 * @param to the index after the last
	 * @return the string
	 */
	String string(int from, int to) {
		return new String(this.bytes, from, to - from, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Finds the end of an HTTP version, {@code HTTP/} digit {@code .} digit, in the
	 * complete head.
	 * @param from the index at which the version should start
	 * @return the index right after the version, or -1 if there is none at {@code from}
	 */
	int versionEnd(int from) {
		byte[] bytes = this.bytes;
		// Checked in order, so a short line fails at its CR without reading past it.
		boolean version = bytes[from] == 'H' && bytes[from + 1] == 'T' && bytes[from + 2] == 'T'
				&& bytes[from + 3] == 'P' && bytes[from + 4] == '/' && isDigit(bytes[from + 5])
				&& bytes[from + 6] == '.' && isDigit(bytes[from + 7]);
		return version ? from + 8 : -1;
	}

	static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

	/**
	 * Parses the header lines of the complete head, from the given index to the empty
	 * line: each is a token, a colon, and a value of field-value characters whose
	 * surrounding whitespace is dropped.
	 * @param from the index at which the first header line starts, right after the start
	 * line's CRLF
	 * @return the headers
	 * @throws HandshakeException 400 for a line without a colon, a name that is not a
	 * token or is followed by whitespace, a folded line (obs-fold, which RFC 9112 section
	 * 5.2 lets a server reject) or a control character in a value
	 */
	HttpHeaders headers(int from) {
		byte[] bytes = this.bytes;
		int end = this.size - 2;
		HttpHeaders.Builder headers = HttpHeaders.builder();
		while (from < end) {
			int colon = from;
			while (HttpSyntax.isTokenChar(bytes[colon])) {
				colon++;
			}
			if (bytes[colon] != ':' || colon == from) {
				throw malformedHeaderLine(bytes[colon], colon == from);
			}
			int valueStart = colon + 1;
			while (HttpSyntax.isWhitespace(bytes[valueStart])) {
				valueStart++;
			}
			// One pass finds the line end, trims trailing whitespace, checks characters.
			int valueEnd = valueStart;
			int i = valueStart;
			for (int c = bytes[i] & 0xFF; c != '\r'; c = bytes[++i] & 0xFF) {
				if (!HttpSyntax.isFieldValueChar(c)) {
					throw new HandshakeException(400, "Control character in a header value");
				}
				if (!HttpSyntax.isWhitespace(c)) {
					valueEnd = i + 1;
				}
			}
			headers.addValid(string(from, colon), string(valueStart, valueEnd));
			from = i + 2;
		}
		return headers.build();
	}

	private static HandshakeException malformedHeaderLine(byte stop, boolean atLineStart) {
		if (HttpSyntax.isWhitespace(stop)) {
			return new HandshakeException(400,
					atLineStart ? "Folded header line (obs-fold)" : "Whitespace between a header name and its colon");
		}
		return new HandshakeException(400, "Malformed header line");
	}

	private HandshakeException fail(int status, String message) {
		this.state = FAILED;
		return new HandshakeException(status, message);
	}

	private void append(ByteBuffer in, int length, boolean complete) {
		int needed = this.size + length;
		if (needed > this.bytes.length) {
			// A complete head gets an exact fit; one still arriving grows by doubling.
			int capacity = complete ? needed
					: Math.min(Math.max(Math.max(needed, this.bytes.length * 2), INITIAL_CAPACITY), this.maxSize);
			this.bytes = Arrays.copyOf(this.bytes, capacity);
		}
		in.get(this.bytes, this.size, length);
		this.size = needed;
	}

}
