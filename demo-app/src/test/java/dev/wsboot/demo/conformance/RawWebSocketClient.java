package dev.wsboot.demo.conformance;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.handshake.ClientHandshake;
import dev.wsboot.protocol.handshake.HandshakeResponse;
import dev.wsboot.protocol.handshake.HandshakeResponseParser;
import dev.wsboot.protocol.handshake.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client on a plain {@link Socket} that sends whatever bytes a test asks for
 * and records everything that comes back. The opening handshake uses
 * {@code ws-protocol}'s client role; after it, nothing is validated on the way out (see
 * {@link OutFrame}) and frames coming in are only split, never judged: judging is for
 * {@link Conversation}.
 * <p>
 * A reader thread parses incoming frames into a queue, so writing a large message never
 * blocks on the peer writing back, and every wait is bounded: {@link #next(Duration)} by
 * its argument, the reader by the socket's read timeout.
 */
final class RawWebSocketClient implements AutoCloseable {

	/** The largest frame payload accepted from the server before the reader gives up. */
	static final int MAX_INBOUND_PAYLOAD = 64 * 1024 * 1024;

	private static final SecureRandom random = new SecureRandom();

	private final Socket socket;

	private final OutputStream out;

	private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final Thread reader;

	private final long startNanos = System.nanoTime();

	private volatile boolean closing;

	private final List<String> extensionsAccepted;

	private RawWebSocketClient(Socket socket, InputStream in, List<String> extensionsAccepted) throws IOException {
		this.socket = socket;
		this.extensionsAccepted = extensionsAccepted;
		this.out = socket.getOutputStream();
		this.reader = new Thread(() -> readFrames(in), "raw-ws-reader-" + socket.getLocalPort());
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Connects, sends the opening handshake and checks the server's answer.
	 * @param port the server's port on 127.0.0.1
	 * @param path the request path
	 * @param readTimeout the socket's read timeout: how long the reader waits for any
	 * byte before it reports the connection as stuck; also bounds the connect and the
	 * handshake
	 * @param afterRequest bytes to send in the same write as the request, right after its
	 * blank line, or {@code null}
	 * @return a connected client whose reader thread runs
	 * @throws IOException if the connection or the handshake fails
	 */
	static RawWebSocketClient connect(int port, String path, Duration readTimeout, byte @Nullable [] afterRequest)
			throws IOException {
		return connect(port, path, readTimeout, afterRequest, null);
	}

	/**
	 * Connects, sends the opening handshake with an extension offer and checks the
	 * server's answer, leaving its {@code Sec-WebSocket-Extensions} for the case to
	 * judge.
	 * @param port the server's port on 127.0.0.1
	 * @param path the request path
	 * @param readTimeout the socket's read timeout, as for
	 * {@link #connect(int, String, Duration, byte[])}
	 * @param afterRequest bytes to send in the same write as the request, or {@code null}
	 * @param extensions the {@code Sec-WebSocket-Extensions} value to offer, or
	 * {@code null} for none
	 * @return a connected client whose reader thread runs
	 * @throws IOException if the connection or the handshake fails
	 */
	static RawWebSocketClient connect(int port, String path, Duration readTimeout, byte @Nullable [] afterRequest,
			@Nullable String extensions) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) readTimeout.toMillis());
			socket.connect(new InetSocketAddress("127.0.0.1", port), (int) readTimeout.toMillis());
			String key = ClientHandshake.newKey(random);
			byte[] request = ClientHandshake.request("127.0.0.1:" + port, path, key, List.of(), extensions,
					HttpHeaders.empty());
			if (afterRequest != null) {
				byte[] both = Arrays.copyOf(request, request.length + afterRequest.length);
				System.arraycopy(afterRequest, 0, both, request.length, afterRequest.length);
				request = both;
			}
			socket.getOutputStream().write(request);
			InputStream in = socket.getInputStream();
			HandshakeResponseParser parser = new HandshakeResponseParser(8192);
			byte[] chunk = new byte[4096];
			while (true) {
				int read = in.read(chunk);
				if (read < 0) {
					throw new EOFException("Server closed the connection during the handshake");
				}
				ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, read);
				HandshakeResponse response = parser.parse(buffer);
				if (response != null) {
					ClientHandshake.validate(response, key, List.of());
					byte[] early = new byte[buffer.remaining()];
					buffer.get(early);
					// SequenceInputStream closes each stream it finishes: shield the
					// socket's,
					// so that its end does not close the socket under our feet.
					InputStream unclosable = new FilterInputStream(in) {

						@Override
						public void close() {
						}

					};
					return new RawWebSocketClient(socket,
							new SequenceInputStream(new ByteArrayInputStream(early), unclosable),
							response.headers().all("Sec-WebSocket-Extensions"));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/**
	 * Returns the values of the {@code Sec-WebSocket-Extensions} headers of the server's
	 * 101 response, one per header line.
	 * @return the values, empty when the server accepted no extension
	 */
	List<String> extensionsAccepted() {
		return this.extensionsAccepted;
	}

	/**
	 * Writes bytes in one write call.
	 * @param bytes the bytes
	 * @throws IOException if the socket refuses them (the server may have closed)
	 */
	void write(byte[] bytes) throws IOException {
		write(bytes, 0, bytes.length);
	}

	/**
	 * Writes a range of bytes in one write call.
	 * @param bytes the bytes
	 * @param offset where the range starts
	 * @param length how many bytes
	 * @throws IOException if the socket refuses them
	 */
	synchronized void write(byte[] bytes, int offset, int length) throws IOException {
		this.out.write(bytes, offset, length);
		this.out.flush();
	}

	/**
	 * Writes bytes in pieces of {@code chop} bytes, one write call each (with
	 * {@code TCP_NODELAY}, typically one TCP segment each).
	 * @param bytes the bytes
	 * @param chop the size of a piece
	 * @throws IOException if the socket refuses them
	 */
	void writeChopped(byte[] bytes, int chop) throws IOException {
		for (int offset = 0; offset < bytes.length; offset += chop) {
			write(bytes, offset, Math.min(chop, bytes.length - offset));
		}
	}

	/**
	 * Waits for the next thing the server did.
	 * @param timeout how long to wait at most
	 * @return the event, or {@code null} when nothing happened in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	Event next(Duration timeout) throws InterruptedException {
		return this.events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Returns milliseconds since the connection was made, for transcripts.
	 * @param nanos a {@link System#nanoTime()} value
	 * @return the offset in milliseconds
	 */
	double millisSinceStart(long nanos) {
		return (nanos - this.startNanos) / 1_000_000.0;
	}

	/**
	 * Closes the socket (also ending the reader). A test calls this only once it has seen
	 * what it waits for, so that the server, not the client, is the one that closed TCP.
	 */
	@Override
	public void close() {
		this.closing = true;
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Nothing to do about a socket that fails to close.
		}
		try {
			this.reader.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void readFrames(InputStream in) {
		byte[] header = new byte[14];
		try {
			while (true) {
				int first = in.read();
				if (first < 0) {
					this.events.add(new Eof(false, System.nanoTime()));
					return;
				}
				header[0] = (byte) first;
				readFully(in, header, 1, 1);
				boolean masked = (header[1] & 0x80) != 0;
				long length = header[1] & 0x7F;
				if (length == 126) {
					readFully(in, header, 2, 2);
					length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
				}
				else if (length == 127) {
					readFully(in, header, 2, 8);
					length = ByteBuffer.wrap(header, 2, 8).getLong();
				}
				if (length < 0 || length > MAX_INBOUND_PAYLOAD) {
					this.events
						.add(new ReadFailed("server sent a frame header with length " + length, System.nanoTime()));
					return;
				}
				byte[] key = new byte[4];
				if (masked) {
					readFully(in, key, 0, 4);
				}
				byte[] payload = new byte[(int) length];
				readFully(in, payload, 0, payload.length);
				if (masked) {
					for (int i = 0; i < payload.length; i++) {
						payload[i] ^= key[i & 3];
					}
				}
				this.events.add(new Frame((first & 0x80) != 0, (first >>> 4) & 0x7, first & 0xF, masked, payload,
						System.nanoTime()));
			}
		}
		catch (EOFException ex) {
			this.events.add(new Eof(true, System.nanoTime()));
		}
		catch (SocketTimeoutException ex) {
			this.events
				.add(new ReadFailed("no byte from the server within the socket's read timeout", System.nanoTime()));
		}
		catch (IOException ex) {
			if (!this.closing) {
				this.events.add(new ReadFailed(String.valueOf(ex.getMessage()), System.nanoTime()));
			}
		}
	}

	private static void readFully(InputStream in, byte[] into, int offset, int length) throws IOException {
		int done = 0;
		while (done < length) {
			int read = in.read(into, offset + done, length - done);
			if (read < 0) {
				throw new EOFException();
			}
			done += read;
		}
	}

	/**
	 * Something the server did, in the order it happened.
	 */
	sealed interface Event permits Frame, Eof, ReadFailed {

		/**
		 * Returns when the client saw it.
		 * @return a {@link System#nanoTime()} value
		 */
		long nanos();

	}

	/**
	 * A frame from the server, unmasked if it was masked.
	 *
	 * @param fin the FIN bit
	 * @param rsv the RSV bits, 0 to 7
	 * @param opcode the opcode
	 * @param masked whether the server masked it (which it must not)
	 * @param payload the payload
	 * @param nanos when it was read
	 */
	record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload, long nanos) implements Event {

		@Override
		public String toString() {
			return Opcodes.name(this.opcode) + (this.fin ? "" : " fin=0") + ((this.rsv != 0) ? " rsv=" + this.rsv : "")
					+ (this.masked ? " masked" : "") + " " + this.payload.length + "B";
		}

	}

	/**
	 * The server closed its side of the TCP connection: a read returned -1.
	 *
	 * @param midFrame whether a frame was cut short
	 * @param nanos when the client saw it
	 */
	record Eof(boolean midFrame, long nanos) implements Event {

		@Override
		public String toString() {
			return this.midFrame ? "EOF in the middle of a frame" : "EOF (server closed TCP)";
		}

	}

	/**
	 * Reading failed: the connection was reset, the read timed out, or the server sent
	 * something the reader cannot take.
	 *
	 * @param reason what happened
	 * @param nanos when
	 */
	record ReadFailed(String reason, long nanos) implements Event {

		@Override
		public String toString() {
			return "read failed: " + this.reason;
		}

	}

}
