package dev.wsboot.demo.conformance;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.wsboot.demo.conformance.Verdict.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases where a valid message comes right before a protocol violation (3.2 to 3.4,
 * 4.1.3 to 4.2.5, 5.15), played many times against a plain
 * {@link dev.wsboot.server.WsServer} in each dispatch mode. Strictly, the echo of the
 * valid message must come before the server's close; whether it does can depend on a race
 * between the handler's reply and the close, which one run of the suite may not show.
 */
class DispatchModeConformanceTests {

	private static final Set<String> ECHO_THEN_VIOLATION = Set.of("3.2", "3.3", "3.4", "4.1.3", "4.1.4", "4.1.5",
			"4.2.3", "4.2.4", "4.2.5", "5.15");

	private static final int ROUNDS = 20;

	static Stream<ConformanceCase> echoThenViolation() {
		return AutobahnCases.all().stream().filter((c) -> ECHO_THEN_VIOLATION.contains(c.id()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("echoThenViolation")
	void echoesBeforeFailingWithHandlersOnTheEventLoop(ConformanceCase conformanceCase) throws IOException {
		try (EchoServerUnderTest server = EchoServerUnderTest.onEventLoop()) {
			assertThat(playRepeatedly(conformanceCase, server)).containsOnly(Outcome.OK);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("echoThenViolation")
	void echoesBeforeFailingWithHandlersOnWorkers(ConformanceCase conformanceCase) throws IOException {
		try (EchoServerUnderTest server = EchoServerUnderTest.onWorkerPool()) {
			assertThat(playRepeatedly(conformanceCase, server)).containsOnly(Outcome.OK);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("echoThenViolation")
	void echoesBeforeFailingWithAdaptiveDispatch(ConformanceCase conformanceCase) throws IOException {
		try (EchoServerUnderTest server = EchoServerUnderTest.adaptive()) {
			assertThat(playRepeatedly(conformanceCase, server)).containsOnly(Outcome.OK);
		}
	}

	private static List<Outcome> playRepeatedly(ConformanceCase conformanceCase, EchoServerUnderTest server) {
		return Stream.generate(() -> conformanceCase.run(server.port(), "/echo")).limit(ROUNDS).peek((verdict) -> {
			if (!verdict.passed()) {
				System.out.println(conformanceCase.id() + " against " + server.description() + ": " + verdict.outcome()
						+ ": " + verdict.detail());
			}
		}).map(Verdict::outcome).toList();
	}

}
