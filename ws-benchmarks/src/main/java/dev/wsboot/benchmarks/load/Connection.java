package dev.wsboot.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Random;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.extension.Extension.PayloadSink;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.FrameListener;
import dev.wsboot.protocol.frame.FrameParser;
import dev.wsboot.protocol.frame.Opcode;
import dev.wsboot.protocol.handshake.ClientHandshake;
import dev.wsboot.protocol.handshake.HandshakeException;
import dev.wsboot.protocol.handshake.HandshakeResponse;
import dev.wsboot.protocol.handshake.HandshakeResponseParser;
import dev.wsboot.protocol.handshake.HttpHeaders;

/**
 * One client connection of the load tool, driven by its {@link ClientLoop}: connects,
 * sends the opening handshake made by {@link ClientHandshake}, checks the response, then
 * sends frames made by a client-role {@link FrameEncoder} and reads frames with a
 * {@link FrameParser}. Each whole data message that arrives is compared with
 * {@link #expected}. When the server accepts the loop's permessage-deflate offer,
 * messages go out compressed by a client-role {@link PerMessageDeflate} (those that
 * shrink) and compressed ones are inflated before the comparison, and reported to the
 * {@link Driver}, which may also read it whole (see {@link #keepMessages()}). Loop thread
 * only.
 */
public final class Connection implements FrameListener {

	private static final byte[] NORMAL_CLOSE = { 0x03, (byte) 0xE8 };

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	enum State {

		CONNECTING, HANDSHAKE, OPEN, CLOSING, CLOSED

	}

	private final ClientLoop loop;

	private final Driver driver;

	private final SocketChannel channel;

	private final SelectionKey key;

	private final String handshakeKey;

	private final byte[] request;

	private HandshakeResponseParser responseParser = new HandshakeResponseParser(8192);

	private FrameParser frames;

	private ByteBuffer out;

	private State state = State.CONNECTING;

	private boolean writeArmed;

	/**
	 * While a read's frames are handled, sends only queue: what they answer goes out in
	 * one write when the read is done, as a pipelining client writes.
	 */
	private boolean corked;

	private boolean closeSent;

	/** permessage-deflate, when the server accepted it. */
	private PerMessageDeflate deflate;

	/** What every data message from the server must equal; set by the driver. */
	byte[] expected = new byte[0];

	/** Send timestamps of the messages in flight, oldest first. */
	private long[] sendTimes = new long[4];

	private int sendHead;

	private int sendCount;

	/** When the connection attempt started. */
	final long startedNanos;

	// The frame being read.
	private int frameOpcode;

	private boolean frameFin;

	private int messageOpcode;

	private long messageLength;

	private boolean mismatch;

	private boolean compressedMessage;

	/** Where inflated payload goes: {@link #check}, made once rather than per frame. */
	private final PayloadSink checker = this::check;

	private final ByteBuffer controlPayload = ByteBuffer.allocate(125);

	/** The data message being read, whole; {@code null} unless kept. */
	private ByteBuffer kept;

	/** The code of the server's close frame, once one arrived. */
	private int closeCode = -1;

	Connection(ClientLoop loop, Driver driver, InetSocketAddress address, String path, Random random)
			throws IOException {
		this.loop = loop;
		this.driver = driver;
		this.startedNanos = System.nanoTime();
		this.handshakeKey = ClientHandshake.newKey(random);
		this.request = ClientHandshake.request(address.getHostString() + ":" + address.getPort(), path,
				this.handshakeKey, List.of(), loop.compression().offer(), HttpHeaders.empty());
		this.out = loop.outputBuffer(this.request.length);
		this.channel = SocketChannel.open();
		try {
			this.channel.configureBlocking(false);
			this.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			// On loopback the connection is made within connect(), though a non-blocking
			// connect() says it is pending: finishing it at once saves a trip through the
			// selector and a change of interest per connection.
			boolean connected = this.channel.connect(address) || this.channel.finishConnect();
			this.key = this.channel.register(loop.selector(),
					connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, this);
			if (connected) {
				connected();
			}
		}
		catch (IOException ex) {
			this.channel.close();
			throw ex;
		}
	}

