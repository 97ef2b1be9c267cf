package dev.wsboot.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

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
	 * {@code ws-worker-N}. Idle threads end after a minute. The queue is not bounded, and
	 * need not be: the listener runs each session's calls one at a time and hands the
	 * pool one task per session with work waiting, so the queue never holds more entries
	 * than there are busy sessions.
	 * @param threads the most threads
	 * @return a holder of a thread pool
	 */
	public static WsHandlerExecutor platformThreads(int threads) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(THREAD_NAME_PREFIX);
		threadFactory.setDaemon(true);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threadFactory);
		pool.allowCoreThreadTimeOut(true);
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

}
