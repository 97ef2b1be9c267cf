package dev.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport that takes each write whole (or as much as its room allows) and remembers
 * each one's buffers as text, so that a test can see how sends were grouped into writes.
 */
final class RecordingTransport implements Transport {

	final List<List<String>> writes = new ArrayList<>();

	/**
	 * Whether {@link #flush()} reports bytes still held, as TLS does when the socket is
	 * full.
	 */
	boolean holding;

	/** The most bytes one write takes, as a socket with that much room would. */
	long room = Long.MAX_VALUE;

	@Override
	public int read(ByteBuffer dst) {
		return 0;
	}

	@Override
	public boolean hasBufferedInput() {
		return false;
	}

	@Override
	public long write(ByteBuffer[] sources) {
		List<String> write = new ArrayList<>();
		long written = 0;
		for (ByteBuffer source : sources) {
			int taken = (int) Math.min(source.remaining(), this.room - written);
			byte[] bytes = new byte[taken];
			source.get(bytes);
			written += taken;
			if (taken > 0) {
				write.add(new String(bytes, StandardCharsets.US_ASCII));
			}
		}
		this.writes.add(write);
		return written;
	}

	@Override
	public boolean flush() {
		return !this.holding;
	}

	@Override
	public void shutdownOutput() {
	}

	@Override
	public void close() {
	}

	static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
	}

}
