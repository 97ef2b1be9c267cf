package dev.wsboot.benchmarks.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.benchmarks.server.ServerControl;

/**
 * A benchmark server running as a child JVM, optionally pinned to CPUs with
 * {@code taskset}, spoken to through {@link ServerControl}'s line protocol. Its output
 * goes to a log file.
 */
public final class ServerProcess implements AutoCloseable {

	private final ServerKind kind;

	private final Process process;

	private final PrintWriter commands;

	/** Put in the replies when the server's output ends: it is gone. */
	private static final String EXITED = "\u0000exited";

	private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

	private final Path log;

	private final int port;

	private ServerProcess(ServerKind kind, Process process, Path log, Duration startTimeout) throws IOException {
		this.kind = kind;
		this.process = process;
		this.log = log;
		this.commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII),
				true);
		Thread reader = new Thread(this::pump, "bench-" + kind.label() + "-stdout");
		reader.setDaemon(true);
		reader.start();
		String ready = await(ServerControl.READY, startTimeout);
		this.port = Integer.parseInt(ready.substring(ServerControl.READY.length()).trim());
	}

	/**
	 * Starts a server and waits until it listens.
	 * @param kind which server
	 * @param java the {@code java} executable
	 * @param jvmOptions options for the JVM, such as {@code -Xmx2g}
	 * @param classpath the class path holding the benchmark module and its dependencies
	 * @param cpus the CPU list for {@code taskset -c}, or {@code null} not to pin
	 * @param log where the server's output goes
	 * @param startTimeout how long the server may take to listen
	 * @return the running server
	 * @throws IOException when the process cannot start or does not report ready in time
	 */
	public static ServerProcess start(ServerKind kind, String java, List<String> jvmOptions, String classpath,
			String cpus, Path log, Duration startTimeout) throws IOException {
		return start(kind, kind.arguments(), java, jvmOptions, classpath, cpus, log, startTimeout);
	}

	/**
	 * Starts a server with other arguments than its kind's, and waits until it listens.
	 * @param kind which server
	 * @param arguments the arguments after the port, in place of
	 * {@link ServerKind#arguments()}
	 * @param java the {@code java} executable
	 * @param jvmOptions options for the JVM, such as {@code -Xmx2g}
	 * @param classpath the class path holding the benchmark module and its dependencies
	 * @param cpus the CPU list for {@code taskset -c}, or {@code null} not to pin
	 * @param log where the server's output goes
	 * @param startTimeout how long the server may take to listen
	 * @return the running server
	 * @throws IOException when the process cannot start or does not report ready in time
	 */
	public static ServerProcess start(ServerKind kind, List<String> arguments, String java, List<String> jvmOptions,
			String classpath, String cpus, Path log, Duration startTimeout) throws IOException {
		List<String> command = new ArrayList<>();
		if (cpus != null) {
			command.addAll(List.of("taskset", "-c", cpus));
		}
		command.add(java);
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classpath, kind.mainClass(), "0"));
		command.addAll(arguments);
		Files.createDirectories(log.toAbsolutePath().getParent());
		Files.writeString(log, String.join(" ", command).replace(classpath, "<classpath>") + "\n");
		ProcessBuilder builder = new ProcessBuilder(command)
			.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
		Process process = builder.start();
		try {
			return new ServerProcess(kind, process, log, startTimeout);
		}
		catch (IOException | RuntimeException ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	public ServerKind kind() {
		return this.kind;
	}

	public long pid() {
		return this.process.pid();
	}

	public InetSocketAddress address() {
		return new InetSocketAddress("127.0.0.1", this.port);
	}

	/**
	 * Returns the server's CPU time so far.
	 * @return nanoseconds, user plus system
	 */
	public long cpuNanos() {
		return ProcStat.cpuNanos(Long.toString(this.process.pid()));
	}

	/**
	 * Returns the part of the server's CPU time spent in the kernel so far.
	 * @return nanoseconds
	 */
	public long systemCpuNanos() {
		return ProcStat.systemCpuNanos(Long.toString(this.process.pid()));
	}

	/**
	 * Returns the CPU time the server's JIT compiler threads used so far.
	 * @return nanoseconds
	 */
	public long compilerCpuNanos() {
		return ProcStat.compilerCpuNanos(Long.toString(this.process.pid()));
	}

	/**
	 * Returns how many read system calls the server made so far.
	 * @return the count
	 */
	public long readCalls() {
		return ProcStat.readCalls(Long.toString(this.process.pid()));
	}

	/**
	 * Returns how many write system calls the server made so far.
	 * @return the count
	 */
	public long writeCalls() {
		return ProcStat.writeCalls(Long.toString(this.process.pid()));
	}

	/**
	 * Returns how often the server's threads were switched off their CPU so far.
	 * @return the count
	 */
	public long contextSwitches() {
		return ProcStat.contextSwitches(Long.toString(this.process.pid()));
	}

	/**
	 * Returns the server's resident set size.
	 * @return bytes
	 */
	public long rssBytes() {
		return ProcStat.rssBytes(Long.toString(this.process.pid()));
	}

	/**
	 * Returns how many threads the server has.
	 * @return the thread count
	 */
	public long threads() {
		return ProcStat.threads(Long.toString(this.process.pid()));
	}

	/**
	 * Returns how many file descriptors the server has open.
	 * @return the count
	 */
	public long openFiles() {
		return ProcStat.openFiles(Long.toString(this.process.pid()));
	}

	/**
	 * Has the server run full collections and returns the heap in use after them.
	 * @return bytes
	 * @throws IOException when the server does not answer within 60 seconds
	 */
	public long heapAfterGc() throws IOException {
		this.commands.println("gc");
		String reply = await(ServerControl.HEAP, Duration.ofSeconds(60));
		return Long.parseLong(reply.substring(ServerControl.HEAP.length()).trim());
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.commands.println("quit");
			this.commands.close();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroy();
					if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
						this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
	}

	private String await(String prefix, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				String line = (left > 0) ? this.replies.poll(left, TimeUnit.NANOSECONDS) : null;
				if (line == null || line.equals(EXITED)) {
					String exit = "";
					if (line != null && this.process.waitFor(5, TimeUnit.SECONDS)) {
						exit = " (it exited with " + this.process.exitValue() + ")";
					}
					throw new IOException(this.kind.label() + " did not answer " + prefix.trim()
							+ ((line == null) ? " within " + timeout : "") + exit + "; see " + this.log);
				}
				if (line.startsWith(prefix)) {
					return line;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private void pump() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer out = Files.newBufferedWriter(this.log, StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.APPEND)) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.startsWith(ServerControl.READY) || line.startsWith(ServerControl.HEAP)) {
					this.replies.add(line);
				}
				out.write(line);
				out.write('\n');
				out.flush();
			}
		}
		catch (IOException ex) {
			// The process is gone.
		}
		this.replies.add(EXITED);
	}

}
