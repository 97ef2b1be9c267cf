package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.Role;

/**
 * The permessage-deflate extension (RFC 7692) of one connection: it compresses outgoing
 * messages and inflates incoming ones whose first frame has RSV1 set. Negotiate it with
 * {@link PerMessageDeflateNegotiation}, then {@link #create} it for the connection.
 * <p>
 * It holds native zlib state only while it needs to. It makes its compressor when it
 * first compresses a message and its decompressor when it first inflates one, so a
 * connection that never exchanges a compressed message holds none. In a direction without
 * context takeover, nothing carries over from one message to the next, so it borrows from
 * a {@link DeflatePool} for each message and holds nothing in between; with context
 * takeover, or without a pool, it keeps its own for the life of the connection.
 * <p>
 * When the peer limits the window this side compresses with
 * ({@code server_max_window_bits} for a server) to 2<sup>N</sup> bytes, N &lt; 15, it
 * compresses only messages of at most 2<sup>N</sup> bytes, each with a fresh window, so
 * that no reference reaches further back than the limit, which the JDK's 32 KiB
 * {@link java.util.zip.Deflater} cannot be told; longer messages are sent uncompressed.
 * <p>
 * Used by one thread at a time, as every {@link Extension}.
 */
public final class PerMessageDeflate implements Extension {

	/** The extension's registered name. */
	public static final String NAME = "permessage-deflate";

	/** RSV1, which marks a compressed message. */
	private static final int RSV1 = 0x40;

	private final PerMessageDeflateParameters parameters;

	private final int compressionLevel;

	private final int minMessageSize;

	private final DeflatePool pool;

	private final boolean freshOutboundWindow;

	private final int maxCompressibleLength;

	private final boolean freshInboundWindow;

	private Compressor compressor;

	private Decompressor decompressor;

	private boolean released;

	private PerMessageDeflate(Role role, PerMessageDeflateParameters parameters, PerMessageDeflateConfig config,
			DeflatePool pool) {
		boolean server = role == Role.SERVER;
		int outboundWindowBits = server ? parameters.serverMaxWindowBits() : parameters.clientMaxWindowBits();
		boolean windowLimited = outboundWindowBits != 0
				&& outboundWindowBits < PerMessageDeflateParameters.MAX_WINDOW_BITS;
		this.parameters = parameters;
		this.compressionLevel = config.compressionLevel();
		this.minMessageSize = config.minMessageSize();
		this.pool = pool;
		this.freshOutboundWindow = windowLimited
				|| (server ? parameters.serverNoContextTakeover() : parameters.clientNoContextTakeover());
		this.maxCompressibleLength = windowLimited ? 1 << outboundWindowBits : Integer.MAX_VALUE;
		this.freshInboundWindow = server ? parameters.clientNoContextTakeover() : parameters.serverNoContextTakeover();
	}

	/**
	 * Creates the extension for a connection.
	 * @param role the side this end plays, which says which of the terms bind it
	 * @param parameters the negotiated terms, from
	 * {@link PerMessageDeflateNegotiation#negotiate} on a server or
	 * {@link PerMessageDeflateNegotiation#accept} on a client
	 * @param config the configuration the terms were negotiated with, for the compression
	 * level and the minimum message size
	 * @param pool where to borrow compressors and decompressors for directions without
	 * context takeover, or {@code null} to keep them with the connection
	 * @return the extension, holding no native state yet
	 * @throws IllegalArgumentException if the pool is for another compression level
	 */
	public static PerMessageDeflate create(Role role, PerMessageDeflateParameters parameters,
			PerMessageDeflateConfig config, DeflatePool pool) {
		if (pool != null && pool.compressionLevel() != config.compressionLevel()) {
			throw new IllegalArgumentException("Pool compresses at level " + pool.compressionLevel()
					+ ", configuration asks for " + config.compressionLevel());
		}
		return new PerMessageDeflate(role, parameters, config, pool);
	}

