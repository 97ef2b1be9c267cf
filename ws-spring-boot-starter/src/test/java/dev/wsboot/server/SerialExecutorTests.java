package dev.wsboot.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SerialExecutor}: one run at a time per session, its listener included.
 */
class SerialExecutorTests {

	private final List<Runnable> submitted = Collections.synchronizedList(new ArrayList<>());

	@Test
	void runsTasksInOrderInBatches() {
		List<Integer> ran = new ArrayList<>();
		SerialExecutor serial = new SerialExecutor(this.submitted::add);
		for (int i = 0; i < 40; i++) {
			int task = i;
			serial.execute(() -> ran.add(task));
		}
		assertThat(this.submitted).hasSize(1);
		this.submitted.remove(0).run();
		assertThat(ran).hasSize(32);
		assertThat(this.submitted).as("the rest is scheduled again").hasSize(1);
		this.submitted.remove(0).run();
		assertThat(ran).hasSize(40).isSorted();
		assertThat(serial.isIdle()).isTrue();
	}

	@Test
	void startsNoOtherRunBeforeTheListenerIsDone() throws Exception {
		CountDownLatch inAfterRun = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		SerialExecutor serial = new SerialExecutor(this.submitted::add, new SerialExecutor.RunListener() {

			@Override
			public void afterRun() {
				inAfterRun.countDown();
				await(release);
			}

		});
		serial.execute(() -> {
		});
		Thread worker = new Thread(this.submitted.remove(0));
		worker.start();
		assertThat(inAfterRun.await(10, TimeUnit.SECONDS)).isTrue();
		serial.execute(() -> {
		});
		assertThat(this.submitted).as("no second worker while the first is in afterRun").isEmpty();
		assertThat(serial.isIdle()).isFalse();
		release.countDown();
		worker.join(10_000);
		assertThat(this.submitted).hasSize(1);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
