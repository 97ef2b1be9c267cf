package dev.wsboot.benchmarks.load;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLoopTests {

	@Test
	void handsAClosedConnectionsOutputBufferToTheNextOneEmpty() throws Exception {
		try (ClientLoop loop = new ClientLoop(new InetSocketAddress("127.0.0.1", 9), "/echo")) {
			ByteBuffer first = loop.outputBuffer(300);
			first.put(new byte[100]);
			loop.recycle(first);
			ByteBuffer second = loop.outputBuffer(300);
			assertThat(second).isSameAs(first);
			assertThat(second.position()).isZero();
			assertThat(second.remaining()).isEqualTo(second.capacity());
			assertThat(loop.outputBuffer(300)).isNotSameAs(first);
		}
	}

	@Test
	void keepsNoBufferThatGrewOrIsLargerThanUsual() throws Exception {
		try (ClientLoop loop = new ClientLoop(new InetSocketAddress("127.0.0.1", 9), "/echo")) {
			ByteBuffer large = loop.outputBuffer(10_000);
			assertThat(large.capacity()).isEqualTo(10_000);
			loop.recycle(large);
			assertThat(loop.outputBuffer(100)).isNotSameAs(large);
			ByteBuffer usual = loop.outputBuffer(100);
			loop.recycle(usual);
			assertThat(loop.outputBuffer(10_000)).isNotSameAs(usual);
		}
	}

}
