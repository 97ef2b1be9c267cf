package dev.wsboot.protocol.handshake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpSyntaxTests {

	@Test
	void tokenCharactersAreLettersDigitsAndTheRfc9110Specials() {
		StringBuilder tokenChars = new StringBuilder();
		for (int c = -1; c < 0x200; c++) {
			if (HttpSyntax.isTokenChar(c)) {
				tokenChars.append((char) c);
			}
		}
		assertThat(tokenChars)
			.hasToString("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~");
	}

	@Test
	void tokensAreNonEmptyRunsOfTokenCharacters() {
		assertThat(HttpSyntax.isToken("permessage-deflate")).isTrue();
		assertThat(HttpSyntax.isToken("v2.chat")).isTrue();
		assertThat(HttpSyntax.isToken("")).isFalse();
		assertThat(HttpSyntax.isToken("a b")).isFalse();
		assertThat(HttpSyntax.isToken("a=b")).isFalse();
	}

	@Test
	void fieldValueCharactersExcludeControlsButTab() {
		assertThat(HttpSyntax.isFieldValueChar('\t')).isTrue();
		assertThat(HttpSyntax.isFieldValueChar(' ')).isTrue();
		assertThat(HttpSyntax.isFieldValueChar('~')).isTrue();
		assertThat(HttpSyntax.isFieldValueChar(0xFF)).isTrue();
		assertThat(HttpSyntax.isFieldValueChar(0x7F)).isFalse();
		assertThat(HttpSyntax.isFieldValueChar('\r')).isFalse();
		assertThat(HttpSyntax.isFieldValueChar(0)).isFalse();
		assertThat(HttpSyntax.isFieldValueChar(0x100)).isFalse();
		assertThat(HttpSyntax.isFieldValueChar(-1)).isFalse();
	}

	@Test
	void versionsFromHttp11OnAreAccepted() {
		assertThat(HttpSyntax.isHttp11OrLater("HTTP/1.1")).isTrue();
		assertThat(HttpSyntax.isHttp11OrLater("HTTP/1.2")).isTrue();
		assertThat(HttpSyntax.isHttp11OrLater("HTTP/2.0")).isTrue();
		assertThat(HttpSyntax.isHttp11OrLater("HTTP/1.0")).isFalse();
		assertThat(HttpSyntax.isHttp11OrLater("HTTP/0.9")).isFalse();
		assertThat(HttpSyntax.isHttp11OrLater("HTTP/1.x")).isFalse();
		assertThat(HttpSyntax.isHttp11OrLater("HTTPS/1.1")).isFalse();
		assertThat(HttpSyntax.isHttp11OrLater("HTTP/11")).isFalse();
	}

}
