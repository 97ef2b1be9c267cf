package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sorts a CPU profile's samples (collapsed stacks, as async-profiler writes them) into
 * where a WebSocket server's time can go: the system calls that move bytes, waiting for
 * readiness, handing work between threads, the JVM's own threads, and the code above
 * them. Side by side for several servers, it shows whether one spends more on its code or
 * on the kernel's, which no code change can shrink.
 */
record ProfileSummary(Map<ProfileSummary.Category, Long> samples, long total) {

	/** Where a sample's time went, judged by its stack. */
	enum Category {

		WRITE("kernel: write and send (on loopback with the peer's TCP receive)"),

		READ("kernel: read and receive"),

		POLL("kernel: epoll"),

		FUTEX("kernel: futex (threads parking, waking, switching)"),

		KERNEL_OTHER("kernel: other"),

		JIT("JVM: JIT compiler"),

		GC("JVM: garbage collector"),

		CODE("Java and native code outside the kernel");

		final String label;

		Category(String label) {
			this.label = label;
		}

	}

	/**
	 * Reads a file of collapsed stacks.
	 * @param file the profile
	 * @return its summary
	 * @throws IOException when the file cannot be read
	 */
	static ProfileSummary of(Path file) throws IOException {
		try (Stream<String> lines = Files.lines(file)) {
			return of(lines.toList());
		}
	}

	/**
	 * Sums collapsed stacks by category.
	 * @param lines one stack per line: frames joined by {@code ;}, a space, the count
	 * @return the summary
	 */
	static ProfileSummary of(List<String> lines) {
		Map<Category, Long> samples = new EnumMap<>(Category.class);
		long total = 0;
		for (String line : lines) {
			int space = line.lastIndexOf(' ');
			if (space < 0) {
				continue;
			}
			long count = Long.parseLong(line.substring(space + 1).trim());
			samples.merge(categorize(line.substring(0, space)), count, Long::sum);
			total += count;
		}
		return new ProfileSummary(samples, total);
	}

	/**
	 * Judges one stack: a sample in a kernel frame ({@code _[k]}) goes to the system call
	 * it is under, any other to the JVM thread or the code it is in.
	 */
	static Category categorize(String stack) {
		if (stack.endsWith("_[k]")) {
			if (contains(stack, "ksys_write", "do_writev", "__sys_sendmsg", "__sys_sendto")) {
				return Category.WRITE;
			}
			if (contains(stack, "ksys_read", "do_readv", "__sys_recvmsg", "__sys_recvfrom")) {
				return Category.READ;
			}
			if (contains(stack, "do_epoll_wait", "do_epoll_ctl", "do_epoll_pwait")) {
				return Category.POLL;
			}
			if (contains(stack, "futex")) {
				return Category.FUTEX;
			}
			return Category.KERNEL_OTHER;
		}
		if (contains(stack, "CompileBroker::")) {
			return Category.JIT;
		}
		if (contains(stack, "GCTaskThread", "G1", "ConcurrentGCThread", "WorkerThread::run")) {
			return Category.GC;
		}
		return Category.CODE;
	}

	private static boolean contains(String stack, String... frames) {
		for (String frame : frames) {
			if (stack.contains(frame)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns a category's share of the samples.
	 * @param category the category
	 * @return percent of all samples, 0 when there are none
	 */
	double percent(Category category) {
		return (this.total > 0) ? 100.0 * this.samples.getOrDefault(category, 0L) / this.total : 0;
	}

}
