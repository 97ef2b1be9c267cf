package dev.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport that takes every write whole and remembers each one's buffers as text, so
 * that a test can see how sends were grouped into writes.
 */
final class RecordingTransport implements Transport {

	final List<List<String>> writes = new ArrayList<>();

	/**
	 * Whether {@link #flush()} reports bytes still held, as TLS does when the socket is
	 * full.
	 */
	boolean holding;

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
			written += source.remaining();
			byte[] bytes = new byte[source.remaining()];
			source.get(bytes);
			write.add(new String(bytes, StandardCharsets.US_ASCII));
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
