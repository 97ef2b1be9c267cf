package dev.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

/**
 * TLS over TCP with a non-blocking {@link SSLEngine}, driven by the event loop for
 * reading and by the connection's writer for writing. Encrypted bytes are buffered per
 * connection only while a record is incomplete or the socket is full, so an idle TLS
 * connection holds no buffer either.
 */
final class TlsTransport implements Transport {

	/**
	 * Largest TLS record with its overhead (RFC 8446 section 5.2 allows 2^14 + 256),
	 * twice.
	 */
	private static final int SCRATCH_SIZE = 2 * (16384 + 2048);

	private static final ThreadLocal<ByteBuffer> READ_SCRATCH = ThreadLocal
		.withInitial(() -> ByteBuffer.allocateDirect(SCRATCH_SIZE));

	private static final ThreadLocal<ByteBuffer> WRITE_SCRATCH = ThreadLocal
		.withInitial(() -> ByteBuffer.allocateDirect(SCRATCH_SIZE));

	private final SocketChannel channel;

	private final SSLEngine engine;

	private final Runnable wrapNeeded;

	/**
	 * Encrypted input not yet decoded (a partial record), in read mode; loop thread only.
	 */
	private @Nullable ByteBuffer netIn;

	/** Encrypted output the socket did not take, in read mode; guarded by this. */
	private @Nullable ByteBuffer netOut;

	private boolean inputFull;

	private boolean endOfStream;

	/**
	 * Creates a transport.
	 * @param channel the socket
	 * @param engine a server-mode engine, not yet used
	 * @param wrapNeeded asks the connection's writer to write, which lets the engine send
	 * handshake messages when reading finds it needs to
	 */
	TlsTransport(SocketChannel channel, SSLEngine engine, Runnable wrapNeeded) {
		this.channel = channel;
		this.engine = restrictToModernProtocols(engine);
		this.wrapNeeded = wrapNeeded;
	}

	/**
	 * Keeps only TLS 1.3 and 1.2 of what the engine enables, whatever its factory
	 * allowed: older versions are broken and browsers no longer speak them.
	 * @param engine a server-mode engine
	 * @return the same engine
	 * @throws IllegalArgumentException when the engine enables neither
	 */
	static SSLEngine restrictToModernProtocols(SSLEngine engine) {
		String[] allowed = Arrays.stream(engine.getEnabledProtocols())
			.filter((protocol) -> protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"))
			.toArray(String[]::new);
		if (allowed.length == 0) {
			throw new IllegalArgumentException("TLS engine enables neither TLSv1.3 nor TLSv1.2");
		}
		engine.setEnabledProtocols(allowed);
		engine.setUseClientMode(false);
		return engine;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		ByteBuffer in = scratch(READ_SCRATCH);
		if (this.netIn != null) {
			in.put(this.netIn);
			this.netIn = null;
		}
		if (!this.inputFull && !this.endOfStream && this.channel.read(in) < 0) {
			this.endOfStream = true;
		}
		in.flip();
		this.inputFull = false;
		int produced = 0;
		while (in.hasRemaining()) {
			SSLEngineResult result = this.engine.unwrap(in, dst);
			produced += result.bytesProduced();
			if (runTasks(result.getHandshakeStatus()) == HandshakeStatus.NEED_WRAP) {
				this.wrapNeeded.run();
			}
			SSLEngineResult.Status status = result.getStatus();
			if (status == SSLEngineResult.Status.CLOSED) {
				this.endOfStream = true;
				break;
			}
			if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
				this.inputFull = true;
				break;
			}
			if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW
					|| (result.bytesConsumed() == 0 && result.bytesProduced() == 0)) {
				break;
			}
		}
		if (in.hasRemaining()) {
			// An incomplete record (or more than dst could take): keep just those bytes.
			this.netIn = ByteBuffer.allocate(in.remaining()).put(in).flip();
		}
		return (produced == 0 && this.endOfStream) ? -1 : produced;
	}

	@Override
	public boolean hasBufferedInput() {
		return this.inputFull;
	}

	@Override
	public synchronized long write(ByteBuffer[] sources) throws IOException {
		if (!flush()) {
			return 0;
		}
		ByteBuffer out = scratch(WRITE_SCRATCH);
		long consumed = 0;
		do {
			out.clear();
			SSLEngineResult result = this.engine.wrap(sources, out);
			consumed += result.bytesConsumed();
			runTasks(result.getHandshakeStatus());
			if (result.getStatus() == SSLEngineResult.Status.CLOSED && result.bytesProduced() == 0) {
				throw new SSLException("TLS session is closed");
			}
			out.flip();
			this.channel.write(out);
			if (out.hasRemaining()) {
				// The socket is full: keep only what it did not take.
				this.netOut = ByteBuffer.allocate(out.remaining()).put(out).flip();
				return consumed;
			}
		}
		while (hasRemaining(sources) || this.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP);
		return consumed;
	}

	@Override
	public synchronized boolean flush() throws IOException {
		ByteBuffer out = this.netOut;
		if (out == null) {
			return true;
		}
		this.channel.write(out);
		if (out.hasRemaining()) {
			return false;
		}
		this.netOut = null;
		return true;
	}

	@Override
	public void shutdownOutput() throws IOException {
		synchronized (this) {
			this.engine.closeOutbound();
			try {
				write(new ByteBuffer[0]);
			}
			catch (IOException ex) {
				// close_notify is a courtesy; the FIN below still ends the stream.
			}
		}
		this.channel.shutdownOutput();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

	private HandshakeStatus runTasks(HandshakeStatus status) {
		if (status != HandshakeStatus.NEED_TASK) {
			return status;
		}
		Runnable task;
		while ((task = this.engine.getDelegatedTask()) != null) {
			task.run();
		}
		return this.engine.getHandshakeStatus();
	}

	/** A per-thread buffer large enough for two TLS records, cleared. */
	private static ByteBuffer scratch(ThreadLocal<ByteBuffer> holder) {
		ByteBuffer buffer = holder.get();
		buffer.clear();
		return buffer;
	}

	private static boolean hasRemaining(ByteBuffer[] buffers) {
		for (ByteBuffer buffer : buffers) {
			if (buffer.hasRemaining()) {
				return true;
			}
		}
		return false;
	}

}