	/**
	 * Compresses a message once for many connections, with a fresh window and a
	 * compressor borrowed from the pool. The result may be sent, with RSV1 set, on every
	 * connection whose {@link #canSendStandalone(int)} says so, in place of what its own
	 * {@link #encode} would send: a message compressed on its own decodes the same
	 * whatever the receiver's window holds, and leaves the sending side's window alone
	 * only where that side compresses each message on its own anyway.
	 * @param message the payload; consumed when compressed, left as it was otherwise
	 * @param pool where to borrow the compressor
	 * @return the compressed payload, shorter than the message; or {@code null} if
	 * compressing did not shorten it
	 */
	public static ByteBuffer compressStandalone(ByteBuffer message, DeflatePool pool) {
		Compressor standalone = pool.borrowCompressor();
		try {
			return standalone.compress(message, message.remaining() - 1);
		}
		finally {
			pool.giveBack(standalone);
		}
	}

	/**
	 * Returns whether a message from {@link #compressStandalone} may be sent on this
	 * connection: when this side compresses each message with a fresh window, and the
	 * message fits the window the peer allows.
	 * @param messageLength the length of the message before compression
	 * @return whether to send the shared compressed payload
	 */
	public boolean canSendStandalone(int messageLength) {
		return !this.released && this.freshOutboundWindow && messageLength <= this.maxCompressibleLength;
	}

	/**
	 * Returns the negotiated terms.
	 * @return the terms the extension was created with
	 */
	public PerMessageDeflateParameters parameters() {
		return this.parameters;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public int rsvBits() {
		return RSV1;
	}

	/**
	 * Returns the negotiated terms as a header element.
	 * @return for example {@code permessage-deflate; server_no_context_takeover}
	 */
	@Override
	public String headerValue() {
		return this.parameters.toHeaderValue();
	}

	/**
	 * Inflates a part of a compressed message, handing the sink at most 8 KiB at a time.
	 * @throws ProtocolException with close code 1007 if the part is not valid DEFLATE, or
	 * what the sink throws, after which nothing more is inflated; either way the
	 * connection must fail, as the window is no longer in step with the peer's
	 * @throws IllegalStateException if the extension was released
	 */
	@Override
	public void decode(ByteBuffer part, boolean last, PayloadSink out) {
		checkNotReleased();
		if (this.decompressor == null) {
			this.decompressor = pooled(this.freshInboundWindow) ? this.pool.borrowDecompressor() : new Decompressor();
		}
		this.decompressor.inflate(part, out);
		if (last) {
			this.decompressor.endMessage(out);
			if (pooled(this.freshInboundWindow)) {
				this.pool.giveBack(this.decompressor);
				this.decompressor = null;
			}
			else if (this.freshInboundWindow) {
				this.decompressor.reset();
			}
		}
	}

	/**
	 * Compresses a message, unless it is shorter than the configured minimum, longer than
	 * the window the peer allows, or would not shrink.
	 * @param message the payload; consumed when compressed, left as it was when this
	 * returns {@code null}
	 * @return the compressed payload, to send with RSV1 set; or {@code null} to send the
	 * message uncompressed
	 * @throws IllegalStateException if the extension was released
	 */
	@Override
	public ByteBuffer encode(ByteBuffer message) {
		checkNotReleased();
		int length = message.remaining();
		if (length < this.minMessageSize || length > this.maxCompressibleLength) {
			return null;
		}
		if (pooled(this.freshOutboundWindow)) {
			return compressStandalone(message, this.pool);
		}
		if (this.compressor == null) {
			this.compressor = new Compressor(this.compressionLevel);
		}
		ByteBuffer compressed = this.compressor.compress(message, length - 1);
		if (this.freshOutboundWindow) {
			this.compressor.reset();
		}
		return compressed;
	}

	/**
	 * Ends the compressor and decompressor the extension holds, or gives back to the pool
	 * the one it borrowed. Further calls do nothing; any other use fails.
	 */
	@Override
	public void release() {
		if (this.released) {
			return;
		}
		this.released = true;
		if (this.compressor != null) {
			this.compressor.end();
			this.compressor = null;
		}
		if (this.decompressor != null) {
			if (pooled(this.freshInboundWindow)) {
				this.pool.giveBack(this.decompressor);
			}
			else {
				this.decompressor.end();
			}
			this.decompressor = null;
		}
	}

	/** The compressor the extension holds between messages, if any. */
	Compressor compressor() {
		return this.compressor;
	}

	/** The decompressor the extension holds, during a message or between, if any. */
	Decompressor decompressor() {
		return this.decompressor;
	}

	private boolean pooled(boolean freshWindow) {
		return freshWindow && this.pool != null;
	}

	private void checkNotReleased() {
		if (this.released) {
			throw new IllegalStateException("permessage-deflate extension was released");
		}
	}

}
