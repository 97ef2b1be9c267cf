package dev.wsboot.benchmarks.soak;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

/**
 * Judges a soak run and writes its summary in Markdown.
 */
final class SoakReport {

	private SoakReport() {
	}

	/**
	 * Lists what went wrong: any message lost, reordered, corrupted or duplicated, any
	 * connection that failed or closed with another code than 1000, heap after GC grown
	 * by more than the tolerance from the warm-up to the end, file descriptors left open.
	 * @param options the run's options
	 * @param result what it found
	 * @return the problems, empty when the run passed
	 */
	static List<String> problems(SoakOptions options, SoakResult result) {
		SoakStats stats = result.stats();
		List<String> problems = new ArrayList<>();
		if (!result.finished()) {
			problems.add("the soak did not end by itself before its hard deadline");
		}
		if (stats.verified == 0) {
			problems.add("no message was verified");
		}
		count(problems, stats.lost, "message(s) lost");
		count(problems, stats.reordered, "message(s) reordered");
		count(problems, stats.corrupted, "message(s) corrupted");
		count(problems, stats.duplicated, "message(s) duplicated");
		count(problems, stats.pongMismatches, "pong(s) that answer no ping in flight");
		count(problems, stats.failed, "connection(s) failed after the handshake");
		count(problems, stats.handshakeFailures, "connection(s) failed before or during the handshake");
		count(problems, stats.closeCodesOtherThanNormal(), "closing handshake(s) not answered with 1000");
		count(problems, stats.quiesceTimeouts, "checkpoint(s) that found traffic still in flight after 30 s");
		Optional<ServerSample> warmup = result.sample(ServerSample.WARMUP);
		Optional<ServerSample> end = result.sample(ServerSample.END);
		if (warmup.isEmpty() || end.isEmpty()) {
			problems.add("the heap was not sampled after the warm-up and at the end");
			return problems;
		}
		double ratio = heapRatio(warmup.get(), end.get());
		if (ratio > 1 + options.heapTolerance) {
			problems.add(String.format(Locale.ROOT,
					"heap after GC grew by %.1f %% from the warm-up to the end (limit %.0f %%)", (ratio - 1) * 100,
					options.heapTolerance * 100));
		}
		long files = end.get().openFiles() - warmup.get().openFiles();
		if (files > 0) {
			problems.add("the server holds " + files + " more file descriptor(s) at the end than after the warm-up, "
					+ "with the same connections open");
		}
		return problems;
	}

	private static void count(List<String> problems, long count, String what) {
		if (count > 0) {
			problems.add(count + " " + what);
		}
	}

	private static double heapRatio(ServerSample warmup, ServerSample end) {
		return (double) end.heapAfterGc() / warmup.heapAfterGc();
	}

	/**
	 * Writes the summary.
	 * @param options the run's options
	 * @param result what it found
	 * @param problems what {@link #problems} found
	 * @return Markdown
	 */
	static String markdown(SoakOptions options, SoakResult result, List<String> problems) {
		StringBuilder out = new StringBuilder("# wsboot soak\n\n");
		describe(out, options, result);
		messages(out, result);
		connections(out, result.stats());
		server(out, options, result);
		if (!result.stats().incidents.isEmpty()) {
			out.append("## Incidents (the first ").append(result.stats().incidents.size()).append(")\n\n");
			result.stats().incidents.forEach((incident) -> out.append("- ").append(incident).append('\n'));
			out.append('\n');
		}
		out.append("## Verdict: ").append(problems.isEmpty() ? "PASS" : "FAIL").append("\n\n");
		problems.forEach((problem) -> out.append("- ").append(problem).append('\n'));
		return out.toString();
	}

	private static void describe(StringBuilder out, SoakOptions options, SoakResult result) {
		out.append("- run: ")
			.append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
			.append(", ")
			.append(seconds(options.duration.toNanos()))
			.append(" s of traffic, the first ")
			.append(seconds(options.warmup.toNanos()))
			.append(" s warm-up; took ")
			.append(seconds(result.elapsedNanos()))
			.append(" s with the checkpoints and closing\n");
		out.append("- server: ")
			.append(options.server.label())
			.append(" echo on 127.0.0.1, its own JVM `")
			.append(String.join(" ", options.jvmOptions))
			.append("`; client: the load tool's NIO loop, one thread (")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append(")\n");
		out.append(String.format(Locale.ROOT,
				"- traffic: %d steady connections sharing %.0f messages/s (at most %d in flight each); "
						+ "%.1f short-lived connections/s (at most %d at once) sending 1 to %d messages, "
						+ "%.0f %% of them dropped without a closing handshake (FIN or RST, half each); "
						+ "%.0f %% of messages binary (16 B to %d B, log-uniform), the others JSON-like UTF-8 text; "
						+ "%.0f %% in 2 to 4 frames; %.0f %% followed by a ping (between fragments when fragmented)%n",
				options.connections, options.rate, options.window, options.churnRate, options.maxChurn(),
				options.churnMessages, options.abruptShare * 100, options.binaryShare * 100, options.maxBinary,
				options.fragmentedShare * 100, options.pingShare * 100));
		out.append("- checkpoints (after the warm-up, every ")
			.append(seconds(options.sampleInterval.toNanos()))
			.append(" s, at the end): traffic paused until nothing is in flight and only the steady connections are ")
			.append("open, then the server's heap after full GC and its `/proc` figures\n\n");
	}

