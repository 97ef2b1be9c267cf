package dev.wsboot.protocol.message;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;

import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.frame.FrameParser;
import dev.wsboot.protocol.frame.Opcode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.wsboot.protocol.message.TestFrames.FIN;
import static dev.wsboot.protocol.message.TestFrames.concat;
import static dev.wsboot.protocol.message.TestFrames.frame;
import static dev.wsboot.protocol.message.TestFrames.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Small frames that arrive whole are read without allocating: the JVM's per-thread
 * allocation counter barely moves over a million of them.
 */
class FastPathAllocationTests {

	private static final int FRAMES_PER_READ = 100;

	// A per-frame allocation of even one 16-byte object would come to 16 MB here.
	private static final int MEASURED_READS = 10_000;

	private static final long TOLERATED_BYTES = 64 * 1024;

	@ParameterizedTest
	@EnumSource(Role.class)
	void allocatesNothingPerSmallFrame(Role role) {
		com.sun.management.ThreadMXBean threads = threadMXBean();
		boolean masked = role.expectsMaskedFrames();
		byte[] template = reads(masked);
		ByteBuffer read = ByteBuffer.allocate(template.length);
		CountingListener listener = new CountingListener();
		FrameParser parser = new FrameParser(new MessageAssembler(role, 1024, 1024, List.of(), listener));
		readRepeatedly(parser, read, template, MEASURED_READS);
		long thread = Thread.currentThread().getId();
		long before = threads.getThreadAllocatedBytes(thread);
		readRepeatedly(parser, read, template, MEASURED_READS);
		long allocated = threads.getThreadAllocatedBytes(thread) - before;
		assertThat(listener.messages).isEqualTo(2L * MEASURED_READS * FRAMES_PER_READ);
		assertThat(allocated).isLessThan(TOLERATED_BYTES);
	}

	private static void readRepeatedly(FrameParser parser, ByteBuffer read, byte[] template, int reads) {
		for (int i = 0; i < reads; i++) {
			// Unmasking happens in place, so each read starts from the original bytes.
			read.clear();
			read.put(template).flip();
			parser.parse(read);
		}
	}

	private static byte[] reads(boolean masked) {
		byte[] text = frame(FIN | Opcode.TEXT, masked, utf8("Hello, \u00e9t\u00e9"));
		byte[] binary = frame(FIN | Opcode.BINARY, masked, new byte[100]);
		byte[] ping = frame(FIN | Opcode.PING, masked, utf8("ping"));
		byte[][] frames = new byte[FRAMES_PER_READ][];
		for (int i = 0; i < frames.length; i++) {
			frames[i] = switch (i % 4) {
				case 0, 2 -> text;
				case 1 -> binary;
				default -> ping;
			};
		}
		return concat(frames);
	}

	private static com.sun.management.ThreadMXBean threadMXBean() {
		java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		assumeThat(threads).isInstanceOf(com.sun.management.ThreadMXBean.class);
		com.sun.management.ThreadMXBean counting = (com.sun.management.ThreadMXBean) threads;
		assumeThat(counting.isThreadAllocatedMemorySupported() && counting.isThreadAllocatedMemoryEnabled()).isTrue();
		return counting;
	}

	private static final class CountingListener implements MessageListener {

		long messages;

		@Override
		public void onText(ByteBuffer utf8) {
			this.messages++;
		}

		@Override
		public void onBinary(ByteBuffer data, boolean owned) {
			this.messages++;
		}

		@Override
		public void onPing(ByteBuffer payload) {
			this.messages++;
		}

		@Override
		public void onPong(ByteBuffer payload) {
			this.messages++;
		}

		@Override
		public void onClose(CloseStatus status) {
			this.messages++;
		}

	}

}
