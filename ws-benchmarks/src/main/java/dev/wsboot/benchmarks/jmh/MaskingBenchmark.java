package dev.wsboot.benchmarks.jmh;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.frame.Masking;
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
 * Unmasking a payload in place ({@link Masking#mask}), in a heap array and in a direct
 * buffer (the listener reads into a direct buffer; big-endian, as allocated, and in the
 * native order), against {@link System#arraycopy} of the same size: the bandwidth target
 * is at least half of the copy's. Bytes per second = size x ops/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MaskingBenchmark {

	@Param({ "1024", "65536", "1048576" })
	int size;

	byte[] source;

	byte[] target;

	ByteBuffer direct;

	ByteBuffer directNative;

	int maskKey;

	@Setup
	public void setUp() {
		Random random = new Random(1);
		this.source = new byte[this.size];
		random.nextBytes(this.source);
		this.target = new byte[this.size];
		this.direct = ByteBuffer.allocateDirect(this.size);
		this.direct.put(this.source).clear();
		this.directNative = ByteBuffer.allocateDirect(this.size).order(ByteOrder.nativeOrder());
		this.directNative.put(this.source).clear();
		this.maskKey = random.nextInt() | 1;
	}

	@Benchmark
	public int unmaskHeap() {
		return Masking.mask(this.source, 0, this.size, this.maskKey, 0);
	}

	@Benchmark
	public int unmaskDirect() {
		return Masking.mask(this.direct, 0, this.size, this.maskKey, 0);
	}

	/**
	 * The same direct buffer memory in the platform's byte order: shows what the default
	 * big-endian order costs the direct path.
	 */
	@Benchmark
	public int unmaskDirectNativeOrder() {
		return Masking.mask(this.directNative, 0, this.size, this.maskKey, 0);
	}

	@Benchmark
	public byte[] arraycopy() {
		System.arraycopy(this.source, 0, this.target, 0, this.size);
		return this.target;
	}

}
