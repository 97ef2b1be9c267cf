package dev.wsboot.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Where the WebSocket server runs the endpoints' methods and the handshake routing, as
 * chosen by {@code ws.server.dispatch}. A holder rather than an {@link Executor} bean, so
 * that it does not stand in for the application's own task executor (Spring Boot backs
 * off its {@code applicationTaskExecutor} when any {@code Executor} bean exists). A
 * thread pool it created is shut down with the application context, after the server
 * stopped.
 */
public final class WsHandlerExecutor implements DisposableBean {

	private static final String THREAD_NAME_PREFIX = "ws-worker-";

	private final @Nullable Executor executor;

	private final boolean owned;

	private WsHandlerExecutor(@Nullable Executor executor, boolean owned) {
		this.executor = executor;
		this.owned = owned;
	}

	/**
	 * Runs handlers on the event loops.
	 * @return a holder without an executor
	 */
	public static WsHandlerExecutor eventLoop() {
		return new WsHandlerExecutor(null, false);
	}

	/**
	 * Runs each handler call on a new virtual thread named {@code ws-worker-N}. Needs
	 * Java 21 or later.
	 * @return a holder of a virtual thread executor
	 */
	public static WsHandlerExecutor virtualThreads() {
		return new WsHandlerExecutor(new VirtualThreadTaskExecutor(THREAD_NAME_PREFIX), true);
	}

	/**
	 * Runs handlers on a bounded pool of daemon platform threads named
	 * {@code ws-worker-N}: a {@link ForkJoinPool} in FIFO mode, whose lock-free queues
	 * and idle workers woken most recently first cost a message's hand-off from the event
	 * loop less than a {@code ThreadPoolExecutor}'s locked queue, whose workers contend
	 * on it and are woken in turn. Idle threads end after a minute. The listener runs
	 * each session's calls one at a time and hands the pool one task per session with
	 * work waiting, so its queues never hold more entries than there are busy sessions.
	 * As with any fixed pool, at most {@code threads} handlers block at once; the
	 * sessions behind them wait.
	 * @param threads the most threads
	 * @return a holder of a thread pool
	 */
	public static WsHandlerExecutor platformThreads(int threads) {
		ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
		AtomicInteger count = new AtomicInteger();
		ForkJoinPool pool = new ForkJoinPool(threads,
				(owner) -> new WorkerThread(owner, THREAD_NAME_PREFIX + count.incrementAndGet(), classLoader), null,
				true);
		return new WsHandlerExecutor(pool, true);
	}

	/**
	 * Wraps an executor the application manages itself.
	 * @param executor the executor, or {@code null} for the event loops
	 * @return a holder that leaves the executor's life to its owner
	 */
	public static WsHandlerExecutor of(@Nullable Executor executor) {
		return new WsHandlerExecutor(executor, false);
	}

	/**
	 * Returns the executor for
	 * {@link dev.wsboot.server.WsServerConfig#handlerExecutor()}.
	 * @return the executor, or {@code null} to run handlers on the event loops
	 */
	public @Nullable Executor executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		if (this.owned && this.executor instanceof ExecutorService service) {
			service.shutdown();
		}
	}

	@Override
	public String toString() {
		return "WsHandlerExecutor["
				+ ((this.executor != null) ? this.executor.getClass().getSimpleName() : "event loop") + "]";
	}

	/**
	 * A worker with the application's class loader as its context class loader, as a
	 * {@code ThreadPoolExecutor}'s threads would have (the default factory's use the
	 * system class loader, which cannot see classes inside a Spring Boot jar).
	 */
	private static final class WorkerThread extends ForkJoinWorkerThread {

		WorkerThread(ForkJoinPool pool, String name, @Nullable ClassLoader classLoader) {
			super(pool);
			setName(name);
			setContextClassLoader(classLoader);
		}

	}

}
