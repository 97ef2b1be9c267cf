package dev.wsboot.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Looks at every event loop once an interval and has a loop handed on to a new thread
 * when a handler call holds it up (see {@link EventLoop}). Looks count only when the
 * watchdog itself ran on time: after a pause of the whole JVM (a garbage collection), the
 * call it sees is most likely about to return. A call seen at two looks in a row has run
 * through a whole interval; it holds the loop up when its thread waits in Java (a lock, a
 * sleep, a future) or computed through most of that time. A thread that does neither is
 * either waiting in native code (a database driver's socket read) or starved of CPU by
 * other threads, which a busy core does for a few milliseconds: such a call counts only
 * after {@link #LOOKS_OUTSIDE_JAVA} looks.
 */
final class LoopWatchdog implements Runnable {

	static final Duration INTERVAL = Duration.ofMillis(25);

	/** Looks in a row that a call which neither waits in Java nor computes must last. */
	static final int LOOKS_OUTSIDE_JAVA = 5;

	private static final long INTERVAL_NANOS = INTERVAL.toNanos();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final EventLoop[] loops;

	private final Thread thread;

	private volatile boolean running = true;

	LoopWatchdog(EventLoop[] loops) {
		this.loops = loops;
		this.thread = new Thread(this, "ws-loop-watchdog");
		this.thread.setDaemon(true);
	}

	/**
	 * Returns whether a call holds its loop up.
	 * @param state the state of the loop's thread now
	 * @param cpuNanos the CPU time the thread used since the first look that saw the call
	 * @param looks how many on-time looks in a row saw the call
	 * @return whether to hand the loop on
	 */
	static boolean holdsLoopUp(Thread.State state, long cpuNanos, int looks) {
		if (looks < 2) {
			return false;
		}
		boolean waitsInJava = state == Thread.State.BLOCKED || state == Thread.State.WAITING
				|| state == Thread.State.TIMED_WAITING;
		boolean computes = cpuNanos >= (looks - 1) * INTERVAL_NANOS / 2;
		return waitsInJava || computes || looks >= LOOKS_OUTSIDE_JAVA;
	}

	/**
	 * Returns the CPU time a thread used so far.
	 * @param thread the thread
	 * @return its CPU time, or 0 when the JVM does not measure it
	 */
	@SuppressWarnings("deprecation") // Thread.threadId() needs Java 19
	static long cpuTime(Thread thread) {
		return THREADS.isThreadCpuTimeSupported() ? Math.max(0, THREADS.getThreadCpuTime(thread.getId())) : 0;
	}

	void start() {
		this.thread.start();
	}

	void stop() {
		this.running = false;
		LockSupport.unpark(this.thread);
	}

	@Override
	public void run() {
		long last = System.nanoTime();
		while (this.running) {
			long now;
			while ((now = System.nanoTime()) - last < INTERVAL_NANOS && this.running) {
				LockSupport.parkNanos(last + INTERVAL_NANOS - now);
			}
			boolean onTime = now - last < INTERVAL_NANOS * 3 / 2;
			last = now;
			for (EventLoop loop : this.loops) {
				loop.watch(onTime);
			}
		}
	}

}
