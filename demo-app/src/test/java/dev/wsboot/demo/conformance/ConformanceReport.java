package dev.wsboot.demo.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.wsboot.demo.conformance.Verdict.Outcome;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Collects the verdicts of a conformance run and, when the whole test run ends, prints a
 * table per group (cases, OK, failed) with the group 9 timings to the build output and
 * writes it to {@code target/conformance-report.md}. Register it on the test class;
 * record each verdict with {@link #record}.
 */
final class ConformanceReport implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ConformanceReport.class);

	private static final Map<String, String> GROUPS = new LinkedHashMap<>();

	static {
		GROUPS.put("1", "Framing");
		GROUPS.put("2", "Pings/Pongs");
		GROUPS.put("3", "Reserved Bits");
		GROUPS.put("4", "Opcodes");
		GROUPS.put("5", "Fragmentation");
		GROUPS.put("6", "UTF-8 Handling");
		GROUPS.put("7", "Close Handling");
		GROUPS.put("9", "Limits/Performance");
		GROUPS.put("10", "Auto-Fragmentation");
		GROUPS.put("12", "Compression (different payloads)");
		GROUPS.put("13", "Compression (different parameters)");
		GROUPS.put("x", "wsboot extras (not in Autobahn)");
	}

	private static final Map<String, Result> results = new ConcurrentSkipListMap<>(ConformanceReport::compareIds);

	private static volatile String serverUnderTest = "unknown";

	/**
	 * Records one case's verdict.
	 * @param conformanceCase the case
	 * @param verdict its verdict
	 */
	static void record(ConformanceCase conformanceCase, Verdict verdict) {
		results.put(conformanceCase.id(), new Result(conformanceCase, verdict));
	}

	/**
	 * Names the server the run is against, for the report's heading.
	 * @param description for example "demo app /echo on port 41234"
	 */
	static void serverUnderTest(String description) {
		serverUnderTest = description;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// The root store closes its AutoCloseable values when the whole run ends: the
		// report is written once, after every test class.
		context.getRoot().getStore(NAMESPACE).computeIfAbsent(Writer.class, (key) -> new Writer(), Writer.class);
	}

	/**
	 * Renders the report in Markdown.
	 * @param withEveryCase whether to end with the list of every case (for the file; the
	 * build output gets the summary)
	 * @return the report
	 */
	static String render(boolean withEveryCase) {
		List<Result> all = new ArrayList<>(results.values());
		StringBuilder md = new StringBuilder();
		md.append("# wsboot conformance report\n\n");
		md.append(
				"Autobahn|Testsuite fuzzingclient cases of groups 1-7, 9, 10, 12 and 13 (see CompressionCases for the ")
			.append("message counts of 12 and 13), judged strictly (no NON-STRICT, ")
			.append("fail-fast UTF-8, a close frame for every violation, TCP closed by the server), ")
			.append("plus wsboot's own cases (group x). Server under test: ")
			.append(serverUnderTest)
			.append(".\n\n");
		md.append("| group | | cases | OK | informational | failed | time |\n");
		md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
		int[] totals = new int[4];
		Duration totalTime = Duration.ZERO;
		for (Map.Entry<String, String> group : GROUPS.entrySet()) {
			List<Result> inGroup = all.stream()
				.filter((r) -> r.conformanceCase().group().equals(group.getKey()))
				.toList();
			if (inGroup.isEmpty()) {
				continue;
			}
			int ok = count(inGroup, Outcome.OK);
			int informational = count(inGroup, Outcome.INFORMATIONAL);
			int failed = inGroup.size() - ok - informational;
			Duration time = inGroup.stream().map((r) -> r.verdict().duration()).reduce(Duration.ZERO, Duration::plus);
			md.append(String.format("| %s | %s | %d | %d | %d | %d | %.1f s |%n", group.getKey(), group.getValue(),
					inGroup.size(), ok, informational, failed, time.toMillis() / 1000.0));
			totals[0] += inGroup.size();
			totals[1] += ok;
			totals[2] += informational;
			totals[3] += failed;
			totalTime = totalTime.plus(time);
		}
		md.append(String.format("| **all** | | **%d** | **%d** | **%d** | **%d** | %.1f s |%n%n", totals[0], totals[1],
				totals[2], totals[3], totalTime.toMillis() / 1000.0));
		List<Result> failures = all.stream().filter((r) -> !r.verdict().passed()).toList();
		md.append("## Failed cases\n\n");
		if (failures.isEmpty()) {
			md.append("None.\n\n");
		}
		else {
			md.append("| case | outcome | what | why |\n| --- | --- | --- | --- |\n");
			for (Result failure : failures) {
				md.append(String.format("| %s | %s | %s | %s |%n", failure.conformanceCase().id(),
						failure.verdict().outcome(), escape(failure.conformanceCase().description()),
						escape(failure.verdict().detail())));
			}
			md.append('\n');
		}
		List<Result> informational = all.stream()
			.filter((r) -> r.verdict().outcome() == Outcome.INFORMATIONAL)
			.toList();
		if (!informational.isEmpty()) {
			md.append("## Informational cases\n\n| case | what |\n| --- | --- |\n");
			for (Result result : informational) {
				md.append(String.format("| %s | %s |%n", result.conformanceCase().id(),
						escape(result.conformanceCase().description())));
			}
			md.append('\n');
		}
		List<Result> timed = all.stream().filter((r) -> r.conformanceCase().group().equals("9")).toList();
		if (!timed.isEmpty()) {
			md.append("## Group 9 timings\n\n")
				.append("From opening the connection to the server closing TCP.\n\n")
				.append("| case | what | outcome | time |\n| --- | --- | --- | ---: |\n");
			for (Result result : timed) {
				md.append(String.format("| %s | %s | %s | %d ms |%n", result.conformanceCase().id(),
						escape(result.conformanceCase().description()), result.verdict().outcome(),
						result.verdict().duration().toMillis()));
			}
			md.append('\n');
		}
		if (!withEveryCase) {
			return md.toString();
		}
		md.append("## All cases\n\n<details><summary>")
			.append(all.size())
			.append(" cases</summary>\n\n| case | what | outcome | time |\n| --- | --- | --- | ---: |\n");
		for (Result result : all) {
			md.append(String.format("| %s | %s | %s | %d ms |%n", result.conformanceCase().id(),
					escape(result.conformanceCase().description()), result.verdict().outcome(),
					result.verdict().duration().toMillis()));
		}
		md.append("\n</details>\n");
		return md.toString();
	}

	private static int count(List<Result> results, Outcome outcome) {
		return (int) results.stream().filter((r) -> r.verdict().outcome() == outcome).count();
	}

	private static String escape(String text) {
		return text.replace("|", "\\|").replace("\n", " ");
	}

	/**
	 * Orders ids by their numeric parts ({@code 6.9.1} before {@code 6.10.1}), {@code x}
	 * last.
	 */
	static int compareIds(String a, String b) {
		String[] left = a.split("\\.");
		String[] right = b.split("\\.");
		for (int i = 0; i < Math.min(left.length, right.length); i++) {
			int order = Comparator.<String>comparingInt((s) -> isNumber(s) ? 0 : 1)
				.thenComparingInt((s) -> isNumber(s) ? Integer.parseInt(s) : 0)
				.thenComparing(Comparator.naturalOrder())
				.compare(left[i], right[i]);
			if (order != 0) {
				return order;
			}
		}
		return Integer.compare(left.length, right.length);
	}

	private static boolean isNumber(String text) {
		return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
	}

	private record Result(ConformanceCase conformanceCase, Verdict verdict) {
	}

	/**
	 * Writes the report when the run ends.
	 */
	static final class Writer implements AutoCloseable {

		@Override
		public void close() {
			if (results.isEmpty()) {
				return;
			}
			System.out.println();
			System.out.println(render(false));
			String report = render(true);
			Path file = Path.of(System.getProperty("basedir", "."), "target", "conformance-report.md");
			try {
				Files.createDirectories(file.getParent());
				Files.writeString(file, report, StandardCharsets.UTF_8);
				System.out.println("Conformance report written to " + file.toAbsolutePath().normalize());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
