package dev.wsboot.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.wsboot.protocol.handshake.HandshakeRequest;
import dev.wsboot.protocol.handshake.HandshakeResponses;
import dev.wsboot.protocol.handshake.HttpHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.entry;

class WsHandshakeContextTests {

	@Test
	void parsesCookiesOfEveryCookieHeaderKeepingTheFirstOfARepeatedName() {
		WsHandshakeContext handshake = context("/", "Cookie", "a=1; b=\"two\";c=3 ; flag; =x; a=ignored", "Cookie",
				"d=4=four; e=");
		assertThat(handshake.cookies()).containsExactly(entry("a", "1"), entry("b", "two"), entry("c", "3"),
				entry("d", "4=four"), entry("e", ""));
		assertThat(handshake.cookie("a")).isEqualTo("1");
		assertThat(handshake.cookie("A")).isNull();
		assertThat(context("/").cookies()).isEmpty();
	}

	@Test
	void parsesQueryAsAForm() {
		WsHandshakeContext handshake = context("/chat?token=a+b%2Bc&empty=&flag&x=1&x=2&bad=%zz&%E2%9C%93=ok&&");
		assertThat(handshake.query()).isEqualTo("token=a+b%2Bc&empty=&flag&x=1&x=2&bad=%zz&%E2%9C%93=ok&&");
		assertThat(handshake.queryParam("token")).isEqualTo("a b+c");
		assertThat(handshake.queryParam("empty")).isEmpty();
		assertThat(handshake.queryParam("flag")).isEmpty();
		assertThat(handshake.queryParams().get("x")).containsExactly("1", "2");
		assertThat(handshake.queryParam("bad")).isEqualTo("%zz");
		assertThat(handshake.queryParam("✓")).isEqualTo("ok");
		assertThat(handshake.queryParam("missing")).isNull();
		assertThat(context("/chat").queryParams()).isEmpty();
		assertThat(context("/chat").query()).isNull();
	}

	@Test
	void exposesRequestAndRoute() {
		InetSocketAddress remote = InetSocketAddress.createUnresolved("client", 4000);
		WsHandshakeContext handshake = new WsHandshakeContext(request("/rooms/a", "Origin", "http://x"), remote,
				"/rooms/{room}", Map.of("room", "a"), "v1");
		assertThat(handshake.method()).isEqualTo("GET");
		assertThat(handshake.path()).isEqualTo("/rooms/a");
		assertThat(handshake.header("origin")).isEqualTo("http://x");
		assertThat(handshake.headers().all("Origin")).containsExactly("http://x");
		assertThat(handshake.remoteAddress()).isSameAs(remote);
		assertThat(handshake.endpoint()).isEqualTo("/rooms/{room}");
		assertThat(handshake.pathParams()).containsExactly(entry("room", "a"));
		assertThat(handshake.subprotocol()).isEqualTo("v1");
	}

	@Test
	void rejectsOnceWithAnErrorStatus() {
		WsHandshakeContext handshake = context("/");
		assertThat(handshake.isRejected()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> handshake.reject(302, "elsewhere"));
		handshake.reject(403, "Forbidden");
		handshake.reject(401, "later");
		assertThat(handshake.isRejected()).isTrue();
		assertThat(handshake.rejection()).isEqualTo(new HandshakeDecision.Reject(403, "Forbidden", "interceptor"));
	}

	@Test
	void rejectsWithAChallengeAndRefusesHeaderInjection() {
		WsHandshakeContext handshake = context("/");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> handshake.reject(401, "no", Map.of("WWW-Authenticate", "Bearer\r\nSet-Cookie: x=1")));
		assertThat(handshake.isRejected()).isFalse();
		handshake.reject(401, "Missing token", Map.of("WWW-Authenticate", "Bearer realm=\"chat\""));
		HandshakeDecision.Reject rejection = handshake.rejection();
		assertThat(rejection.headers().first("WWW-Authenticate")).isEqualTo("Bearer realm=\"chat\"");
		assertThat(new String(HandshakeResponses.reject(rejection.status(), rejection.message(), rejection.headers()),
				StandardCharsets.UTF_8))
			.startsWith("HTTP/1.1 401 Unauthorized\r\n")
			.contains("\r\nWWW-Authenticate: Bearer realm=\"chat\"\r\n")
			.endsWith("\r\n\r\nMissing token");
	}

	@Test
	void attributesRefuseNull() {
		WsHandshakeContext handshake = context("/");
		assertThatNullPointerException().isThrownBy(() -> handshake.attributes().put("user", null));
	}

	private static WsHandshakeContext context(String target, String... headers) {
		return new WsHandshakeContext(request(target, headers), InetSocketAddress.createUnresolved("client", 4000), "/",
				Map.of(), null);
	}

	private static HandshakeRequest request(String target, String... headers) {
		HttpHeaders.Builder builder = HttpHeaders.builder();
		for (int i = 0; i < headers.length; i += 2) {
			builder.add(headers[i], headers[i + 1]);
		}
		return new HandshakeRequest("GET", target, "HTTP/1.1", builder.build());
	}

}
