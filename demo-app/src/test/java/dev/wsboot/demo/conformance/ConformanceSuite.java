package dev.wsboot.demo.conformance;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.fail;

/**
 * The conformance cases as parameterized tests, one test per case named after its
 * Autobahn|Testsuite id (for example {@code 6.4.1}), so a reader can match each to a line
 * of a published Autobahn report. A subclass says where the echo endpoint is.
 */
@ExtendWith(ConformanceReport.class)
abstract class ConformanceSuite {

	/**
	 * Returns the port of the server under test, on 127.0.0.1.
	 * @return the port
	 */
	protected abstract int port();

	/**
	 * Returns the path of the echo endpoint.
	 * @return the path
	 */
	protected String path() {
		return "/echo";
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group1")
	void framing(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group2")
	void pingsAndPongs(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group3")
	void reservedBits(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group4")
	void opcodes(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group5")
	void fragmentation(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group6")
	void utf8Handling(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group7")
	void closeHandling(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group9")
	void limitsAndPerformance(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.AutobahnCases#group10")
	void autoFragmentation(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.CompressionCases#group12")
	void compressionPayloads(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.CompressionCases#group13")
	void compressionParameters(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.CompressionCases#extras")
	void compressionExtras(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.wsboot.demo.conformance.WsbootExtraCases#all")
	void wsbootExtras(ConformanceCase conformanceCase) {
		check(conformanceCase);
	}

	private void check(ConformanceCase conformanceCase) {
		Verdict verdict = conformanceCase.run(port(), path());
		ConformanceReport.record(conformanceCase, verdict);
		if (!verdict.passed()) {
			fail(conformanceCase.id() + " " + verdict.describe());
		}
	}

}
