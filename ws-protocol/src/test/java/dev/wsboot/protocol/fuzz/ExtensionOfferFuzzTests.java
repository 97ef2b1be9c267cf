package dev.wsboot.protocol.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import dev.wsboot.protocol.extension.ExtensionOffer;
import dev.wsboot.protocol.handshake.HandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link ExtensionOffer#parse} against a reference grammar, a regular expression
 * of RFC 6455 section 9.1 with the list rule of RFC 9110 section 5.6.1 (empty elements
 * allowed, optional whitespace around separators), and a quoted value that must be a
 * token once unescaped. The input bytes are read as ISO-8859-1, as header values are, and
 * again as UTF-8, for characters beyond Latin-1. The parser must accept exactly what the
 * grammar accepts, find one offer per non-empty element, and fail with 400 otherwise;
 * what it returns must format and parse back to itself.
 */
class ExtensionOfferFuzzTests {

	private static final String OWS = "[ \\t]*+";

	private static final String TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]++";

	private static final String TOKEN_CHAR = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]";

	private static final String VALUE = "(?:" + TOKEN + "|\"(?:\\\\?" + TOKEN_CHAR + ")++\")";

	private static final String PARAMETER = TOKEN + OWS + "(?:=" + OWS + VALUE + OWS + ")?+";

	private static final String EXTENSION = TOKEN + OWS + "(?:;" + OWS + PARAMETER + ")*+";

	private static final Pattern LIST = Pattern
		.compile(OWS + "(?:" + EXTENSION + ")?+" + "(?:," + OWS + "(?:" + EXTENSION + ")?+)*+");

	private static final Pattern ELEMENT = Pattern.compile(EXTENSION);

	@Timeout(10)
	@FuzzTest
	void fuzzExtensionOffer(byte[] input) {
		check(new String(input, StandardCharsets.ISO_8859_1));
		check(new String(input, StandardCharsets.UTF_8));
	}

	private static void check(String value) {
		boolean grammatical = LIST.matcher(value).matches();
		List<ExtensionOffer> offers;
		try {
			offers = ExtensionOffer.parse(value);
		}
		catch (HandshakeException ex) {
			assertThat(ex.status()).isEqualTo(400);
			assertThat(grammatical).as("refused, but the grammar accepts '%s'", value).isFalse();
			return;
		}
		assertThat(grammatical).as("accepted, but the grammar refuses '%s'", value).isTrue();
		assertThat(offers).as("offers in '%s'", value).hasSize(countElements(value));
		String formatted = offers.stream().map(ExtensionOffer::toHeaderValue).collect(Collectors.joining(", "));
		assertThat(ExtensionOffer.parse(formatted)).as("formatted as '%s' and parsed again", formatted)
			.isEqualTo(offers);
	}

	private static int countElements(String value) {
		int count = 0;
		Matcher element = ELEMENT.matcher(value);
		int from = 0;
		while (element.find(from)) {
			count++;
			from = element.end();
		}
		return count;
	}

}
