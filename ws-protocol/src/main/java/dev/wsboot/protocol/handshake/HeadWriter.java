package dev.wsboot.protocol.handshake;

import java.util.Arrays;

/**
 * Writes an HTTP/1.1 message head as bytes, checking as it goes that every header name is
 * a token and every value a field value, so that no caller's string can end a line early
 * and smuggle in headers of its own.
 */
final class HeadWriter {

	private static final byte[] NO_BODY = {};

	private byte[] bytes = new byte[256];

	private int size;

	/**
	 * Starts a head with its start line.
	 * @param startLine the request or status line, without its CRLF; visible ASCII and
	 * spaces only, as the callers build it
	 */
	HeadWriter(String startLine) {
		write(startLine);
		crlf();
	}

	/**
	 * Adds a header line.
	 * @param name the field name
	 * @param value the field value
	 * @return this writer
	 * @throws IllegalArgumentException if the name is not a token or the value is not a
	 * trimmed field value
	 */
	HeadWriter header(String name, String value) {
		HttpSyntax.requireHeader(name, value);
		write(name);
		write(": ");
		write(value);
		crlf();
		return this;
	}

	/**
	 * Ends the head with an empty line.
	 * @return the head's bytes
	 */
	byte[] end() {
		return end(NO_BODY);
	}

	/**
	 * Ends the head with an empty line and appends a body.
	 * @param body the body, possibly empty
	 * @return the message's bytes
	 */
	byte[] end(byte[] body) {
		crlf();
		byte[] message = Arrays.copyOf(this.bytes, this.size + body.length);
		System.arraycopy(body, 0, message, this.size, body.length);
		return message;
	}

	private void crlf() {
		write("\r\n");
	}

	// One byte per character: callers have checked they are all ISO-8859-1.
	private void write(String s) {
		int length = s.length();
		if (this.size + length > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.size + length, this.bytes.length * 2));
		}
		for (int i = 0; i < length; i++) {
			this.bytes[this.size++] = (byte) s.charAt(i);
		}
	}

}
