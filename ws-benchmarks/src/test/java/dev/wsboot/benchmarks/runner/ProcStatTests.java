package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProcStat} on this JVM's own {@code /proc} entries.
 */
class ProcStatTests {

	@Test
	void findsTheCompilerThreadsAmongThisJvmsThreads() {
		long compiler = ProcStat.compilerCpuNanos("self");
		long all = ProcStat.cpuNanos("self");
		assertThat(compiler).isNotNegative().isLessThanOrEqualTo(all);
		assertThat(all).isPositive();
	}

	@Test
	void attributesTheTimeOfSystemCallsToTheKernel(@TempDir Path directory) throws IOException {
		long before = ProcStat.systemCpuNanos("self");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		// Small writes are nearly all kernel time; the clock ticks every 10 ms.
		try (FileChannel channel = FileChannel.open(directory.resolve("written"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			ByteBuffer one = ByteBuffer.allocateDirect(1);
			while (ProcStat.systemCpuNanos("self") - before < 50_000_000 && System.nanoTime() < deadline) {
				for (int i = 0; i < 10_000; i++) {
					channel.write(one.clear(), 0);
				}
			}
		}
		long system = ProcStat.systemCpuNanos("self") - before;
		assertThat(system).isGreaterThanOrEqualTo(50_000_000);
		assertThat(ProcStat.systemCpuNanos("self")).isLessThanOrEqualTo(ProcStat.cpuNanos("self"));
	}

	@Test
	void countsWriteSystemCalls(@TempDir Path directory) throws IOException {
		long before = ProcStat.writeCalls("self");
		Files.writeString(directory.resolve("written"), "one write");
		assertThat(ProcStat.writeCalls("self")).isGreaterThan(before);
	}

	@Test
	void countsTheContextSwitchesOfAThreadThatWaits() throws InterruptedException {
		long before = ProcStat.contextSwitches("self");
		CountDownLatch release = new CountDownLatch(1);
		Thread waiter = new Thread(() -> awaitQuietly(release));
		waiter.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		long whileWaiting = ProcStat.contextSwitches("self");
		release.countDown();
		waiter.join(10_000);
		assertThat(whileWaiting).isGreaterThan(before);
	}

	@Test
	void sumsTheFunctionCallInterruptsOfEveryCpu() {
		String interrupts = """
				           CPU0       CPU1
				  0:         36          0   IO-APIC   2-edge      timer
				LOC:    7453309    5076460   Local timer interrupts
				CAL:    7978226   98234861   Function call interrupts
				TLB:      90876      86136   TLB shootdowns
				""";
		assertThat(ProcStat.callInterrupts(interrupts)).isEqualTo(7_978_226L + 98_234_861L);
	}

	@Test
	void countsNoFunctionCallInterruptsWhereTheKernelReportsNone() {
		assertThat(ProcStat.callInterrupts("           CPU0\n  0:   36   IO-APIC   timer\n")).isZero();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