	State state() {
		return this.state;
	}

	/**
	 * Keeps each data message whole for {@link #message()}, for drivers whose messages
	 * differ one from the next, so that {@link #expected} cannot describe them.
	 */
	public void keepMessages() {
		this.kept = ByteBuffer.allocate(1024);
	}

	/**
	 * Returns the data message being reported to {@link Driver#onMessage}; valid only
	 * during that call.
	 * @return its payload, from position to limit
	 * @throws IllegalStateException unless {@link #keepMessages()} was called
	 */
	public ByteBuffer message() {
		if (this.kept == null) {
			throw new IllegalStateException("Messages are not kept");
		}
		return this.kept.duplicate().flip();
	}

	/**
	 * Returns the status code of the close frame the server sent.
	 * @return the code, 1005 if the frame had none, or -1 if no close frame arrived
	 */
	public int closeCode() {
		return this.closeCode;
	}

	/** The selector reported the channel ready. */
	void ready(int readyOps) {
		try {
			if ((readyOps & SelectionKey.OP_CONNECT) != 0) {
				this.channel.finishConnect();
				connected();
			}
			if ((readyOps & SelectionKey.OP_WRITE) != 0 && this.state != State.CLOSED) {
				flush();
			}
			if ((readyOps & SelectionKey.OP_READ) != 0 && this.state != State.CLOSED) {
				read();
			}
		}
		catch (IOException | ProtocolException | HandshakeException | IllegalStateException ex) {
			fail(ex);
		}
	}

	private void connected() throws IOException {
		this.state = State.HANDSHAKE;
		this.key.interestOps(SelectionKey.OP_READ);
		this.out.put(this.request);
		flush();
	}

	private void read() throws IOException {
		ByteBuffer buffer = this.loop.readBuffer();
		buffer.clear();
		int read = this.channel.read(buffer);
		this.loop.traffic().bytesReceived += Math.max(0, read);
		if (read < 0) {
			// The server closes TCP first after the closing handshake.
			boolean clean = this.state == State.CLOSING;
			closeChannel();
			if (clean) {
				this.driver.onClosed(this);
			}
			else {
				this.driver.onFailure(this, new IOException("server closed the connection in state " + this.state));
			}
			return;
		}
		if (read == 0) {
			return;
		}
		buffer.flip();
		this.corked = true;
		try {
			handle(buffer);
		}
		finally {
			this.corked = false;
		}
		if (this.state != State.CLOSED && !this.writeArmed && this.out.position() > 0) {
			flush();
		}
	}

	private void handle(ByteBuffer buffer) throws IOException {
		if (this.state == State.HANDSHAKE) {
			HandshakeResponse response = this.responseParser.parse(buffer);
			if (response == null) {
				return;
			}
			ClientHandshake.validate(response, this.handshakeKey, List.of());
			this.deflate = this.loop.compression().accept(response.headers());
			this.responseParser = null;
			this.frames = new FrameParser(this);
			this.state = State.OPEN;
			this.driver.onOpen(this);
		}
		if (buffer.hasRemaining() && this.frames != null && this.state != State.CLOSED) {
			this.frames.parse(buffer);
		}
	}

	// ---- sending ----

	/**
	 * Queues a data message and writes what the socket takes.
	 * @param text whether it is a text message
	 * @param payload the payload, from position to limit; not moved
	 * @throws IOException when the socket fails
	 */
	public void send(boolean text, ByteBuffer payload) throws IOException {
		recordSendTime();
		int opcode = text ? Opcode.TEXT : Opcode.BINARY;
		// encode consumes what it compresses: give it a view, the caller's stays put.
		ByteBuffer compressed = (this.deflate != null) ? this.deflate.encode(payload.duplicate()) : null;
		if (compressed != null) {
			this.loop.traffic().compressedSent++;
			encode(true, opcode, this.deflate.rsvBits(), compressed);
		}
		else {
			encode(true, opcode, 0, payload);
		}
	}

