package dev.wsboot.protocol.extension;

import java.util.List;

import dev.wsboot.protocol.extension.ExtensionOffer.Parameter;
import dev.wsboot.protocol.handshake.HandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExtensionOfferTests {

	@Test
	void parsesOfferWithoutParameters() {
		assertThat(ExtensionOffer.parse("permessage-deflate"))
			.containsExactly(new ExtensionOffer("permessage-deflate", List.of()));
	}

	@Test
	void parsesValuelessAndValuedParametersInOrder() {
		assertThat(ExtensionOffer.parse("permessage-deflate; client_max_window_bits; server_max_window_bits=10"))
			.containsExactly(new ExtensionOffer("permessage-deflate", List
				.of(new Parameter("client_max_window_bits", null), new Parameter("server_max_window_bits", "10"))));
	}

	@Test
	void parsesMultipleOffersInOrder() {
		assertThat(ExtensionOffer.parse(
				"permessage-deflate; client_max_window_bits, permessage-deflate; server_no_context_takeover; client_max_window_bits=10"))
			.containsExactly(
					new ExtensionOffer("permessage-deflate", List.of(new Parameter("client_max_window_bits", null))),
					new ExtensionOffer("permessage-deflate", List.of(new Parameter("server_no_context_takeover", null),
							new Parameter("client_max_window_bits", "10"))));
	}

	@Test
	void unquotesQuotedValues() {
		assertThat(ExtensionOffer.parse("permessage-deflate; client_max_window_bits=\"10\"")).containsExactly(
				new ExtensionOffer("permessage-deflate", List.of(new Parameter("client_max_window_bits", "10"))));
	}

	@Test
	void unescapesQuotedPairsInQuotedValues() {
		assertThat(ExtensionOffer.parse("x-ext; p=\"1\\0\\-\"").get(0).parameters())
			.containsExactly(new Parameter("p", "10-"));
	}

	@Test
	void allowsWhitespaceAroundSeparatorsAndEmptyListElements() {
		assertThat(ExtensionOffer.parse(" , a ;\tp = 1 ; q ,, b\t,")).containsExactly(
				new ExtensionOffer("a", List.of(new Parameter("p", "1"), new Parameter("q", null))),
				new ExtensionOffer("b", List.of()));
	}

	@Test
	void parsesEmptyValueAsNoOffers() {
		assertThat(ExtensionOffer.parse("")).isEmpty();
		assertThat(ExtensionOffer.parse(" , ")).isEmpty();
	}

	@Test
	void keepsRepeatedParametersSoThatNegotiationCanDeclineThem() {
		assertThat(ExtensionOffer.parse("permessage-deflate; server_no_context_takeover; server_no_context_takeover")
			.get(0)
			.parameters()).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { ";", "a;", "a; ", "a;;b", "; p", "a b", "a; p q", "a; p=", "a; p= ;q", "a; =1", "a; p=1=2",
			"a; p=\"10", "a; p=\"1\\", "a; p=\"\"", "a; p=\"1 0\"", "a; p=\"1,0\"", "a; p=\"1\"x", "a=1", "a, b c",
			"a; p=(1)", "\"a\"", "pérmessage" })
	void rejectsMalformedHeaderWith400(String headerValue) {
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> ExtensionOffer.parse(headerValue))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void formatsAsHeaderValue() {
		ExtensionOffer offer = new ExtensionOffer("permessage-deflate", List
			.of(new Parameter("server_no_context_takeover", null), new Parameter("client_max_window_bits", "10")));
		assertThat(offer.toHeaderValue())
			.isEqualTo("permessage-deflate; server_no_context_takeover; client_max_window_bits=10");
		assertThat(new ExtensionOffer("x-webkit-deflate-frame", List.of()).toHeaderValue())
			.isEqualTo("x-webkit-deflate-frame");
	}

	@Test
	void formatsQuotedValuesUnquotedSoTheyParseBackTheSame() {
		ExtensionOffer offer = ExtensionOffer.parse("a; p=\"10\"; q").get(0);
		assertThat(offer.toHeaderValue()).isEqualTo("a; p=10; q");
		assertThat(ExtensionOffer.parse(offer.toHeaderValue())).containsExactly(offer);
	}

	@Test
	void refusesNamesAndValuesThatAreNotTokens() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ExtensionOffer("a b", List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new Parameter("p;", null));
		assertThatIllegalArgumentException().isThrownBy(() -> new Parameter("p", "1, 2"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Parameter("p", ""));
	}

}
