package dev.wsboot.server;

import java.nio.ByteBuffer;
import java.util.Random;

import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutboundFrames}: the gathered frames of a large message carry the same
 * bytes as the frames encoded into one buffer, without copying the payload.
 */
class OutboundFramesTests {

	@ParameterizedTest
	@CsvSource({ "0, 65536", "125, 65536", "126, 65536", "8191, 65536", "8192, 65536", "65535, 65536", "65536, 65536",
			"65537, 65536", "200000, 65536", "100000, 8192", "20000, 100", "300000, 1000000" })
	void gatheredFramesHoldTheSameBytesAsOneBuffer(int length, int fragmentSize) {
		byte[] array = new byte[length + 7];
		new Random(length).nextBytes(array);
		for (ByteBuffer payload : new ByteBuffer[] { ByteBuffer.wrap(array, 3, length), direct(array, 3, length) }) {
			ByteBuffer expected = OutboundFrames.encode(Opcode.BINARY, 0x40, payload, fragmentSize);
			ByteBuffer[] frames = OutboundFrames.frames(Opcode.BINARY, 0x40, payload, fragmentSize);
			assertThat(concat(frames)).isEqualTo(expected);
			assertThat(OutboundFrames.remaining(frames)).isEqualTo(expected.remaining());
			assertThat(payload.position()).isEqualTo(payload.isDirect() ? 0 : 3);
			assertThat(payload.remaining()).isEqualTo(length);
		}
	}

	@Test
	void smallMessagesAreCopiedBehindTheirHeader() {
		ByteBuffer payload = ByteBuffer.wrap(new byte[OutboundFrames.GATHER_THRESHOLD - 1]);
		assertThat(OutboundFrames.frames(Opcode.TEXT, 0, payload, 65536)).hasSize(1);
	}

	@Test
	void largeMessagesAreWrittenFromThePayloadItself() {
		byte[] array = new byte[OutboundFrames.GATHER_THRESHOLD];
		ByteBuffer[] frames = OutboundFrames.frames(Opcode.BINARY, 0, ByteBuffer.wrap(array), 65536);
		assertThat(frames).hasSize(2);
		assertThat(frames[1].array()).isSameAs(array);
	}

	@Test
	void messagesCutIntoVeryManyFragmentsAreCopied() {
		ByteBuffer payload = ByteBuffer.wrap(new byte[1 << 20]);
		assertThat(OutboundFrames.frames(Opcode.BINARY, 0, payload, 1024)).hasSize(1);
	}

	private static ByteBuffer direct(byte[] array, int offset, int length) {
		return ByteBuffer.allocateDirect(length).put(array, offset, length).flip();
	}

	private static ByteBuffer concat(ByteBuffer[] buffers) {
		ByteBuffer all = ByteBuffer.allocate((int) OutboundFrames.remaining(buffers));
		for (ByteBuffer buffer : buffers) {
			all.put(buffer.duplicate());
		}
		return all.flip();
	}

}
