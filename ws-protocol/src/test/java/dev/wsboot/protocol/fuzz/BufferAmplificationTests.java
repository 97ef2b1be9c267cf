package dev.wsboot.protocol.fuzz;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.List;

import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.FrameParser;
import dev.wsboot.protocol.frame.Opcode;
import dev.wsboot.protocol.message.MessageAssembler;
import dev.wsboot.protocol.message.MessageListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How much a peer can make the assembler hold for how little it sends. The fuzz tests
 * check that buffers stay within the configured limits; this asks more: that a buffer
 * grows with the bytes that arrived, not with the length a frame header announces.
 */
class BufferAmplificationTests {

	private static final int LIMIT = 16 << 20;

	/**
	 * A frame header announcing 16 MiB and one byte of payload, 15 bytes in all, make the
	 * assembler allocate the whole 16 MiB at once ({@code MessageAssembler.append} sizes
	 * the buffer to the message length announced so far). With the demo's 16 MiB limits,
	 * a thousand such connections, 15 KB sent, pin 16 GB of heap.
	 */
	@Test
	void aFewBytesDoNotMakeTheAssemblerAllocateTheWholeAnnouncedFrame() throws Exception {
		MessageAssembler assembler = new MessageAssembler(Role.SERVER, LIMIT, LIMIT, List.of(), new Ignore());
		FrameParser parser = new FrameParser(assembler);
		ByteBuffer sent = ByteBuffer.allocate(FrameEncoder.headerLength(LIMIT, true) + 1);
		FrameEncoder.writeHeader(sent, true, 0, Opcode.BINARY, LIMIT, true, 0x01020304);
		sent.put((byte) 42).flip();
		int sentBytes = sent.remaining();
		parser.parse(sent);
		Field field = MessageAssembler.class.getDeclaredField("messageBuffer");
		field.setAccessible(true);
		ByteBuffer buffer = (ByteBuffer) field.get(assembler);
		assertThat(buffer.capacity()).as("bytes held after %d bytes received", sentBytes)
			.isLessThanOrEqualTo(64 * 1024);
	}

	private static final class Ignore implements MessageListener {

		@Override
		public void onText(ByteBuffer utf8) {
		}

		@Override
		public void onBinary(ByteBuffer data, boolean owned) {
		}

		@Override
		public void onPing(ByteBuffer payload) {
		}

		@Override
		public void onPong(ByteBuffer payload) {
		}

		@Override
		public void onClose(CloseStatus status) {
		}

	}

}
