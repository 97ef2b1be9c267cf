package dev.wsboot.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.wsboot.benchmarks.runner.ServerKind;
import dev.wsboot.benchmarks.runner.ServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts benchmark servers for the module's tests: a child JVM sized for a few seconds of
 * traffic, on the class path the POM hands to the tests, logging to
 * {@code target/smoke-logs}.
 */
public final class BenchmarkServers {

	private BenchmarkServers() {
	}

	/**
	 * Starts a server and waits until it listens (at most a minute).
	 * @param kind which server
	 * @param logName the log file's name, without extension
	 * @return the running server
	 * @throws IOException when it does not start
	 */
	public static ServerProcess start(ServerKind kind, String logName) throws IOException {
		Path log = Path.of("target", "smoke-logs", logName.toLowerCase(Locale.ROOT) + ".log");
		return ServerProcess.start(kind, javaExecutable(),
				List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"), classpath(), null, log,
				Duration.ofSeconds(60));
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String classpath() throws IOException {
		String classes = System.getProperty("benchmarks.classes");
		String file = System.getProperty("benchmarks.classpath.file");
		assertThat(classes).as("system property benchmarks.classes (set by the POM)").isNotNull();
		assertThat(file).as("system property benchmarks.classpath.file (set by the POM)").isNotNull();
		return classes + File.pathSeparator + Files.readString(Path.of(file)).trim();
	}

}
