package dev.wsboot.demo.conformance;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import dev.wsboot.demo.conformance.FlawedEchoServer.Flaw;
import dev.wsboot.demo.conformance.Verdict.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the conformance checker itself: played against {@link FlawedEchoServer}s that
 * break one rule each, the cases that exercise the rule must fail, and cases the server
 * gets right must pass, so a green conformance run means something.
 */
class ConformanceCheckerTests {

	@Test
	void passesCasesThatANaiveEchoServerGetsRight() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.NO_VALIDATION)) {
			assertThat(play("1.1.1", server)).isEqualTo(Outcome.OK);
			assertThat(play("1.2.8", server)).isEqualTo(Outcome.OK);
			assertThat(play("2.10", server)).isEqualTo(Outcome.OK);
			assertThat(play("5.19", server)).isEqualTo(Outcome.OK);
			assertThat(play("7.7.1", server)).isEqualTo(Outcome.OK);
		}
	}

	@Test
	void failsEchoedReservedBits() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.NO_VALIDATION)) {
			assertThat(play("3.1", server)).isEqualTo(Outcome.FAILED);
			assertThat(play("3.4", server)).isEqualTo(Outcome.FAILED);
		}
	}

	@Test
	void failsEchoedReservedOpcodesAndFragmentedControlFrames() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.NO_VALIDATION)) {
			assertThat(play("4.1.1", server)).isEqualTo(Outcome.FAILED);
			assertThat(play("5.1", server)).isEqualTo(Outcome.FAILED);
			assertThat(play("2.5", server)).isEqualTo(Outcome.FAILED);
		}
	}

	@Test
	void failsEchoedInvalidCloseCodes() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.NO_VALIDATION)) {
			assertThat(play("7.9.1", server)).isEqualTo(Outcome.FAILED);
			assertThat(play("7.3.2", server)).isEqualTo(Outcome.FAILED);
		}
	}

	@Test
	void failsEchoedInvalidUtf8() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.NO_VALIDATION)) {
			assertThat(play("6.3.1", server)).isEqualTo(Outcome.FAILED);
			assertThat(play("6.4.1", server)).isEqualTo(Outcome.FAILED);
		}
	}

	@Test
	void judgesUtf8ValidatedOnlyAtTheEndOfAMessageNonStrict() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.UTF8_AT_MESSAGE_END)) {
			assertThat(play("6.3.1", server)).isEqualTo(Outcome.OK);
			assertThat(play("6.4.1", server)).isEqualTo(Outcome.NON_STRICT);
			assertThat(play("6.4.4", server)).isEqualTo(Outcome.NON_STRICT);
		}
	}

	@Test
	void failsAServerThatLeavesClosingTcpToTheClient() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.KEEPS_TCP_OPEN)) {
			Verdict verdict = find("7.3.3").run(server.port(), "/echo");
			assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(verdict.detail()).contains("did not close the TCP connection");
		}
	}

	@Test
	void passesAServerThatEchoesCompressedFramesAsTheyCame() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.DEFLATE_ECHO)) {
			assertThat(play("12.1.4", server)).isEqualTo(Outcome.OK);
			assertThat(play("12.2.11", server)).isEqualTo(Outcome.OK);
			assertThat(play("13.2.3", server)).isEqualTo(Outcome.OK);
		}
	}

	@Test
	void failsAServerThatDeclinesPermessageDeflate() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.NO_VALIDATION)) {
			Verdict verdict = find("12.1.1").run(server.port(), "/echo");
			assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(verdict.detail()).contains("declined");
		}
	}

	@Test
	void failsAnswersThatRfc7692DoesNotAllow() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.DEFLATE_DROPS_SERVER_NO_CONTEXT_TAKEOVER)) {
			assertThat(play("13.1.3", server)).isEqualTo(Outcome.OK);
			assertThat(play("13.2.3", server)).isEqualTo(Outcome.FAILED);
		}
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.DEFLATE_CLIENT_WINDOW_UNASKED)) {
			assertThat(play("12.1.3", server)).isEqualTo(Outcome.OK);
			assertThat(play("x.13.15", server)).isEqualTo(Outcome.FAILED);
		}
	}

	@Test
	void failsAServerThatKeepsItsWindowAfterPromisingNotTo() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.DEFLATE_CONTEXT_TAKEOVER_LIE)) {
			Verdict verdict = find("12.1.4").run(server.port(), "/echo");
			assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(verdict.detail()).contains("does not inflate");
		}
	}

	@Test
	void failsRsv1OnContinuations() throws IOException {
		try (FlawedEchoServer server = new FlawedEchoServer(Flaw.DEFLATE_RSV1_ON_CONTINUATIONS)) {
			assertThat(play("12.1.4", server)).isEqualTo(Outcome.OK);
			assertThat(play("12.1.11", server)).isEqualTo(Outcome.FAILED);
		}
	}

	private static Outcome play(String id, FlawedEchoServer server) {
		Verdict verdict = find(id).run(server.port(), "/echo");
		System.out.println("flawed server (" + id + "): " + verdict.describe());
		return verdict.outcome();
	}

	private static ConformanceCase find(String id) {
		return Stream
			.of(AutobahnCases.all(), CompressionCases.group12(), CompressionCases.group13(), CompressionCases.extras())
			.flatMap(List::stream)
			.filter((c) -> c.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No case " + id));
	}

}
