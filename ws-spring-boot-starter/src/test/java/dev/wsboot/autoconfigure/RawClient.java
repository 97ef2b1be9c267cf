package dev.wsboot.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain socket, writing exactly the bytes a test asks for and
 * counting the frame bytes it writes and reads after the handshake. Every read is bounded
 * by the socket's timeout.
 */
final class RawClient implements AutoCloseable {

	static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

	private static final byte[] MASK = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private long frameBytesWritten;

	private long frameBytesRead;

	private RawClient(int port) throws IOException {
		this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
		this.socket.setSoTimeout(10_000);
		this.socket.setTcpNoDelay(true);
		this.in = this.socket.getInputStream();
		this.out = this.socket.getOutputStream();
	}

	static RawClient connect(int port) throws IOException {
		return new RawClient(port);
	}

	/**
	 * Sends a valid opening handshake and returns the response head.
	 */
	String handshake(String path) throws IOException {
		return request("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
	}

	/**
	 * Sends a request head as given and returns the response head.
	 */
	String request(String head) throws IOException {
		this.out.write(head.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		StringBuilder response = new StringBuilder();
		while (response.length() < 4 || !response.substring(response.length() - 4).equals("\r\n\r\n")) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("Connection closed in the response head: " + response);
			}
			response.append((char) b);
		}
		return response.toString();
	}

	void text(String text, boolean fin) throws IOException {
		frame(fin, 1, text.getBytes(StandardCharsets.UTF_8), true);
	}

	/**
	 * Writes one frame; a client frame is masked unless a test breaks the rule.
	 */
	void frame(boolean fin, int opcode, byte[] payload, boolean masked) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write((fin ? 0x80 : 0) | opcode);
		int maskBit = masked ? 0x80 : 0;
		if (payload.length < 126) {
			frame.write(maskBit | payload.length);
		}
		else {
			frame.write(maskBit | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		if (masked) {
			frame.write(MASK);
			for (int i = 0; i < payload.length; i++) {
				frame.write(payload[i] ^ MASK[i & 3]);
			}
		}
		else {
			frame.write(payload);
		}
		write(frame.toByteArray());
	}

	/**
	 * Writes a frame header that announces a payload, and no payload.
	 */
	void header(int opcode, int length) throws IOException {
		write(new byte[] { (byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (length >>> 8), (byte) length, MASK[0],
				MASK[1], MASK[2], MASK[3] });
	}

	void close(int code) throws IOException {
		frame(true, 8, new byte[] { (byte) (code >>> 8), (byte) code }, true);
	}

	private void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		this.frameBytesWritten += bytes.length;
	}

	/**
	 * Reads one (unmasked) server frame.
	 */
	Frame read() throws IOException {
		int b0 = readByte();
		int b1 = readByte();
		long length = b1 & 0x7f;
		int header = 2;
		if (length == 126) {
			length = (readByte() << 8) | readByte();
			header += 2;
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | readByte();
			}
			header += 8;
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length != length) {
			throw new EOFException("Connection closed in a frame");
		}
		this.frameBytesRead += header + length;
		return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
	}

	/**
	 * Reads frames up to the server's close frame and returns its code.
	 */
	int readCloseCode() throws IOException {
		Frame frame;
		do {
			frame = read();
		}
		while (frame.opcode() != 8);
		return ((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff);
	}

	/**
	 * Reads everything up to the end of the stream, such as the body of a refusal.
	 */
	String readToEnd() throws IOException {
		return new String(this.in.readAllBytes(), StandardCharsets.UTF_8);
	}

	/**
	 * Waits until the server closes the connection.
	 */
	void awaitEof() throws IOException {
		while (this.in.read() >= 0) {
			// Drain.
		}
	}

	long frameBytesWritten() {
		return this.frameBytesWritten;
	}

	long frameBytesRead() {
		return this.frameBytesRead;
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException();
		}
		return b;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	record Frame(boolean fin, int opcode, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
