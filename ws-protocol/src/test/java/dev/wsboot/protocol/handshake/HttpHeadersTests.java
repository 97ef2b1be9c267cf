package dev.wsboot.protocol.handshake;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpHeadersTests {

	private final HttpHeaders headers = HttpHeaders.builder()
		.add("Connection", "keep-alive")
		.add("Sec-WebSocket-Protocol", "chat, , v2.chat ,")
		.add("connection", "Upgrade")
		.add("SEC-WEBSOCKET-PROTOCOL", ",\tsuperchat,,")
		.add("Upgrade", "websocket")
		.build();

	@Test
	void findsFirstValueIgnoringNameCase() {
		assertThat(this.headers.first("CONNECTION")).isEqualTo("keep-alive");
		assertThat(this.headers.first("upgrade")).isEqualTo("websocket");
		assertThat(this.headers.first("Host")).isNull();
	}

	@Test
	void findsAllValuesInOrderIgnoringNameCase() {
		assertThat(this.headers.all("Connection")).containsExactly("keep-alive", "Upgrade");
		assertThat(this.headers.all("Host")).isEmpty();
	}

	@Test
	void findsTheOnlyValueOnlyWhenTheNameOccursOnce() {
		assertThat(this.headers.only("UPGRADE")).isEqualTo("websocket");
		assertThat(this.headers.only("Connection")).isNull();
		assertThat(this.headers.only("Host")).isNull();
	}

	@Test
	void tellsWhetherANameOccurs() {
		assertThat(this.headers.contains("sec-websocket-protocol")).isTrue();
		assertThat(this.headers.contains("Sec-WebSocket-Key")).isFalse();
	}

	@Test
	void splitsTokenListsAcrossRepeatedFieldsTrimmingAndSkippingEmptyElements() {
		assertThat(this.headers.tokens("Sec-WebSocket-Protocol")).containsExactly("chat", "v2.chat", "superchat");
		assertThat(this.headers.tokens("Host")).isEmpty();
	}

	@Test
	void findsTokensInListsIgnoringCase() {
		assertThat(this.headers.containsToken("Connection", "upgrade")).isTrue();
		assertThat(this.headers.containsToken("Connection", "KEEP-ALIVE")).isTrue();
		assertThat(this.headers.containsToken("Sec-WebSocket-Protocol", "v2.chat")).isTrue();
		assertThat(this.headers.containsToken("Sec-WebSocket-Protocol", "")).isFalse();
		assertThat(this.headers.containsToken("Host", "upgrade")).isFalse();
	}

	@Test
	void matchesWholeTokensOnly() {
		HttpHeaders headers = HttpHeaders.builder().add("Connection", "upgrade-insecure, xupgrade, upgrad").build();
		assertThat(headers.containsToken("Connection", "upgrade")).isFalse();
	}

	@Test
	void listsDistinctNamesAsFirstSpelledInOrder() {
		assertThat(this.headers.names()).containsExactly("Connection", "Sec-WebSocket-Protocol", "Upgrade");
	}

	@Test
	void visitsEveryFieldInOrder() {
		List<String> fields = new ArrayList<>();
		this.headers.forEach((name, value) -> fields.add(name + "=" + value));
		assertThat(fields).containsExactly("Connection=keep-alive", "Sec-WebSocket-Protocol=chat, , v2.chat ,",
				"connection=Upgrade", "SEC-WEBSOCKET-PROTOCOL=,\tsuperchat,,", "Upgrade=websocket");
		assertThat(this.headers.size()).isEqualTo(5);
	}

	@Test
	void growsPastItsInitialCapacity() {
		HttpHeaders.Builder builder = HttpHeaders.builder();
		for (int i = 0; i < 40; i++) {
			builder.add("X-" + i, Integer.toString(i));
		}
		HttpHeaders headers = builder.build();
		assertThat(headers.size()).isEqualTo(40);
		assertThat(headers.first("x-39")).isEqualTo("39");
	}

	@Test
	void isEmptyWhenNothingWasAdded() {
		assertThat(HttpHeaders.empty().isEmpty()).isTrue();
		assertThat(HttpHeaders.builder().build()).isEqualTo(HttpHeaders.empty());
		assertThat(this.headers.isEmpty()).isFalse();
	}

	@Test
	void equalsHeadersWithTheSameFieldsInTheSameOrderIgnoringNameCase() {
		HttpHeaders lower = HttpHeaders.builder().add("host", "a").add("x", "b").build();
		HttpHeaders upper = HttpHeaders.builder().add("HOST", "a").add("X", "b").build();
		assertThat(lower).isEqualTo(upper).hasSameHashCodeAs(upper);
		assertThat(lower).isNotEqualTo(HttpHeaders.builder().add("x", "b").add("host", "a").build());
		assertThat(lower).isNotEqualTo(HttpHeaders.builder().add("host", "A").add("x", "b").build());
	}

	@Test
	void showsFieldsInToString() {
		assertThat(HttpHeaders.builder().add("Host", "a").add("X", "b").build()).hasToString("[Host: a, X: b]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bad Name", "Bad:Name", "Bad\r\nName", "Bäd" })
	void refusesNamesThatAreNotTokens(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> HttpHeaders.builder().add(name, "value"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b", "a\u007fb", " padded", "padded\t",
			"wide\u0100" })
	void refusesValuesThatCouldNotBeSentAsTheyAre(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> HttpHeaders.builder().add("X", value));
	}

	@Test
	void acceptsEmptyAndLatin1Values() {
		HttpHeaders headers = HttpHeaders.builder().add("X-Empty", "").add("X-Name", "René").build();
		assertThat(headers.first("X-Empty")).isEmpty();
		assertThat(headers.first("X-Name")).isEqualTo("René");
	}

}