	private static void messages(StringBuilder out, SoakResult result) {
		SoakStats stats = result.stats();
		Histogram latency = stats.latency;
		out.append("## Messages\n\n| metric | value |\n|---|---:|\n");
		row(out, "sent (text / binary / fragmented)", String.format(Locale.ROOT, "%,d (%,d / %,d / %,d)",
				stats.messagesSent, stats.textSent, stats.binarySent, stats.fragmentedSent));
		row(out, "payload sent (MB)", megabytes(stats.bytesSent));
		row(out, "**verified** (the next in sequence, byte for byte)",
				String.format(Locale.ROOT, "%,d", stats.verified));
		row(out, "payload verified (MB)", megabytes(stats.bytesVerified));
		row(out, "**lost**", Long.toString(stats.lost));
		row(out, "**reordered**", Long.toString(stats.reordered));
		row(out, "**corrupted**", Long.toString(stats.corrupted));
		row(out, "duplicated", Long.toString(stats.duplicated));
		row(out, "in flight on connections dropped on purpose (not lost)", Long.toString(stats.abandoned));
		row(out, "pings sent / pongs verified / pongs answering no ping", String.format(Locale.ROOT, "%,d / %,d / %d",
				stats.pingsSent, stats.pongsVerified, stats.pongMismatches));
		row(out, "verified per second of the run",
				String.format(Locale.ROOT, "%,.0f", stats.verified / Math.max(1e-9, result.elapsedNanos() / 1e9)));
		row(out, "round trip after the warm-up p50 / p99 / p99.9 / max (µs)",
				String.format(Locale.ROOT, "%,.0f / %,.0f / %,.0f / %,.0f", latency.getValueAtPercentile(50) / 1e3,
						latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3,
						latency.getMaxValue() / 1e3));
		out.append('\n');
	}

	private static void connections(StringBuilder out, SoakStats stats) {
		out.append("## Connections\n\n| metric | value |\n|---|---:|\n");
		row(out, "steady opened", Long.toString(stats.steadyOpened));
		row(out, "short-lived opened", String.format(Locale.ROOT, "%,d", stats.churnOpened));
		row(out, "closed with a closing handshake (client sent 1000)",
				String.format(Locale.ROOT, "%,d", stats.closedCleanly));
		row(out, "dropped without one: FIN / RST", stats.droppedFin + " / " + stats.droppedReset);
		row(out, "**failed** after the handshake", Long.toString(stats.failed));
		row(out, "**handshake failures**", Long.toString(stats.handshakeFailures));
		row(out, "short-lived not opened (too many under way)", Long.toString(stats.churnSkipped));
		row(out, "close codes from the server", stats.closeCodes.isEmpty() ? "none"
				: stats.closeCodes.entrySet().stream().map(SoakReport::closeCode).collect(Collectors.joining(", ")));
		out.append('\n');
	}

	private static String closeCode(Map.Entry<Integer, Long> entry) {
		String code = (entry.getKey() < 0) ? "no close frame" : Integer.toString(entry.getKey());
		return String.format(Locale.ROOT, "%s × %,d", code, entry.getValue());
	}

	private static void server(StringBuilder out, SoakOptions options, SoakResult result) {
		out.append("## Server\n\n")
			.append("| checkpoint | time (s) | connections | heap after GC (MB) | RSS (MB) | CPU time (s) | threads | open fds |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (ServerSample sample : result.samples()) {
			out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %.1f | %d | %d |%n", sample.label(),
					seconds(sample.elapsedNanos()), sample.connections(), megabytes(sample.heapAfterGc()),
					megabytes(sample.rss()), sample.cpuNanos() / 1e9, sample.threads(), sample.openFiles()));
		}
		Optional<ServerSample> warmup = result.sample(ServerSample.WARMUP);
		Optional<ServerSample> end = result.sample(ServerSample.END);
		if (warmup.isPresent() && end.isPresent()) {
			out.append(String.format(Locale.ROOT,
					"%nHeap after GC: %s MB after the warm-up, %s MB at the end: end / warm-up = **%.3f** (limit %.2f).%n",
					megabytes(warmup.get().heapAfterGc()), megabytes(end.get().heapAfterGc()),
					heapRatio(warmup.get(), end.get()), 1 + options.heapTolerance));
		}
		out.append('\n');
	}

	private static void row(StringBuilder out, String metric, String value) {
		out.append("| ").append(metric).append(" | ").append(value).append(" |\n");
	}

	private static String seconds(long nanos) {
		return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.2f", bytes / 1e6);
	}

}
