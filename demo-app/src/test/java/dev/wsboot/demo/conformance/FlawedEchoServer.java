package dev.wsboot.demo.conformance;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A deliberately broken WebSocket echo server on a raw {@link ServerSocket}, for testing
 * the conformance checker itself: the checker must report the cases this server gets
 * wrong as failed. It accepts any handshake and echoes frames back; what it gets wrong
 * depends on its {@link Flaw}. Test code only; one thread per connection.
 */
final class FlawedEchoServer implements AutoCloseable {

	private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final Flaw flaw;

	private final ServerSocket serverSocket;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Thread acceptor;

	FlawedEchoServer(Flaw flaw) throws IOException {
		this.flaw = flaw;
		this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::accept, "flawed-echo-acceptor");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	private void accept() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setSoTimeout(30_000);
				socket.setTcpNoDelay(true);
				this.sockets.add(socket);
				Thread connection = new Thread(() -> serve(socket), "flawed-echo-" + socket.getPort());
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			handshake(in, out, this.flaw.extensionAnswer);
			ByteArrayOutputStream message = null;
			Deflater keptWindow = new Deflater(6, true);
			while (true) {
				int first = in.read();
				if (first < 0) {
					return;
				}
				int second = readByte(in);
				long length = second & 0x7F;
				if (length == 126) {
					length = (readByte(in) << 8) | readByte(in);
				}
				else if (length == 127) {
					length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
				}
				byte[] key = ((second & 0x80) != 0) ? in.readNBytes(4) : null;
				byte[] payload = in.readNBytes((int) length);
				if (key != null) {
					for (int i = 0; i < payload.length; i++) {
						payload[i] ^= key[i & 3];
					}
				}
				int opcode = first & 0xF;
				boolean fin = (first & 0x80) != 0;
				if (opcode == OutFrame.CLOSE) {
					// Echoes whatever came, code and reason unchecked.
					out.write(frame(0x80 | OutFrame.CLOSE, payload));
					if (this.flaw == Flaw.KEEPS_TCP_OPEN) {
						in.transferTo(OutputStream.nullOutputStream());
					}
					return;
				}
				if (opcode == OutFrame.PING) {
					out.write(frame(0x80 | OutFrame.PONG, payload));
				}
				else if (opcode == OutFrame.PONG) {
					continue;
				}
				else if (this.flaw == Flaw.DEFLATE_CONTEXT_TAKEOVER_LIE) {
					// Inflates each message, then compresses its echo with one window for
					// the whole connection, although it answered
					// server_no_context_takeover.
					if (opcode != OutFrame.CONTINUATION) {
						message = new ByteArrayOutputStream();
						message.write(opcode);
					}
					message.writeBytes(payload);
					if (fin) {
						byte[] bytes = message.toByteArray();
						byte[] data = inflate(Arrays.copyOfRange(bytes, 1, bytes.length));
						keptWindow.setInput(data);
						byte[] buffer = new byte[data.length + 1024];
						int written = keptWindow.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
						out.write(frame(0x80 | 0x40 | bytes[0], Arrays.copyOf(buffer, written - 4)));
					}
				}
				else if (this.flaw == Flaw.DEFLATE_RSV1_ON_CONTINUATIONS) {
					out.write(frame((first & 0xFF) | ((opcode == OutFrame.CONTINUATION) ? 0x40 : 0), payload));
				}
				else if (this.flaw == Flaw.UTF8_AT_MESSAGE_END) {
					// Buffers each message and validates text only once it is complete.
					if (opcode != OutFrame.CONTINUATION) {
						message = new ByteArrayOutputStream();
						message.write(opcode);
					}
					message.writeBytes(payload);
					if (fin) {
						byte[] bytes = message.toByteArray();
						byte[] data = Arrays.copyOfRange(bytes, 1, bytes.length);
						if (bytes[0] == OutFrame.TEXT && !Utf8Samples.isValid(data)) {
							out.write(frame(0x80 | OutFrame.CLOSE, new byte[] { 0x03, (byte) 0xEF }));
							socket.shutdownOutput();
							in.transferTo(OutputStream.nullOutputStream());
							return;
						}
						out.write(frame(0x80 | bytes[0], data));
					}
				}
				else {
					// Echoes every other frame as it came: RSV bits, reserved opcodes and
					// invalid UTF-8 included.
					out.write(frame(first & 0xFF, payload));
				}
			}
		}
		catch (IOException ex) {
			// The client went away; nothing to do.
		}
		finally {
			this.sockets.remove(socket);
		}
	}

	private static byte[] inflate(byte[] compressed) throws IOException {
		Inflater inflater = new Inflater(true);
		try {
			inflater.setInput(Utf8Samples.concat(compressed, new byte[] { 0, 0, (byte) 0xff, (byte) 0xff }));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			while (!inflater.needsInput()) {
				out.write(buffer, 0, inflater.inflate(buffer));
			}
			return out.toByteArray();
		}
		catch (DataFormatException ex) {
			throw new IOException(ex);
		}
		finally {
			inflater.end();
		}
	}

	private static void handshake(InputStream in, OutputStream out, String extensionAnswer) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			if (head.size() > 8192) {
				throw new IOException("handshake too long");
			}
			head.write(readByte(in));
		}
		String key = null;
		for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
				key = line.substring(line.indexOf(':') + 1).trim();
			}
		}
		String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + accept(key) + "\r\n"
				+ ((extensionAnswer != null) ? "Sec-WebSocket-Extensions: " + extensionAnswer + "\r\n" : "") + "\r\n";
		out.write(response.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static String accept(String key) {
		try {
			byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
			return Base64.getEncoder().encodeToString(sha1);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] frame(int firstByte, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 10);
		out.write(firstByte);
		if (payload.length <= 125) {
			out.write(payload.length);
		}
		else if (payload.length <= 0xFFFF) {
			out.write(126);
			out.write(payload.length >>> 8);
			out.write(payload.length);
		}
		else {
			out.write(127);
			out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
		}
		out.writeBytes(payload);
		return out.toByteArray();
	}

	private static int readByte(InputStream in) throws IOException {
		int b = in.read();
		if (b < 0) {
			throw new EOFException();
		}
		return b;
	}

	/**
	 * What the server gets wrong.
	 */
	enum Flaw {

		/**
		 * Validates nothing: echoes RSV bits, reserved opcodes, invalid UTF-8 and any
		 * close code.
		 */
		NO_VALIDATION,

		/**
		 * Validates UTF-8 only once a text message is complete (not fail-fast); echoes
		 * everything else.
		 */
		UTF8_AT_MESSAGE_END,

		/** Answers a close but leaves closing TCP to the client. */
		KEEPS_TCP_OPEN,

		/**
		 * Accepts permessage-deflate with both no-context-takeover parameters whatever
		 * the offer, and echoes frames as they came: compressed messages stay compressed,
		 * which is a valid echo.
		 */
		DEFLATE_ECHO(SERVER_AND_CLIENT_NO_CONTEXT_TAKEOVER),

		/** As {@link #DEFLATE_ECHO}, but drops server_no_context_takeover. */
		DEFLATE_DROPS_SERVER_NO_CONTEXT_TAKEOVER("permessage-deflate; client_no_context_takeover"),

		/**
		 * As {@link #DEFLATE_ECHO}, but answers client_max_window_bits=10 to any offer.
		 */
		DEFLATE_CLIENT_WINDOW_UNASKED("permessage-deflate; client_no_context_takeover; client_max_window_bits=10"),

		/**
		 * Answers server_no_context_takeover, but compresses its echoes with one window
		 * for the whole connection.
		 */
		DEFLATE_CONTEXT_TAKEOVER_LIE(SERVER_AND_CLIENT_NO_CONTEXT_TAKEOVER),

		/** As {@link #DEFLATE_ECHO}, but echoes continuations with RSV1 set. */
		DEFLATE_RSV1_ON_CONTINUATIONS(SERVER_AND_CLIENT_NO_CONTEXT_TAKEOVER);

		private final String extensionAnswer;

		Flaw() {
			this(null);
		}

		Flaw(String extensionAnswer) {
			this.extensionAnswer = extensionAnswer;
		}

	}

	private static final String SERVER_AND_CLIENT_NO_CONTEXT_TAKEOVER = "permessage-deflate; "
			+ "server_no_context_takeover; client_no_context_takeover";

}
