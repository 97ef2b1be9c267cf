package dev.wsboot.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.Role;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.frame.FrameEncoder;
import dev.wsboot.protocol.frame.FrameParser;
import dev.wsboot.protocol.frame.Opcode;
import dev.wsboot.protocol.message.MessageAssembler;
import dev.wsboot.protocol.message.MessageListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frames, per frame. Decoding: a server-role {@link FrameParser} feeding a
 * {@link MessageAssembler} (UTF-8 validation included for text), over a direct buffer
 * holding {@link #FRAMES_PER_BUFFER} masked client frames, as the listener's read buffer
 * would; the parser unmasks in place, so each invocation first copies the pristine input
 * into that buffer ({@code copyInput} measures that copy alone, to subtract). 32 B frames
 * are text, 64 KiB frames binary. Encoding: {@link FrameEncoder} writing one frame into a
 * reused buffer, unmasked (server) and masked (client).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameBenchmark {

	static final int FRAMES_PER_BUFFER = 16;

	@Param({ "32", "65536" })
	int size;

	ByteBuffer input;

	ByteBuffer work;

	FrameParser parser;

	final Sink sink = new Sink();

	ByteBuffer payload;

	ByteBuffer out;

	final FrameEncoder serverEncoder = new FrameEncoder(Role.SERVER);

	final FrameEncoder clientEncoder = new FrameEncoder(Role.CLIENT, new SplittableRandom(3));

	int opcode;

	@Setup
	public void setUp() {
		byte[] bytes = new byte[this.size];
		if (this.size <= 125) {
			this.opcode = Opcode.TEXT;
			byte[] text = "{\"type\":\"chat\",\"text\":\"hello\"} ".getBytes();
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = text[i % text.length];
			}
		}
		else {
			this.opcode = Opcode.BINARY;
			new Random(5).nextBytes(bytes);
		}
		this.payload = ByteBuffer.wrap(bytes);
		int frameLength = FrameEncoder.headerLength(this.size, true) + this.size;
		this.input = ByteBuffer.allocate(frameLength * FRAMES_PER_BUFFER);
		for (int i = 0; i < FRAMES_PER_BUFFER; i++) {
			this.clientEncoder.encode(this.input, true, 0, this.opcode, this.payload);
		}
		this.input.flip();
		this.work = ByteBuffer.allocateDirect(this.input.capacity());
		MessageAssembler assembler = new MessageAssembler(Role.SERVER, 16 << 20, 16 << 20, List.of(), this.sink);
		this.parser = new FrameParser(assembler);
		this.out = ByteBuffer.allocate(frameLength);
	}

	@Benchmark
	@org.openjdk.jmh.annotations.OperationsPerInvocation(FRAMES_PER_BUFFER)
	public long decode() {
		this.work.clear();
		this.work.put(this.input.duplicate());
		this.work.flip();
		this.parser.parse(this.work);
		return this.sink.bytes;
	}

	@Benchmark
	@org.openjdk.jmh.annotations.OperationsPerInvocation(FRAMES_PER_BUFFER)
	public ByteBuffer copyInput() {
		this.work.clear();
		this.work.put(this.input.duplicate());
		this.work.flip();
		return this.work;
	}

	@Benchmark
	public ByteBuffer encodeServer() {
		this.out.clear();
		this.serverEncoder.encode(this.out, true, 0, this.opcode, this.payload);
		return this.out;
	}

	@Benchmark
	public ByteBuffer encodeClientMasked() {
		this.out.clear();
		this.clientEncoder.encode(this.out, true, 0, this.opcode, this.payload);
		return this.out;
	}

	static final class Sink implements MessageListener {

		long bytes;

		@Override
		public void onText(ByteBuffer utf8) {
			this.bytes += utf8.remaining();
		}

		@Override
		public void onBinary(ByteBuffer data, boolean owned) {
			this.bytes += data.remaining();
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
