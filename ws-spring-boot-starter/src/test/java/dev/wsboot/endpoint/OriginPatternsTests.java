package dev.wsboot.endpoint;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OriginPatternsTests {

	@ParameterizedTest
	@CsvSource({ "https://app.example.com, https://app.example.com, true",
			"https://app.example.com, HTTPS://App.Example.COM, true",
			"https://app.example.com, https://app.example.com:443, true",
			"https://app.example.com:443, https://app.example.com, true",
			"https://app.example.com/, https://app.example.com, true",
			"https://app.example.com, http://app.example.com, false",
			"https://app.example.com, https://app.example.com:8443, false",
			"https://app.example.com, https://example.com, false",
			"https://app.example.com, https://app.example.com.evil.com, false",
			"https://*.example.com, https://app.example.com, true",
			"https://*.example.com, https://a.b.example.com, true", "https://*.example.com, https://example.com, false",
			"https://*.example.com, https://app.example.com.evil.com, false",
			"https://*.example.com, https://evilexample.com, false",
			"https://*.example.com, http://app.example.com, false",
			"https://*.Example.com, https://APP.example.COM, true", "http://localhost:*, http://localhost:3000, true",
			"http://localhost:*, http://localhost, true", "http://localhost:*, https://localhost:3000, false",
			"http://localhost:*, http://127.0.0.1:3000, false", "http://[::1]:8080, http://[::1]:8080, true",
			"chrome-extension://abcdef, chrome-extension://abcdef, true", "'*', https://anything.example, true" })
	void matches(String pattern, String origin, boolean expected) {
		assertThat(OriginPatterns.parse(List.of(pattern)).matches(Origin.parse(origin))).isEqualTo(expected);
	}

	@Test
	void onlyStarAllowsAnOriginThatIsNotOne() {
		assertThat(Origin.parse("null")).isNull();
		assertThat(OriginPatterns.parse(List.of("https://*.example.com", "http://localhost:*")).matches(null))
			.isFalse();
		assertThat(OriginPatterns.parse(List.of("*")).matches(null)).isTrue();
	}

	@Test
	void skipsBlankEntries() {
		OriginPatterns patterns = OriginPatterns.parse(List.of(" ", "", " https://a.example "));
		assertThat(patterns.values()).containsExactly("https://a.example");
		assertThat(OriginPatterns.parse(List.of(" ")).isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "app.example.com", "https://app.example.com/path", "https://app*.example.com", "https://*",
			"https://*.", "https://example.*", "https://app.example.com:", "https://app.example.com:99999",
			"https://user@app.example.com", "https://app.example.com?x", "//app.example.com", "1http://a" })
	void refusesWhatIsNotAnOriginOrASupportedPattern(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> OriginPatterns.parse(List.of(value)))
			.withMessageContaining("Invalid allowed origin '" + value + "'");
	}

	@Test
	void refusesTheNullOriginBecauseEverySiteCanSendIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> OriginPatterns.parse(List.of("null")))
			.withMessageContaining("use '*' if that is meant");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "http://example.com|http|example.com|80", "HTTPS://EXAMPLE.com|https|example.com|443",
					"http://example.com:8080|http|example.com|8080", "http://[::1]:8080|http|[::1]|8080",
					"http://127.0.0.1|http|127.0.0.1|80", "chrome-extension://abc|chrome-extension|abc|-1" })
	void parsesOrigins(String value, String scheme, String host, int port) {
		assertThat(Origin.parse(value)).isEqualTo(new Origin(scheme, host, port));
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "", "file://", "http://", "http://example.com/", "http://example.com:",
			"http://example.com:80:80", "http://example.com:-1", "http://example.com:65536", "http://exa mple.com",
			"http://*.example.com", "http://user@example.com", "example.com", "http://[::1", "http://é.example" })
	void parsesWhatIsNotAnOriginAsNull(String value) {
		assertThat(Origin.parse(value)).isNull();
	}

}
