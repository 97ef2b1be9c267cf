package dev.wsboot.server;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Runs one session's tasks one at a time and in order, on a shared executor, so that a
 * session's handler calls never overlap while different sessions run in parallel. A busy
 * session yields its worker after a batch of tasks so that it cannot starve the others.
 */
final class SerialExecutor implements Runnable {

	private static final int BATCH = 32;

	private final Executor executor;

	private final RunListener listener;

	/** Made on demand and dropped when drained: an idle session holds no queue. */
	private @Nullable ArrayDeque<Runnable> tasks;

	private boolean scheduled;

	SerialExecutor(Executor executor) {
		this(executor, RunListener.NONE);
	}

	SerialExecutor(Executor executor, RunListener listener) {
		this.executor = executor;
		this.listener = listener;
	}

	void execute(Runnable task) {
		synchronized (this) {
			if (this.tasks == null) {
				this.tasks = new ArrayDeque<>(4);
			}
			this.tasks.add(task);
			if (this.scheduled) {
				return;
			}
			this.scheduled = true;
		}
		schedule();
	}

	/**
	 * Returns whether no task is queued or running.
	 * @return true when the session's tasks have all run
	 */
	synchronized boolean isIdle() {
		return !this.scheduled;
	}

	@Override
	public void run() {
		try {
			for (int i = 0; i < BATCH; i++) {
				Runnable task;
				boolean more;
				synchronized (this) {
					task = (this.tasks != null) ? this.tasks.poll() : null;
					if (task == null) {
						break;
					}
					more = !this.tasks.isEmpty();
				}
				this.listener.beforeTask(more);
				task.run();
			}
		}
		finally {
			this.listener.afterRun();
		}
		// Only now may another worker start on this session: the listener is done.
		synchronized (this) {
			if (this.tasks == null || this.tasks.isEmpty()) {
				this.tasks = null;
				this.scheduled = false;
				return;
			}
		}
		schedule();
	}

	/**
	 * Sees the tasks one worker runs back to back for the session.
	 */
	interface RunListener {

		RunListener NONE = new RunListener() {
		};

		/**
		 * Called before each task, on the worker.
		 * @param more whether another task is queued behind this one
		 */
		default void beforeTask(boolean more) {
		}

		/** Called when the worker stops running the session's tasks, for now. */
		default void afterRun() {
		}

		/**
		 * Returns a listener that tells two listeners, in order.
		 * @param first told first
		 * @param second told second
		 * @return the pair
		 */
		static RunListener of(RunListener first, RunListener second) {
			return new RunListener() {

				@Override
				public void beforeTask(boolean more) {
					first.beforeTask(more);
					second.beforeTask(more);
				}

				@Override
				public void afterRun() {
					first.afterRun();
					second.afterRun();
				}

			};
		}

	}

	private void schedule() {
		try {
			this.executor.execute(this);
		}
		catch (RejectedExecutionException ex) {
			// The executor is shutting down with the application: these tasks will never
			// run.
			synchronized (this) {
				this.tasks = null;
				this.scheduled = false;
			}
		}
	}

}
