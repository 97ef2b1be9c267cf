package dev.wsboot.server;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.Opcode;
import dev.wsboot.protocol.handshake.ClientHandshake;
import dev.wsboot.protocol.handshake.HandshakeResponse;
import dev.wsboot.protocol.handshake.HandshakeResponseParser;
import dev.wsboot.protocol.handshake.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client on a plain blocking socket, for tests that must do what a real
 * client would not: stop half-way through a handshake, a frame or a message, reset the
 * connection, half-close it, or send frames a server must refuse; over plain TCP or TLS.
 * Reads block for at most {@link #TIMEOUT}.
 */
final class RawClient implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Socket tcp;

	private final Socket socket;

	private final OutputStream out;

	private final FrameEncoder encoder = new FrameEncoder(Role.CLIENT);

	private DataInputStream in;

	private RawClient(Socket tcp, Socket socket) throws IOException {
		this.tcp = tcp;
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.in = new DataInputStream(socket.getInputStream());
	}

	/**
	 * Connects to a server on the loopback address, without a handshake.
	 * @param port the server's port
	 * @return the client
	 * @throws IOException if the connection fails
	 */
	static RawClient connect(int port) throws IOException {
		return connect(port, null);
	}

	/**
	 * Connects to a server on the loopback address, over TLS if a context is given, and
	 * completes the TLS handshake but not the WebSocket one.
	 * @param port the server's port
	 * @param tls the client's TLS context, or {@code null} for plain TCP
	 * @return the client
	 * @throws IOException if the connection or the TLS handshake fails
	 */
	static RawClient connect(int port, @Nullable SSLContext tls) throws IOException {
		Socket tcp = new Socket(InetAddress.getLoopbackAddress(), port);
		try {
			tcp.setSoTimeout((int) TIMEOUT.toMillis());
			tcp.setTcpNoDelay(true);
			if (tls == null) {
				return new RawClient(tcp, tcp);
			}
			SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			socket.startHandshake();
			return new RawClient(tcp, socket);
		}
		catch (IOException ex) {
			tcp.close();
			throw ex;
		}
	}

	/**
	 * Connects and completes the opening handshake, which the server must accept.
	 * @param port the server's port
	 * @param path the request target
	 * @return the client, its session open
	 * @throws IOException if the connection fails or the server refuses the handshake
	 */
	static RawClient open(int port, String path) throws IOException {
		return open(port, path, null);
	}

	/**
	 * Connects, over TLS if a context is given, and completes the opening handshake,
	 * which the server must accept.
	 * @param port the server's port
	 * @param path the request target
	 * @param tls the client's TLS context, or {@code null} for plain TCP
	 * @return the client, its session open
	 * @throws IOException if the connection fails or the server refuses the handshake
	 */
	static RawClient open(int port, String path, @Nullable SSLContext tls) throws IOException {
		RawClient client = connect(port, tls);
		try {
			HandshakeResponse response = client.handshake(path);
			if (response.status() != 101) {
				throw new IOException("Handshake refused with " + response.status());
			}
			return client;
		}
		catch (IOException | RuntimeException ex) {
			client.close();
			throw ex;
		}
	}

	/**
	 * Returns a handshake request for the path.
	 * @param path the request target
	 * @return the bytes of the request head
	 */
	static byte[] handshakeRequest(String path) {
		return ClientHandshake.request("127.0.0.1", path, ClientHandshake.newKey(RANDOM), List.of(), null,
				HttpHeaders.empty());
	}

	/**
	 * Sends a handshake request and reads the response head. A 101 is validated against
	 * the key sent.
	 * @param path the request target
	 * @return the response
	 * @throws IOException if the connection fails or ends before the response head
	 */
	HandshakeResponse handshake(String path) throws IOException {
		String key = ClientHandshake.newKey(RANDOM);
		write(ClientHandshake.request("127.0.0.1", path, key, List.of(), null, HttpHeaders.empty()));
		HandshakeResponse response = readResponse();
		if (response.status() == 101) {
			ClientHandshake.validate(response, key, List.of());
		}
		return response;
	}

	/**
	 * Reads the response head to a request sent with {@link #write(byte[])}. Bytes after
	 * the head stay to be read as frames.
	 * @return the response
	 * @throws IOException if the connection fails or ends before the response head
	 */
	HandshakeResponse readResponse() throws IOException {
		HandshakeResponseParser parser = new HandshakeResponseParser(16 * 1024);
		byte[] chunk = new byte[4096];
		while (true) {
			int read = this.in.read(chunk);
			if (read < 0) {
				throw new EOFException("Connection closed before the response head");
			}
			ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, read);
			HandshakeResponse response = parser.parse(buffer);
			if (response != null) {
				if (buffer.hasRemaining()) {
					byte[] rest = new byte[buffer.remaining()];
					buffer.get(rest);
					this.in = new DataInputStream(
							new SequenceInputStream(new ByteArrayInputStream(rest), this.socket.getInputStream()));
				}
				return response;
			}
		}
	}

	/**
	 * Writes bytes as they are.
	 * @param bytes the bytes
	 * @throws IOException if the write fails
	 */
	void write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/**
	 * Returns a masked frame, as a client sends it.
	 * @param fin whether the FIN bit is set
	 * @param opcode the opcode
	 * @param payload the payload
	 * @return the frame's bytes
	 */
	byte[] frame(boolean fin, int opcode, byte[] payload) {
		ByteBuffer frame = this.encoder.encode(fin, opcode, ByteBuffer.wrap(payload));
		byte[] bytes = new byte[frame.remaining()];
		frame.get(bytes);
		return bytes;
	}

	/**
	 * Sends a masked frame.
	 * @param fin whether the FIN bit is set
	 * @param opcode the opcode
	 * @param payload the payload
	 * @throws IOException if the write fails
	 */
	void send(boolean fin, int opcode, byte[] payload) throws IOException {
		write(frame(fin, opcode, payload));
	}

	/**
	 * Sends a text message in one frame.
	 * @param text the text
	 * @throws IOException if the write fails
	 */
	void sendText(String text) throws IOException {
		send(true, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sends a close frame with a code and no reason.
	 * @param code the close code
	 * @throws IOException if the write fails
	 */
	void sendClose(int code) throws IOException {
		send(true, Opcode.CLOSE, new byte[] { (byte) (code >>> 8), (byte) code });
	}

	/**
	 * Reads the next frame the server sends; server frames are never masked.
	 * @return the frame
	 * @throws IOException if the connection fails, ends or stays silent past the timeout
	 */
	Frame readFrame() throws IOException {
		int b0 = this.in.readUnsignedByte();
		int b1 = this.in.readUnsignedByte();
		if ((b1 & 0x80) != 0) {
			throw new IOException("Masked frame from the server");
		}
		long length = b1 & 0x7F;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		if (length > Integer.MAX_VALUE - 8) {
			throw new IOException("Frame of " + length + " bytes");
		}
		byte[] payload = new byte[(int) length];
		this.in.readFully(payload);
		return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
	}

	/**
	 * Reads frames up to the next whole data message, gathering its fragments; control
	 * frames in between are dropped.
	 * @return the message as one frame: FIN set, the opcode of its first frame, all its
	 * payload
	 * @throws IOException if the connection fails, ends or stays silent past the timeout,
	 * or the server closes instead
	 */
	Frame readMessage() throws IOException {
		java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
		int opcode = -1;
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == Opcode.CLOSE) {
				throw new IOException("Closed with " + frame.closeCode() + " instead of a message");
			}
			if (frame.opcode() >= Opcode.CLOSE) {
				continue;
			}
			if (opcode < 0) {
				opcode = frame.opcode();
			}
			payload.writeBytes(frame.payload());
			if (frame.fin()) {
				return new Frame(true, opcode, payload.toByteArray());
			}
		}
	}

	/**
	 * Reads frames up to the next text message, which must come in one frame.
	 * @return the text
	 * @throws IOException if the connection fails, ends or stays silent past the timeout
	 */
	String readText() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == Opcode.TEXT) {
				return new String(frame.payload(), StandardCharsets.UTF_8);
			}
			if (frame.opcode() == Opcode.CLOSE) {
				throw new IOException("Closed with " + frame.closeCode() + " instead of a text message");
			}
		}
	}

	/**
	 * Reads frames up to the server's close frame.
	 * @return its close code, 1005 if it carries none
	 * @throws IOException if the connection fails, ends or stays silent past the timeout
	 */
	int readClose() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == Opcode.CLOSE) {
				return frame.closeCode();
			}
		}
	}

	/**
	 * Reads and drops what the server still sends until it closes the connection.
	 * @return whether the server closed it (end of stream or reset) within the timeout;
	 * {@code false} if it stayed open
	 * @throws IOException if reading fails for another reason
	 */
	boolean awaitServerClose() throws IOException {
		byte[] sink = new byte[8192];
		try {
			while (this.in.read(sink) >= 0) {
				// Dropped.
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// A reset counts as closed, and so does a TLS stream cut without
			// close_notify.
			return true;
		}
	}

	/**
	 * Sends FIN: the client will send nothing more, but still reads.
	 * @throws IOException if the socket fails
	 */
	void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	/**
	 * Resets the connection: closes its TCP socket with SO_LINGER 0, so that the server
	 * gets RST rather than FIN, and no TLS close_notify.
	 */
	void reset() {
		try {
			this.tcp.setSoLinger(true, 0);
		}
		catch (SocketException ex) {
			// Already closed: closing below is all there is to do.
		}
		drop();
	}

	/**
	 * Closes the TCP socket: FIN, without a TLS close_notify first.
	 */
	void drop() {
		try {
			this.tcp.close();
		}
		catch (IOException ex) {
			// Nothing more to do.
		}
	}

	Socket socket() {
		return this.socket;
	}

	/**
	 * Closes the connection as a program would: over TLS, close_notify, then FIN.
	 */
	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Nothing more to do.
		}
		drop();
	}

	/**
	 * A frame from the server.
	 *
	 * @param fin whether the FIN bit is set
	 * @param opcode the opcode
	 * @param payload the payload
	 */
	record Frame(boolean fin, int opcode, byte[] payload) {

		/**
		 * Returns the close code of a close frame.
		 * @return the code, or 1005 for a close frame without one
		 */
		int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF) : 1005;
		}

	}

}
