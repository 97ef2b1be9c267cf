package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

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
	void countsWriteSystemCalls(@TempDir Path directory) throws IOException {
		long before = ProcStat.writeCalls("self");
		Files.writeString(directory.resolve("written"), "one write");
		assertThat(ProcStat.writeCalls("self")).isGreaterThan(before);
	}

	@Test
	void countsTheContextSwitchesOfAThreadThatWaits() throws InterruptedException {
		long before = ProcStat.contextSwitches("self");
		Thread waiter = new Thread(() -> LockSupport.park());
		waiter.start();
		while (waiter.getState() != Thread.State.WAITING) {
			Thread.onSpinWait();
		}
		long whileParked = ProcStat.contextSwitches("self");
		LockSupport.unpark(waiter);
		waiter.join(10_000);
		assertThat(whileParked).isGreaterThan(before);
	}

}
