package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a process's CPU time (all of it, or the kernel's part), system calls, context
 * switches, resident set size, threads and open files from {@code /proc} (Linux).
 */
public final class ProcStat {

	/**
	 * Clock ticks per second of {@code utime}/{@code stime}; 100 on every Linux this runs
	 * on ({@code getconf CLK_TCK}).
	 */
	static final long TICKS_PER_SECOND = 100;

	private ProcStat() {
	}

	/**
	 * Returns the CPU time a process used so far, user plus system, all threads.
	 * @param pid the process, or {@code "self"}
	 * @return nanoseconds, at a resolution of 10 ms
	 */
	public static long cpuNanos(String pid) {
		return cpuNanosOf(read(Path.of("/proc", pid, "stat")));
	}

	/**
	 * Returns the part of a process's CPU time spent in the kernel so far: system calls,
	 * and the network stack's work done on their behalf (on loopback, a send also runs
	 * the receiving socket's TCP processing). What is left of {@link #cpuNanos} is the
	 * process's own code.
	 * @param pid the process, or {@code "self"}
	 * @return nanoseconds, at a resolution of 10 ms
	 */
	public static long systemCpuNanos(String pid) {
		return ticksToNanos(Long.parseLong(statFields(read(Path.of("/proc", pid, "stat")))[12]));
	}

	/**
	 * Returns the CPU time a JVM's JIT compiler threads used so far: while it grows, the
	 * JVM is still compiling and measurements of it are disturbed.
	 * @param pid the JVM's process
	 * @return nanoseconds, at a resolution of 10 ms
	 */
	public static long compilerCpuNanos(String pid) {
		long nanos = 0;
		for (String stat : threadFiles(pid, "stat")) {
			String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			// HotSpot's "C2 CompilerThread0", cut by Linux to 15 characters.
			if (name.contains("CompilerThre")) {
				nanos += cpuNanosOf(stat);
			}
		}
		return nanos;
	}

	/**
	 * Returns how often a process's threads were switched off their CPU so far, because
	 * they waited (parked, blocked in a system call) or were preempted: per message, this
	 * shows what handing work between threads costs.
	 * @param pid the process
	 * @return voluntary plus involuntary context switches of its live threads
	 */
	public static long contextSwitches(String pid) {
		long switches = 0;
		for (String status : threadFiles(pid, "status")) {
			switches += field(status, "voluntary_ctxt_switches:", pid)
					+ field(status, "nonvoluntary_ctxt_switches:", pid);
		}
		return switches;
	}

	/** The content of one {@code /proc} file of each of a process's live threads. */
	private static List<String> threadFiles(String pid, String file) {
		Path tasks = Path.of("/proc", pid, "task");
		List<String> contents = new ArrayList<>();
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				try {
					contents.add(Files.readString(thread.resolve(file)));
				}
				catch (IOException ex) {
					// The thread ended meanwhile.
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + tasks + " (Linux /proc is needed)", ex);
		}
		return contents;
	}

	/** User plus system CPU time from the content of a {@code stat} file. */
	private static long cpuNanosOf(String stat) {
		String[] fields = statFields(stat);
		return ticksToNanos(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
	}

	/**
	 * The fields of a {@code stat} file from field 3 (state) on: utime (field 14) is at
	 * index 11, stime (field 15) at index 12.
	 */
	private static String[] statFields(String stat) {
		// The command name may hold spaces and parentheses: fields start after the last
		// ')'.
		return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
	}

	private static long ticksToNanos(long ticks) {
		return ticks * (1_000_000_000L / TICKS_PER_SECOND);
	}

	/**
	 * Returns the CPU time every CPU of the machine spent busy so far (user, nice,
	 * system, irq, softirq, steal), all processes together.
	 * @return nanoseconds, at a resolution of 10 ms
	 */
	public static long machineBusyNanos() {
		String first = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow();
		String[] fields = first.trim().split("\\s+");
		// cpu user nice system idle iowait irq softirq steal ...
		long ticks = 0;
		for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
			ticks += (i < fields.length) ? Long.parseLong(fields[i]) : 0;
		}
		return ticksToNanos(ticks);
	}

	/**
	 * Returns how many function-call interrupts the machine's CPUs received so far
	 * ({@code CAL} in {@code /proc/interrupts}): one CPU asking another to run something.
	 * Between a server and a load tool on two cores, most ask the other core to free the
	 * socket buffers it allocated, after a run of reads without that core handling
	 * network input in between; on a VM each costs an exit to the hypervisor.
	 * @return the count, summed over the CPUs; 0 where the kernel reports none (not x86)
	 */
	public static long callInterrupts() {
		return callInterrupts(read(Path.of("/proc/interrupts")));
	}

	/**
	 * Returns the {@code CAL} count of a {@code /proc/interrupts} content, summed over
	 * the CPUs.
	 * @param interrupts the content
	 * @return the count, 0 without a {@code CAL} line
	 */
	static long callInterrupts(String interrupts) {
		for (String line : interrupts.split("\n")) {
			String trimmed = line.trim();
			if (trimmed.startsWith("CAL:")) {
				long sum = 0;
				// One count per CPU, then the description.
				for (String field : trimmed.substring("CAL:".length()).trim().split("\\s+")) {
					if (field.isEmpty() || !field.chars().allMatch(Character::isDigit)) {
						break;
					}
					sum += Long.parseLong(field);
				}
				return sum;
			}
		}
		return 0;
	}

	/**
	 * Returns how many read system calls a process made so far ({@code read},
	 * {@code readv}, ...; not {@code epoll_wait}).
	 * @param pid the process
	 * @return the count of {@code syscr} in {@code /proc/<pid>/io}
	 */
	public static long readCalls(String pid) {
		return field(read(Path.of("/proc", pid, "io")), "syscr:", pid);
	}

	/**
	 * Returns how many write system calls a process made so far ({@code write},
	 * {@code writev}, {@code sendmsg}, ...): per message echoed, this shows how well a
	 * server batches its replies.
	 * @param pid the process
	 * @return the count of {@code syscw} in {@code /proc/<pid>/io}
	 */
	public static long writeCalls(String pid) {
		return field(read(Path.of("/proc", pid, "io")), "syscw:", pid);
	}

	/**
	 * Returns a process's resident set size.
	 * @param pid the process
	 * @return bytes
	 */
	public static long rssBytes(String pid) {
		return status(pid, "VmRSS:") * 1024;
	}

	/**
	 * Returns how many threads a process has.
	 * @param pid the process
	 * @return the thread count
	 */
	public static long threads(String pid) {
		return status(pid, "Threads:");
	}

	/**
	 * Returns how many file descriptors a process has open: sockets, files, pipes,
	 * selectors.
	 * @param pid the process
	 * @return the count
	 */
	public static long openFiles(String pid) {
		Path fds = Path.of("/proc", pid, "fd");
		try (Stream<Path> entries = Files.list(fds)) {
			return entries.count();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + fds + " (Linux /proc is needed)", ex);
		}
	}

	/** The number that follows a field's name in {@code /proc/<pid>/status}. */
	private static long status(String pid, String field) {
		return field(read(Path.of("/proc", pid, "status")), field, pid);
	}

	/** The number that follows a field's name in a {@code /proc} file of lines. */
	private static long field(String content, String field, String pid) {
		for (String line : content.split("\n")) {
			if (line.startsWith(field)) {
				String[] parts = line.substring(field.length()).trim().split("\\s+");
				return Long.parseLong(parts[0]);
			}
		}
		throw new IllegalStateException("No " + field + " for process " + pid);
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + path + " (Linux /proc is needed)", ex);
		}
	}

}
