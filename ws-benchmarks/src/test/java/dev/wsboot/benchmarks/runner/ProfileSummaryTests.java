package dev.wsboot.benchmarks.runner;

import java.util.List;

import dev.wsboot.benchmarks.runner.ProfileSummary.Category;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link ProfileSummary} on collapsed stacks shaped like async-profiler's.
 */
class ProfileSummaryTests {

	private static final String WRITE = "java/lang/Thread.run;dev/wsboot/server/Outbound.send;__GI_write;"
			+ "entry_SYSCALL_64_after_hwframe_[k];ksys_write_[k];tcp_sendmsg_[k] 40";

	private static final String READ = "java/lang/Thread.run;sun/nio/ch/SocketDispatcher.read0;__GI_read;"
			+ "ksys_read_[k];tcp_recvmsg_[k] 20";

	private static final String POLL = "sun/nio/ch/EPoll.wait;epoll_wait;do_epoll_wait_[k];ep_poll_[k] 10";

	private static final String PARK = "java/util/concurrent/locks/LockSupport.parkNanos;__futex_abstimed_wait_common;"
			+ "__x64_sys_futex_[k];futex_wait_[k];finish_task_switch.isra.0_[k] 8";

	private static final String IRQ = "dev/wsboot/protocol/frame/FrameParser.parse;asm_sysvec_apic_timer_interrupt_[k] 2";

	private static final String JIT = "thread_native_entry;CompileBroker::compiler_thread_loop;C2Compiler::compile_method 5";

	private static final String GC = "thread_native_entry;WorkerThread::run;G1ParTask::work 5";

	private static final String CODE = "java/lang/Thread.run;dev/wsboot/server/Connection.readFrames;"
			+ "dev/wsboot/protocol/frame/FrameParser.parse 10";

	@Test
	void sortsEachStackByTheSystemCallOrThreadItIsIn() {
		ProfileSummary summary = ProfileSummary.of(List.of(WRITE, READ, POLL, PARK, IRQ, JIT, GC, CODE));
		assertThat(summary.total()).isEqualTo(100);
		assertThat(summary.percent(Category.WRITE)).isCloseTo(40, within(1e-9));
		assertThat(summary.percent(Category.READ)).isCloseTo(20, within(1e-9));
		assertThat(summary.percent(Category.POLL)).isCloseTo(10, within(1e-9));
		assertThat(summary.percent(Category.FUTEX)).isCloseTo(8, within(1e-9));
		assertThat(summary.percent(Category.KERNEL_OTHER)).isCloseTo(2, within(1e-9));
		assertThat(summary.percent(Category.JIT)).isCloseTo(5, within(1e-9));
		assertThat(summary.percent(Category.GC)).isCloseTo(5, within(1e-9));
		assertThat(summary.percent(Category.CODE)).isCloseTo(10, within(1e-9));
	}

	@Test
	void anEmptyProfileHasNoShares() {
		ProfileSummary summary = ProfileSummary.of(List.of());
		assertThat(summary.total()).isZero();
		assertThat(summary.percent(Category.CODE)).isZero();
	}

}
