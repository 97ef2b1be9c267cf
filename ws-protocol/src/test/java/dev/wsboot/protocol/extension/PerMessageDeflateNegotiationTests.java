package dev.wsboot.protocol.extension;

import java.util.List;

import dev.wsboot.protocol.handshake.HandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PerMessageDeflateNegotiationTests {

	private static final PerMessageDeflateConfig KEEP_CONTEXT = new PerMessageDeflateConfig(true, false, false, 0, 6);

	private static final PerMessageDeflateConfig NO_CONTEXT = new PerMessageDeflateConfig(true, true, true, 0, 6);

	private static final PerMessageDeflateConfig DISABLED = new PerMessageDeflateConfig(false, true, false, 0, 6);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# Chromium
			permessage-deflate; client_max_window_bits | permessage-deflate; server_no_context_takeover
			# Firefox
			permessage-deflate                         | permessage-deflate; server_no_context_takeover
			""")
	void answersBrowsersWithTheDefaults(String offer, String response) {
		assertThat(negotiate(offer, PerMessageDeflateConfig.DEFAULTS)).isEqualTo(response);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					permessage-deflate                                 | permessage-deflate
					permessage-deflate; client_max_window_bits         | permessage-deflate
					permessage-deflate; client_max_window_bits=10      | permessage-deflate
					permessage-deflate; client_max_window_bits="8"     | permessage-deflate
					permessage-deflate; server_no_context_takeover     | permessage-deflate; server_no_context_takeover
					permessage-deflate; client_no_context_takeover     | permessage-deflate; client_no_context_takeover
					permessage-deflate; server_max_window_bits=15      | permessage-deflate; server_max_window_bits=15
					permessage-deflate; server_max_window_bits="10"    | permessage-deflate; server_no_context_takeover; server_max_window_bits=10
					permessage-deflate; server_max_window_bits=8       | permessage-deflate; server_no_context_takeover; server_max_window_bits=8
					permessage-deflate; client_max_window_bits=9; server_max_window_bits=12; client_no_context_takeover; server_no_context_takeover | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=12
					""")
	void honoursEachParameterWhenKeepingContext(String offer, String response) {
		assertThat(negotiate(offer, KEEP_CONTEXT)).isEqualTo(response);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					permessage-deflate                               | permessage-deflate; server_no_context_takeover; client_no_context_takeover
					permessage-deflate; server_max_window_bits=15    | permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15
					permessage-deflate; client_max_window_bits=12    | permessage-deflate; server_no_context_takeover; client_no_context_takeover
					""")
	void addsNoContextTakeoverTheConfigurationAsksFor(String offer, String response) {
		assertThat(negotiate(offer, NO_CONTEXT)).isEqualTo(response);
	}

	@Test
	void returnsTheTermsOfTheAcceptedOffer() {
		assertThat(PerMessageDeflateNegotiation.negotiate(
				ExtensionOffer.parse("permessage-deflate; server_max_window_bits=9; client_max_window_bits"),
				KEEP_CONTEXT))
			.isEqualTo(new PerMessageDeflateParameters(true, false, 9, 0));
	}

	@ParameterizedTest
	@ValueSource(strings = { "server_max_window_bits", "server_max_window_bits=7", "server_max_window_bits=16",
			"server_max_window_bits=08", "server_max_window_bits=+9", "server_max_window_bits=9.0",
			"server_max_window_bits=ten", "client_max_window_bits=7", "client_max_window_bits=16",
			"client_max_window_bits=010", "client_max_window_bits=-1", "server_no_context_takeover=1",
			"client_no_context_takeover=true", "server_no_context_takeover; server_no_context_takeover",
			"client_no_context_takeover; client_no_context_takeover",
			"client_max_window_bits; client_max_window_bits=10", "server_max_window_bits=10; server_max_window_bits=10",
			"mux", "Server_No_Context_Takeover", "client_max_window", "x-webkit-deflate-frame" })
	void declinesAnInvalidOfferAndTakesTheNextOne(String parameters) {
		String invalid = "permessage-deflate; " + parameters;
		assertThat(negotiate(invalid, KEEP_CONTEXT)).isNull();
		assertThat(negotiate(invalid + ", permessage-deflate; client_no_context_takeover", KEEP_CONTEXT))
			.isEqualTo("permessage-deflate; client_no_context_takeover");
	}

	@Test
	void acceptsTheFirstAcceptablePermessageDeflateOffer() {
		String offers = "x-webkit-deflate-frame, permessage-deflate; server_max_window_bits=16, "
				+ "permessage-deflate; server_max_window_bits=10, permessage-deflate";
		assertThat(negotiate(offers, KEEP_CONTEXT))
			.isEqualTo("permessage-deflate; server_no_context_takeover; server_max_window_bits=10");
	}

	@Test
	void declinesOtherExtensionsAndNoOffers() {
		assertThat(negotiate("x-webkit-deflate-frame, deflate-frame", KEEP_CONTEXT)).isNull();
		assertThat(negotiate("", KEEP_CONTEXT)).isNull();
	}

	@Test
	void declinesEverythingWhenDisabled() {
		assertThat(negotiate("permessage-deflate", DISABLED)).isNull();
		assertThat(PerMessageDeflateNegotiation.offer(DISABLED)).isNull();
	}

	@Test
	void offersWhatChromiumOffersWhenKeepingContext() {
		assertThat(PerMessageDeflateNegotiation.offer(KEEP_CONTEXT).toHeaderValue())
			.isEqualTo("permessage-deflate; client_max_window_bits");
	}

	@Test
	void offersNoContextTakeoverTheConfigurationAsksFor() {
		assertThat(PerMessageDeflateNegotiation.offer(NO_CONTEXT).toHeaderValue()).isEqualTo(
				"permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			permessage-deflate                                             | false | false | 0  | 0
			permessage-deflate; server_no_context_takeover                 | true  | false | 0  | 0
			permessage-deflate; client_no_context_takeover                 | false | true  | 0  | 0
			permessage-deflate; server_max_window_bits=10                  | false | false | 10 | 0
			permessage-deflate; client_max_window_bits=8                   | false | false | 0  | 8
			permessage-deflate; client_max_window_bits="15"                | false | false | 0  | 15
			""")
	void clientAcceptsValidResponses(String response, boolean serverNoContextTakeover, boolean clientNoContextTakeover,
			int serverMaxWindowBits, int clientMaxWindowBits) {
		assertThat(PerMessageDeflateNegotiation.accept(ExtensionOffer.parse(response), KEEP_CONTEXT))
			.isEqualTo(new PerMessageDeflateParameters(serverNoContextTakeover, clientNoContextTakeover,
					serverMaxWindowBits, clientMaxWindowBits));
	}

	@Test
	void clientKeepsTheNoContextTakeoverItAnnounced() {
		assertThat(PerMessageDeflateNegotiation
			.accept(ExtensionOffer.parse("permessage-deflate; server_no_context_takeover"), NO_CONTEXT))
			.isEqualTo(new PerMessageDeflateParameters(true, true, 0, 0));
	}

	@Test
	void clientAcceptsAResponseWithoutExtensions() {
		assertThat(PerMessageDeflateNegotiation.accept(List.of(), KEEP_CONTEXT)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "permessage-deflate; client_max_window_bits", "permessage-deflate; server_max_window_bits",
			"permessage-deflate; server_max_window_bits=7", "permessage-deflate; client_max_window_bits=16",
			"permessage-deflate; server_no_context_takeover=1",
			"permessage-deflate; client_no_context_takeover; client_no_context_takeover", "permessage-deflate; unknown",
			"x-webkit-deflate-frame", "permessage-deflate, permessage-deflate",
			"permessage-deflate, x-webkit-deflate-frame" })
	void clientFailsInvalidResponsesWith101(String response) {
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> PerMessageDeflateNegotiation.accept(ExtensionOffer.parse(response), KEEP_CONTEXT))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(101))
			.withMessageStartingWith("Invalid 101 response: ");
	}

	@Test
	void clientFailsAResponseThatLeavesOutTheServerNoContextTakeoverItAskedFor() {
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(
					() -> PerMessageDeflateNegotiation.accept(ExtensionOffer.parse("permessage-deflate"), NO_CONTEXT))
			.withMessage("Invalid 101 response: server did not accept server_no_context_takeover");
	}

	@Test
	void clientFailsAnyAcceptanceWhenItOfferedNothing() {
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(
				() -> PerMessageDeflateNegotiation.accept(ExtensionOffer.parse("permessage-deflate"), DISABLED));
	}

	@ParameterizedTest
	@CsvSource({ "true, true", "true, false", "false, true", "false, false" })
	void clientAcceptsWhatTheServerAnswersToItsOffer(boolean serverNoContextTakeover, boolean clientNoContextTakeover) {
		PerMessageDeflateConfig config = new PerMessageDeflateConfig(true, serverNoContextTakeover,
				clientNoContextTakeover, 0, 6);
		PerMessageDeflateParameters server = PerMessageDeflateNegotiation
			.negotiate(List.of(PerMessageDeflateNegotiation.offer(config)), config);
		assertThat(PerMessageDeflateNegotiation.accept(ExtensionOffer.parse(server.toHeaderValue()), config))
			.isEqualTo(server);
	}

	@Test
	void termsRefuseWindowsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PerMessageDeflateParameters(false, false, 7, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new PerMessageDeflateParameters(false, false, 0, 16));
		assertThatIllegalArgumentException().isThrownBy(() -> new PerMessageDeflateParameters(false, false, -1, 0));
	}

	@Test
	void configurationRefusesNegativeSizesAndLevelsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PerMessageDeflateConfig(true, true, true, -1, 6));
		assertThatIllegalArgumentException().isThrownBy(() -> new PerMessageDeflateConfig(true, true, true, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new PerMessageDeflateConfig(true, true, true, 0, 10));
	}

	private static String negotiate(String offers, PerMessageDeflateConfig config) {
		PerMessageDeflateParameters terms = PerMessageDeflateNegotiation.negotiate(ExtensionOffer.parse(offers),
				config);
		return (terms != null) ? terms.toHeaderValue() : null;
	}

}
