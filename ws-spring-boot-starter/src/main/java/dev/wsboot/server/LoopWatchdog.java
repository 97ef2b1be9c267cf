package dev.wsboot.server;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Looks at every event loop once an interval and has a loop handed on to a new thread
 * when a handler call held it through a whole interval (see {@link EventLoop}). A call is
 * taken for blocked only when the watchdog itself ran on time: after a pause of the whole
 * JVM (a garbage collection), the call it sees is most likely about to return.
 */
final class LoopWatchdog implements Runnable {

	static final Duration INTERVAL = Duration.ofMillis(25);

	private static final long INTERVAL_NANOS = INTERVAL.toNanos();

	private final EventLoop[] loops;

	private final Thread thread;

	private volatile boolean running = true;

	LoopWatchdog(EventLoop[] loops) {
		this.loops = loops;
		this.thread = new Thread(this, "ws-loop-watchdog");
		this.thread.setDaemon(true);
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
