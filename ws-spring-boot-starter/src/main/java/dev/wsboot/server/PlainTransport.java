package dev.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * TCP as it is.
 */
final class PlainTransport implements Transport {

	private final SocketChannel channel;

	PlainTransport(SocketChannel channel) {
		this.channel = channel;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		return this.channel.read(dst);
	}

	@Override
	public boolean hasBufferedInput() {
		return false;
	}

	@Override
	public long write(ByteBuffer[] sources) throws IOException {
		return (sources.length == 1) ? this.channel.write(sources[0]) : this.channel.write(sources);
	}

	@Override
	public boolean flush() {
		return true;
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.channel.shutdownOutput();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
