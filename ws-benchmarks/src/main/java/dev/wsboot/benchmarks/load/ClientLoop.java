package dev.wsboot.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.frame.FrameEncoder;

/**
 * The load tool's single thread: one selector for every connection, one shared read
 * buffer, one client-role frame encoder (mask keys from a fast non-cryptographic source:
 * the keys only have to differ, and a {@code SecureRandom} would cost the load tool more
 * than the frames), the permessage-deflate offer its connections make, and counters of
 * what they all sent and received.
 */
public final class ClientLoop implements AutoCloseable {

	private static final int OUTPUT_BUFFER_SIZE = 4096;

	private static final int MAX_SPARE_OUTPUT_BUFFERS = 1024;

	private final Selector selector;

	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);

	private final FrameEncoder encoder = new FrameEncoder(Role.CLIENT, new SplittableRandom(42));

	private final Random random = new Random(7);

	private final InetSocketAddress address;

	private final String path;

	private final ClientCompression compression;

	private final Traffic.Counters traffic = new Traffic.Counters();

	/**
	 * Output buffers of closed connections, for new ones: allocating and freeing a direct
	 * buffer per connection took 4 % of the load tool's CPU in the handshake scenario.
	 */
	private final ArrayDeque<ByteBuffer> spareOutputBuffers = new ArrayDeque<>();

	/**
	 * Creates a loop whose connections go to one endpoint and offer no extension.
	 * @param address the server
	 * @param path the endpoint's path
	 */
	public ClientLoop(InetSocketAddress address, String path) {
		this(address, path, ClientCompression.NOT_OFFERED);
	}

	/**
	 * Creates a loop whose connections offer permessage-deflate.
	 * @param address the server
	 * @param path the endpoint's path
	 * @param compression what to offer, or {@link ClientCompression#NOT_OFFERED}
	 */
	ClientLoop(InetSocketAddress address, String path, PerMessageDeflateConfig compression) {
		this.address = address;
		this.path = path;
		this.compression = new ClientCompression(compression);
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Selector selector() {
		return this.selector;
	}

	ByteBuffer readBuffer() {
		return this.readBuffer;
	}

	FrameEncoder encoder() {
		return this.encoder;
	}

	ClientCompression compression() {
		return this.compression;
	}

	Traffic.Counters traffic() {
		return this.traffic;
	}

	/**
	 * Returns an empty direct buffer for a new connection's output.
	 * @param atLeast the bytes it must hold
	 * @return a spare buffer, or a new one
	 */
	ByteBuffer outputBuffer(int atLeast) {
		ByteBuffer spare = (atLeast <= OUTPUT_BUFFER_SIZE) ? this.spareOutputBuffers.poll() : null;
		return (spare != null) ? spare.clear() : ByteBuffer.allocateDirect(Math.max(atLeast, OUTPUT_BUFFER_SIZE));
	}

	/**
	 * Takes back the output buffer of a closed connection, unless it grew.
	 * @param buffer the buffer, no longer used by its connection
	 */
	void recycle(ByteBuffer buffer) {
		if (buffer.capacity() == OUTPUT_BUFFER_SIZE && this.spareOutputBuffers.size() < MAX_SPARE_OUTPUT_BUFFERS) {
			this.spareOutputBuffers.push(buffer);
		}
	}

	/**
	 * Opens a connection and starts its handshake.
	 * @param driver the scenario
	 * @return the connection
	 * @throws IOException when the socket cannot be opened
	 */
	public Connection connect(Driver driver) throws IOException {
		return new Connection(this, driver, this.address, this.path, this.random);
	}

	/**
	 * Runs until the driver is done or the hard deadline passes.
	 * @param driver the scenario
	 * @param hardDeadline a {@link System#nanoTime()} after which the loop stops whatever
	 * the driver says
	 * @return whether the driver finished before the deadline
	 */
	public boolean run(Driver driver, long hardDeadline) {
		long next = driver.tick(System.nanoTime());
		while (!driver.isDone()) {
			long now = System.nanoTime();
			if (now - hardDeadline >= 0) {
				return false;
			}
			long wake = Math.min(next, hardDeadline);
			long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(wake - now));
			try {
				this.selector.select(this::ready, timeoutMillis);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			next = driver.tick(System.nanoTime());
		}
		return true;
	}

	private void ready(SelectionKey key) {
		if (key.isValid()) {
			((Connection) key.attachment()).ready(key.readyOps());
		}
	}

	/** Closes every connection still registered, without a closing handshake. */
	void closeAll() {
		List<Connection> open = new ArrayList<>();
		for (SelectionKey key : this.selector.keys()) {
			open.add((Connection) key.attachment());
		}
		open.forEach(Connection::closeChannel);
	}

	@Override
	public void close() {
		closeAll();
		this.compression.close();
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// Best effort.
		}
	}

}