	/**
	 * Queues one frame and writes what the socket takes, so that a driver may fragment a
	 * message and put control frames between its fragments. The first frame of a data
	 * message ({@link Opcode#TEXT} or {@link Opcode#BINARY}) counts as its send time.
	 * Frames sent this way are never compressed.
	 * @param fin whether the FIN bit is set
	 * @param opcode the opcode
	 * @param payload the payload, from position to limit; not moved
	 * @throws IOException when the socket fails
	 */
	public void sendFrame(boolean fin, int opcode, ByteBuffer payload) throws IOException {
		if (opcode == Opcode.TEXT || opcode == Opcode.BINARY) {
			recordSendTime();
		}
		encode(fin, opcode, 0, payload);
	}

	private void recordSendTime() {
		if (this.sendCount == this.sendTimes.length) {
			long[] larger = new long[this.sendTimes.length * 2];
			for (int i = 0; i < this.sendCount; i++) {
				larger[i] = this.sendTimes[(this.sendHead + i) % this.sendTimes.length];
			}
			this.sendTimes = larger;
			this.sendHead = 0;
		}
		this.sendTimes[(this.sendHead + this.sendCount++) % this.sendTimes.length] = System.nanoTime();
	}

	/**
	 * Starts the closing handshake with 1000.
	 * @throws IOException when the socket fails
	 */
	public void sendClose() throws IOException {
		if (this.closeSent || this.state != State.OPEN) {
			return;
		}
		this.closeSent = true;
		this.state = State.CLOSING;
		encode(true, Opcode.CLOSE, 0, ByteBuffer.wrap(NORMAL_CLOSE));
	}

	private void encode(boolean fin, int opcode, int rsv, ByteBuffer payload) throws IOException {
		if (this.state == State.CLOSED) {
			// As the socket would say: the output buffer went back to the loop.
			throw new ClosedChannelException();
		}
		int needed = FrameEncoder.headerLength(payload.remaining(), true) + payload.remaining();
		if (this.out.remaining() < needed) {
			ByteBuffer larger = ByteBuffer
				.allocateDirect(Math.max(this.out.capacity() * 2, this.out.position() + needed));
			this.out.flip();
			larger.put(this.out);
			this.out = larger;
		}
		this.loop.encoder().encode(this.out, fin, rsv, opcode, payload);
		// A close goes out at once: the socket may be closed right after it.
		if (!this.writeArmed && (!this.corked || opcode == Opcode.CLOSE)) {
			flush();
		}
	}

