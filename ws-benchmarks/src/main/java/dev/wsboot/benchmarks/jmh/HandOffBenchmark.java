package dev.wsboot.benchmarks.jmh;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.autoconfigure.WsHandlerExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What handing handler calls to the starter's worker pool costs per call, in nanoseconds,
 * against making them on the calling thread. The calling thread plays the event loop of
 * scenario (a): it hands over the calls of one pass (90, about what a pass reads there)
 * and sleeps until the last has run, which wakes it; {@code oneCall} is a pass with a
 * single message, {@code passAsOneTask} the least any hand-off to another thread costs:
 * the whole pass as one task, one wake-up each way. {@code passToDrainers} hands the pass
 * to as many tasks as the pool has threads, which claim its calls one by one: a hand-off
 * per pass in which one blocking call does not hold up the rest. The calls themselves
 * only count down, so what is measured is the hand-off: the pool's queue, parking and
 * waking, and the context switches.
 * <p>
 * The end-to-end runner pins each server to one CPU, where the loop and the workers take
 * turns; pin this benchmark the same way to see that case:
 * {@code taskset -c 0 ws-benchmarks/run.sh jmh HandOffBenchmark}. Unpinned, it measures
 * hand-offs between cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class HandOffBenchmark {

	private static final int PASS = 90;

	/** The pool's size; the starter's default on up to two processors is 4. */
	@Param({ "4" })
	int workers;

	private WsHandlerExecutor pool;

	private Executor executor;

	private final AtomicInteger remaining = new AtomicInteger();

	/** How many of a pass's calls the drainers have claimed. */
	private final AtomicInteger claimed = new AtomicInteger();

	private Thread loop;

	private final Runnable call = () -> {
		if (this.remaining.decrementAndGet() == 0) {
			LockSupport.unpark(this.loop);
		}
	};

	@Setup
	public void setUp() {
		this.pool = WsHandlerExecutor.platformThreads(this.workers);
		this.executor = this.pool.executor();
		this.loop = Thread.currentThread();
	}

	@TearDown
	public void tearDown() {
		this.pool.destroy();
	}

	@Benchmark
	@OperationsPerInvocation(PASS)
	public void passToWorkers() {
		handOff(PASS);
	}

	@Benchmark
	@OperationsPerInvocation(PASS)
	public void passAsOneTask() {
		this.remaining.set(PASS);
		this.executor.execute(this::runPass);
		awaitCalls();
	}

	@Benchmark
	@OperationsPerInvocation(PASS)
	public void passToDrainers() {
		this.remaining.set(PASS);
		this.claimed.set(0);
		for (int i = 0; i < this.workers; i++) {
			this.executor.execute(this::drain);
		}
		awaitCalls();
	}

	private void drain() {
		while (this.claimed.getAndIncrement() < PASS) {
			this.call.run();
		}
	}

	@Benchmark
	public void oneCall() {
		handOff(1);
	}

	@Benchmark
	@OperationsPerInvocation(PASS)
	public void passOnTheCallingThread() {
		this.remaining.set(PASS);
		runPass();
	}

	private void runPass() {
		for (int i = 0; i < PASS; i++) {
			this.call.run();
		}
	}

	private void handOff(int calls) {
		this.remaining.set(calls);
		for (int i = 0; i < calls; i++) {
			this.executor.execute(this.call);
		}
		awaitCalls();
	}

	private void awaitCalls() {
		while (this.remaining.get() > 0) {
			LockSupport.park(this);
		}
	}

}
