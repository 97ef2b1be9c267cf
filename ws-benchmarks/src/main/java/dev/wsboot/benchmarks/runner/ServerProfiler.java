package dev.wsboot.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Profiles a running server JVM's CPU with async-profiler: the agent, taken from the
 * {@code tools.profiler:async-profiler} jar on this class path, is loaded into the server
 * with {@code jcmd JVMTI.agent_load} once the server's JIT has settled, samples every
 * thread's stack (Java, JVM and kernel frames) every millisecond through the warm-up and
 * the measured phase, and writes collapsed stacks when stopped. The attach itself (a
 * {@code jcmd} JVM) runs before the load starts, so it disturbs neither phase; the
 * sampling costs the server a little CPU, so a profiled run's numbers are not for tables.
 */
final class ServerProfiler {

	private static final String START = "start,event=cpu,interval=1ms";

	private final Path agent;

	private final Path jcmd;

	private final Path directory;

	private ServerProfiler(Path agent, Path jcmd, Path directory) {
		this.agent = agent;
		this.jcmd = jcmd;
		this.directory = directory;
	}

	/**
	 * Prepares profiling for servers run by a {@code java} executable.
	 * @param java the servers' {@code java}; its JDK's {@code jcmd} loads the agent
	 * @param directory where the agent is unpacked and the profiles are written
	 * @return the profiler
	 * @throws IOException when the agent for this platform is not on the class path or
	 * cannot be unpacked
	 */
	static ServerProfiler create(String java, Path directory) throws IOException {
		Files.createDirectories(directory);
		String resource = agentResource(System.getProperty("os.name"), System.getProperty("os.arch"));
		Path agent = directory.resolve("libasyncProfiler.so").toAbsolutePath();
		try (InputStream in = ServerProfiler.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("async-profiler's " + resource + " is not on the class path");
			}
			Files.copy(in, agent, StandardCopyOption.REPLACE_EXISTING);
		}
		return new ServerProfiler(agent, Path.of(java).resolveSibling("jcmd"), directory);
	}

	/**
	 * Returns where async-profiler's jar keeps the agent for a platform.
	 * @param os the {@code os.name}
	 * @param arch the {@code os.arch}
	 * @return the resource name
	 */
	static String agentResource(String os, String arch) {
		if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
			throw new IllegalStateException("Profiling needs Linux (the agent samples kernel stacks), not " + os);
		}
		return switch (arch) {
			case "amd64", "x86_64" -> "linux-x64/libasyncProfiler.so";
			case "aarch64", "arm64" -> "linux-arm64/libasyncProfiler.so";
			default -> throw new IllegalStateException("async-profiler has no agent for " + arch);
		};
	}

	/**
	 * Starts sampling a server.
	 * @param server the server
	 * @throws IOException when the agent cannot be loaded
	 */
	void start(ServerProcess server) throws IOException {
		agentCommand(server, START);
	}

	/**
	 * Stops sampling a server and writes what was sampled.
	 * @param server the server
	 * @param name the profile's file name, without extension
	 * @return the file of collapsed stacks: one line per stack, frames joined by
	 * {@code ;}, then the count of samples
	 * @throws IOException when the agent cannot be told or writes nothing
	 */
	Path stop(ServerProcess server, String name) throws IOException {
		Path file = this.directory.resolve(name + ".collapsed").toAbsolutePath();
		agentCommand(server, "stop,collapsed,file=" + file);
		if (!Files.isRegularFile(file)) {
			throw new IOException("async-profiler wrote no " + file);
		}
		return file;
	}

	private void agentCommand(ServerProcess server, String command) throws IOException {
		// jcmd splits its arguments at '=' unless they are quoted.
		List<String> call = List.of(this.jcmd.toString(), Long.toString(server.pid()), "JVMTI.agent_load",
				this.agent.toString(), "\"" + command + "\"");
		Process process = new ProcessBuilder(call).redirectErrorStream(true).start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("jcmd did not finish: " + call);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for jcmd", ex);
		}
		if (process.exitValue() != 0 || !output.contains("return code: 0")) {
			throw new IOException("async-profiler refused '" + command + "' (see the server's log): " + output.trim());
		}
	}

}