	private void flush() throws IOException {
		this.out.flip();
		this.loop.traffic().bytesSent += this.channel.write(this.out);
		this.out.compact();
		boolean pending = this.out.position() > 0;
		if (pending != this.writeArmed) {
			this.writeArmed = pending;
			this.key.interestOps(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
		}
	}

	/**
	 * Returns when the oldest message in flight was sent, and forgets it.
	 * @return the send time, or -1 if no message was in flight
	 */
	private long takeSendTime() {
		if (this.sendCount == 0) {
			return -1;
		}
		long time = this.sendTimes[this.sendHead];
		this.sendHead = (this.sendHead + 1) % this.sendTimes.length;
		this.sendCount--;
		return time;
	}

	// ---- frames from the server ----

	@Override
	public void onFrameHeader(boolean fin, int rsv, int opcode, boolean masked, long payloadLength) {
		boolean dataStart = opcode == Opcode.TEXT || opcode == Opcode.BINARY;
		// Only the first frame of a message may carry the extension's bit (RFC 7692 6.1).
		boolean compressed = dataStart && this.deflate != null && rsv == this.deflate.rsvBits();
		if (masked || (rsv != 0 && !compressed)) {
			throw new ProtocolException(1002, "server frame is masked or has RSV bits not negotiated");
		}
		this.frameOpcode = opcode;
		this.frameFin = fin;
		if (dataStart) {
			this.messageOpcode = opcode;
			this.messageLength = 0;
			this.mismatch = false;
			this.compressedMessage = compressed;
			if (this.kept != null) {
				this.kept.clear();
			}
		}
		else if (Opcode.isControl(opcode)) {
			this.controlPayload.clear();
		}
	}

	@Override
	public void onFramePayload(ByteBuffer payload) {
		if (Opcode.isControl(this.frameOpcode)) {
			this.controlPayload.put(payload);
		}
		else if (this.compressedMessage) {
			this.deflate.decode(payload, false, this.checker);
		}
		else {
			check(payload);
		}
	}

	/** Compares the next bytes of a data message's payload with {@link #expected}. */
	private void check(ByteBuffer payload) {
		int length = payload.remaining();
		if (this.kept != null) {
			keep(payload);
		}
		if (!this.mismatch) {
			long end = this.messageLength + length;
			if (end > this.expected.length) {
				this.mismatch = true;
			}
			else {
				ByteBuffer view = ByteBuffer.wrap(this.expected, (int) this.messageLength, length);
				this.mismatch = payload.mismatch(view) >= 0;
			}
		}
		this.messageLength += length;
		payload.position(payload.limit());
	}

	private void keep(ByteBuffer payload) {
		if (this.kept.remaining() < payload.remaining()) {
			ByteBuffer larger = ByteBuffer
				.allocate(Math.max(this.kept.capacity() * 2, this.kept.position() + payload.remaining()));
			this.kept = larger.put(this.kept.flip());
		}
		this.kept.put(payload.duplicate());
	}

	@Override
	public void onFrameEnd() {
		switch (this.frameOpcode) {
			case Opcode.PING -> {
				this.controlPayload.flip();
				try {
					if (!this.closeSent) {
						encode(true, Opcode.PONG, 0, this.controlPayload);
					}
				}
				catch (IOException ex) {
					fail(ex);
				}
			}
			case Opcode.CLOSE -> {
				this.closeCode = (this.controlPayload.position() >= 2) ? this.controlPayload.getShort(0) & 0xFFFF
						: 1005;
				try {
					if (!this.closeSent) {
						this.closeSent = true;
						encode(true, Opcode.CLOSE, 0, ByteBuffer.wrap(NORMAL_CLOSE));
					}
				}
				catch (IOException ex) {
					// Closing anyway.
				}
				boolean clean = this.state == State.CLOSING;
				closeChannel();
				if (clean) {
					this.driver.onClosed(this);
				}
				else {
					this.driver.onFailure(this, new IOException("server sent close " + this.closeCode));
				}
			}
			case Opcode.PONG -> this.driver.onPong(this, this.controlPayload.flip());
			default -> {
				// A data frame, maybe a continuation: the message is whole after a FIN.
				if (this.frameFin) {
					messageEnd();
				}
			}
		}
	}

	/** A data message is whole: the end of a frame whose header had FIN. */
	private void messageEnd() {
		if (this.compressedMessage) {
			this.deflate.decode(EMPTY, true, this.checker);
			this.loop.traffic().compressedReceived++;
		}
		long now = System.nanoTime();
		long sentAt = takeSendTime();
		boolean matched = !this.mismatch && this.messageLength == this.expected.length;
		this.driver.onMessage(this, this.messageOpcode == Opcode.TEXT, this.messageLength, matched, sentAt, now);
	}

	// ---- closing ----

	/**
	 * Fails the connection: closes it without a closing handshake and tells the driver.
	 * @param ex what happened
	 */
	public void fail(Exception ex) {
		if (this.state == State.CLOSED) {
			return;
		}
		closeChannel();
		this.driver.onFailure(this, ex);
	}

	/**
	 * Resets the connection: closes the socket with a zero linger time, so that the
	 * kernel sends RST instead of FIN, without a closing handshake.
	 */
	public void reset() {
		if (this.state != State.CLOSED) {
			try {
				this.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
			catch (IOException ex) {
				// Closed all the same, with FIN.
			}
		}
		closeChannel();
	}

	/** Closes the socket without a closing handshake; idempotent. */
	public void closeChannel() {
		if (this.state == State.CLOSED) {
			return;
		}
		if (this.corked && !this.writeArmed && this.out.position() > 0) {
			// What a driver sent before dropping the socket still goes out first.
			try {
				flush();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}
		this.state = State.CLOSED;
		if (this.deflate != null) {
			this.deflate.release();
		}
		this.key.cancel();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Best effort.
		}
		this.loop.recycle(this.out);
	}

}
