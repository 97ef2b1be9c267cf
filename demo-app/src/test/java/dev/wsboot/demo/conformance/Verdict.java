package dev.wsboot.demo.conformance;

import java.time.Duration;
import java.util.List;

/**
 * How the server did on one case, judged as Autobahn|Testsuite judges, in strict mode.
 *
 * @param outcome the result
 * @param detail why, in a sentence
 * @param duration from opening the connection to the end of the case
 * @param transcript what was sent and received, with times in milliseconds
 */
record Verdict(Outcome outcome, String detail, Duration duration, List<String> transcript) {

	/**
	 * Returns whether the case passed: OK, or informational (a case whose behaviour the
	 * specification leaves open, checked only for a sane close).
	 * @return whether the case passed
	 */
	boolean passed() {
		return this.outcome == Outcome.OK || this.outcome == Outcome.INFORMATIONAL;
	}

	/**
	 * Returns a description fit for an assertion message: outcome, detail and transcript.
	 * @return the description
	 */
	String describe() {
		StringBuilder text = new StringBuilder().append(this.outcome)
			.append(": ")
			.append(this.detail)
			.append(" (")
			.append(this.duration.toMillis())
			.append(" ms)");
		for (String line : this.transcript) {
			text.append(System.lineSeparator()).append("    ").append(line);
		}
		return text.toString();
	}

	/**
	 * The outcomes of Autobahn|Testsuite that matter here.
	 */
	enum Outcome {

		/** Behaved exactly as expected. */
		OK,

		/**
		 * Acceptable to a lenient reader of RFC 6455 but not in strict mode: for example
		 * an invalid UTF-8 message failed only once complete instead of fail-fast, or a
		 * failure without the echo of the message before it. Counts as failed here.
		 */
		NON_STRICT,

		/** Behaved wrongly. */
		FAILED,

		/** The specification leaves the behaviour open; the close was sane. */
		INFORMATIONAL

	}

}
