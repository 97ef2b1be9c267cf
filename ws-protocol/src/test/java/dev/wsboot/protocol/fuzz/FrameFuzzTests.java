package dev.wsboot.protocol.fuzz;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.extension.Extension;
import dev.wsboot.protocol.extension.PerMessageDeflate;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.extension.PerMessageDeflateParameters;
import dev.wsboot.protocol.frame.FrameParser;
import dev.wsboot.protocol.message.MessageAssembler;
import dev.wsboot.protocol.message.MessageListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the inbound frame layer of a server: a {@link FrameParser} feeding a
 * {@link MessageAssembler} in the server role with no extension, fed the stream of a
 * {@link Chunked} input in its chunks. The parameter's low and high four bits pick the
 * frame and message size limits from {@link #LIMITS} (0xFF: 64 KiB each).
 * <p>
 * Every stream must come to exactly what {@link FrameReference} reads from RFC 6455: the
 * same messages and control frames in the same order, then the same close code (1002,
 * 1007 or 1009, as a {@link ProtocolException}) or, for a stream that ends cleanly, the
 * same idle state. No other exception may escape. After every read the assembler may hold
 * no message buffer larger than the message limit and no control buffer larger than 125
 * bytes; the parser must consume each buffer and write nothing outside it.
 */
class FrameFuzzTests {

	/** The size limits the parameter picks from. */
	static final int[] LIMITS = { 1, 2, 3, 7, 16, 124, 125, 126, 127, 128, 1000, 1024, 4096, 65535, 65537, 65536 };

	private static final Field MESSAGE_BUFFER = field("messageBuffer");

	private static final Field CONTROL_BUFFER = field("controlBuffer");

	@Timeout(10)
	@FuzzTest
	void fuzzFrames(byte[] input) {
		Chunked chunked = Chunked.of(input);
		int maxFrameSize = LIMITS[chunked.parameter() & 0x0F];
		int maxMessageSize = LIMITS[chunked.parameter() >>> 4];
		FrameReference.Result expected = FrameReference.read(chunked.stream(), maxFrameSize, maxMessageSize);
		Recorder inChunks = new Recorder(maxFrameSize, maxMessageSize);
		inChunks.feed(chunked.buffers());
		inChunks.assertMatches(expected, "in chunks");
		Recorder whole = new Recorder(maxFrameSize, maxMessageSize);
		whole.feed(List.of(chunked.whole()));
		whole.assertMatches(expected, "whole");
	}

	/**
	 * As {@link #fuzzFrames}, with permessage-deflate negotiated (context kept across
	 * messages, as a client may ask): RSV1 messages are inflated within the message
	 * limit. There is no reference here; cutting the stream differently must not change
	 * the messages delivered, nor the close code, but for 1007 against 1009 (an inflater
	 * that meets corrupt data drops what it inflated in the same call, so whether the
	 * limit was passed first depends on the cuts). Only 1002, 1007 and 1009 may end a
	 * stream, and no buffer may pass its limit.
	 */
	@Timeout(10)
	@FuzzTest
	void fuzzFramesWithDeflate(byte[] input) {
		Chunked chunked = Chunked.of(input);
		int maxFrameSize = LIMITS[chunked.parameter() & 0x0F];
		int maxMessageSize = LIMITS[chunked.parameter() >>> 4];
		Recorder inChunks = new Recorder(maxFrameSize, maxMessageSize, deflate());
		inChunks.feed(chunked.buffers());
		Recorder whole = new Recorder(maxFrameSize, maxMessageSize, deflate());
		whole.feed(List.of(chunked.whole()));
		assertThat(inChunks.events).as("events in chunks against whole").isEqualTo(whole.events);
		if (inChunks.closeCode != whole.closeCode) {
			assertThat(List.of(inChunks.closeCode, whole.closeCode)).as("close codes in chunks and whole")
				.containsExactlyInAnyOrder(1007, 1009);
		}
		inChunks.release();
		whole.release();
	}

	private static PerMessageDeflate deflate() {
		return PerMessageDeflate.create(Role.SERVER, new PerMessageDeflateParameters(false, false, 0, 0),
				new PerMessageDeflateConfig(true, false, false, 0, 6), null);
	}

	private static Field field(String name) {
		try {
			Field field = MessageAssembler.class.getDeclaredField(name);
			field.setAccessible(true);
			return field;
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("MessageAssembler has no field " + name + ": update this fuzz test", ex);
		}
	}

	/**
	 * A parser and an assembler, and what they delivered.
	 */
	static final class Recorder implements MessageListener {

		private final int maxMessageSize;

		private final MessageAssembler assembler;

		private final FrameParser parser;

		private final List<FrameReference.Event> events = new ArrayList<>();

		private int closeCode;

		private boolean closeDelivered;

		private final List<Extension> extensions;

		Recorder(int maxFrameSize, int maxMessageSize, Extension... extensions) {
			this.maxMessageSize = maxMessageSize;
			this.extensions = List.of(extensions);
			this.assembler = new MessageAssembler(Role.SERVER, maxFrameSize, maxMessageSize, this.extensions, this);
			this.parser = new FrameParser(this.assembler);
		}

		void release() {
			this.assembler.release();
			this.extensions.forEach(Extension::release);
		}

		void feed(List<ByteBuffer> chunks) {
			for (ByteBuffer chunk : chunks) {
				int position = chunk.position();
				int limit = chunk.limit();
				try {
					this.parser.parse(chunk);
				}
				catch (ProtocolException ex) {
					assertThat(ex.closeCode()).as("close code of '%s'", ex.getMessage()).isIn(1002, 1007, 1009);
					this.closeCode = ex.closeCode();
					assertThat(this.parser.isFailed()).as("parser failed").isTrue();
					this.assembler.release();
					assertThat(this.assembler.isIdle()).as("idle after release").isTrue();
					return;
				}
				finally {
					assertThat(chunk.position()).as("position after parse").isEqualTo(limit);
					assertThat(chunk.limit()).as("limit after parse").isEqualTo(limit);
					assertThat(Chunked.paddingIntact(chunk, position, limit)).as("padding intact").isTrue();
				}
				checkBuffers();
			}
		}

		private void checkBuffers() {
			try {
				ByteBuffer message = (ByteBuffer) MESSAGE_BUFFER.get(this.assembler);
				ByteBuffer control = (ByteBuffer) CONTROL_BUFFER.get(this.assembler);
				if (message != null) {
					assertThat(message.capacity()).as("message buffer").isLessThanOrEqualTo(this.maxMessageSize);
				}
				if (control != null) {
					assertThat(control.capacity()).as("control buffer").isLessThanOrEqualTo(125);
				}
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void assertMatches(FrameReference.Result expected, String how) {
			assertThat(this.events).as("events %s", how).isEqualTo(expected.events());
			assertThat(this.closeCode).as("close code %s", how).isEqualTo(expected.closeCode());
			if (expected.closeCode() == 0) {
				assertThat(this.assembler.isIdle()).as("idle %s", how).isEqualTo(expected.idle());
				assertThat(this.parser.isFailed()).isFalse();
			}
		}

		private void record(int opcode, ByteBuffer payload) {
			assertThat(this.closeDelivered).as("delivery after the close frame").isFalse();
			byte[] bytes = new byte[payload.remaining()];
			payload.duplicate().get(bytes);
			this.events.add(new FrameReference.Event(opcode, bytes));
		}

		@Override
		public void onText(ByteBuffer utf8) {
			assertThat(utf8.remaining()).as("text size").isLessThanOrEqualTo(this.maxMessageSize);
			byte[] text = new byte[utf8.remaining()];
			utf8.duplicate().get(text);
			assertThat(Utf8Reference.isValid(text)).as("text is UTF-8").isTrue();
			record(1, utf8);
		}

		@Override
		public void onBinary(ByteBuffer data, boolean owned) {
			assertThat(data.remaining()).as("binary size").isLessThanOrEqualTo(this.maxMessageSize);
			record(2, data);
		}

		@Override
		public void onPing(ByteBuffer payload) {
			assertThat(payload.remaining()).as("ping size").isLessThanOrEqualTo(125);
			record(9, payload);
		}

		@Override
		public void onPong(ByteBuffer payload) {
			assertThat(payload.remaining()).as("pong size").isLessThanOrEqualTo(125);
			record(10, payload);
		}

		@Override
		public void onClose(CloseStatus status) {
			record(8, ByteBuffer.wrap(status.toPayload()));
			this.closeDelivered = true;
		}

	}

}
