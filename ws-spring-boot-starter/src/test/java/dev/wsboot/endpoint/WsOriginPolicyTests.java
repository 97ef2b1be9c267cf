package dev.wsboot.endpoint;

import java.net.InetSocketAddress;
import java.util.List;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.HandshakeDecision;
import dev.wsboot.server.HandshakeDecision.Accept;
import dev.wsboot.server.HandshakeDecision.Reject;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanInitializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The origin policy as the registry applies it, with the WebSocket server on 8001 and the
 * application's HTTP server on 8080.
 */
class WsOriginPolicyTests {

	private static final InetSocketAddress CLIENT = InetSocketAddress.createUnresolved("client", 40000);

	@Test
	void allowsHandshakeWithoutOrigin() {
		assertThat(route(policy(), "/echo", "Host", "localhost:8001")).isInstanceOf(Accept.class);
	}

	@Test
	void allowsPagesOfTheApplicationsHttpPort() {
		assertAllowed(policy(), "localhost:8001", "http://localhost:8080");
		assertAllowed(policy(), "localhost:8001", "https://localhost:8080");
		assertAllowed(policy(), "LOCALHOST:8001", "http://LocalHost:8080");
		assertAllowed(policy(), "[::1]:8001", "http://[::1]:8080");
	}

	@Test
	void allowsPagesOfTheWebSocketPort() {
		assertAllowed(policy(), "localhost:8001", "http://localhost:8001");
	}

	@Test
	void appliesDefaultPortsByScheme() {
		WsOriginPolicy onDefaultPorts = WsOriginPolicy.of(List.of(), () -> 443, () -> 80);
		assertAllowed(onDefaultPorts, "app.example.com", "http://app.example.com");
		assertAllowed(onDefaultPorts, "app.example.com", "https://app.example.com");
		assertAllowed(onDefaultPorts, "app.example.com", "https://app.example.com:443");
		assertForbidden(policy(), "app.example.com", "https://app.example.com");
	}

	@Test
	void forbidsSameHostOnAnotherPort() {
		assertForbidden(policy(), "localhost:8001", "http://localhost:9000");
		assertForbidden(policy(), "localhost:8001", "http://localhost");
	}

	@Test
	void forbidsAnotherHost() {
		assertForbidden(policy(), "localhost:8001", "http://evil.example:8080");
		assertForbidden(policy(), "localhost:8001", "http://127.0.0.1:8080");
		assertForbidden(policy(), "app.example.com:8001", "http://app.example.com.evil.example:8080");
	}

	@Test
	void forbidsTheNullOriginAndOriginsThatAreNotOnes() {
		assertForbidden(policy(), "localhost:8001", "null");
		assertForbidden(policy(), "localhost:8001", "file://");
		assertForbidden(policy(), "localhost:8001", "http://localhost:8080/page");
		assertForbidden(policy(), "localhost:8001", "");
	}

	@Test
	void forbidsSchemesOtherThanHttpForSameOrigin() {
		assertForbidden(policy(), "localhost:8001", "ws://localhost:8080");
		assertForbidden(policy(), "localhost:8001", "chrome-extension://localhost:8080");
	}

	@Test
	void forbidsSeveralOriginHeaders() {
		HandshakeDecision decision = route(policy(), "/echo", "Host", "localhost:8001", "Origin",
				"http://localhost:8080", "Origin", "http://localhost:8080");
		assertThat(decision).isInstanceOfSatisfying(Reject.class,
				(reject) -> assertThat(reject.status()).isEqualTo(403));
	}

	@Test
	void forbidsWithoutHostOfItsOwnWhenNoPortIsKnown() {
		assertForbidden(WsOriginPolicy.withoutSameOrigin(), "localhost:8001", "http://localhost:8001");
	}

	@Test
	void allowsExactOrigin() {
		WsOriginPolicy policy = policy("https://app.example.com");
		assertAllowed(policy, "ws.example.com", "https://app.example.com");
		assertAllowed(policy, "ws.example.com", "HTTPS://APP.EXAMPLE.COM:443");
		assertForbidden(policy, "ws.example.com", "http://app.example.com");
		assertForbidden(policy, "ws.example.com", "https://other.example.com");
	}

	@Test
	void allowsPattern() {
		WsOriginPolicy policy = policy("https://*.example.com", "http://localhost:*");
		assertAllowed(policy, "ws.example.com", "https://app.example.com");
		assertAllowed(policy, "ws.example.com", "http://localhost:5173");
		assertForbidden(policy, "ws.example.com", "https://example.com");
		assertForbidden(policy, "ws.example.com", "https://app.example.com.evil.example");
	}

	@Test
	void allowsEveryOriginWithStar() {
		WsOriginPolicy policy = policy("*");
		assertThat(policy.allowsAnyOrigin()).isTrue();
		assertAllowed(policy, "localhost:8001", "https://evil.example");
		assertAllowed(policy, "localhost:8001", "null");
	}

	@Test
	void endpointOriginsWidenTheGlobalListForThatEndpointOnly() {
		WsEndpointRegistry registry = new WsEndpointRegistry(policy("https://global.example"));
		registry.register(List.of(Endpoints.handler(new Echo()), Endpoints.handler(new Partner())));
		String partner = "https://app.partner.example";
		assertThat(registry.route(Requests.get("/partner", "Host", "localhost:8001", "Origin", partner), CLIENT))
			.isInstanceOf(Accept.class);
		assertThat(registry.route(Requests.get("/echo", "Host", "localhost:8001", "Origin", partner), CLIENT))
			.isInstanceOf(Reject.class);
		for (String path : List.of("/echo", "/partner")) {
			for (String origin : List.of("https://global.example", "http://localhost:8080")) {
				assertThat(registry.route(Requests.get(path, "Host", "localhost:8001", "Origin", origin), CLIENT))
					.as("%s from %s", path, origin)
					.isInstanceOf(Accept.class);
			}
		}
	}

	@Test
	void checksOriginBeforeConvertingPathParameters() {
		WsEndpointRegistry registry = new WsEndpointRegistry(policy());
		registry.register(List.of(Endpoints.handler(new Echo())));
		Reject reject = (Reject) registry.route(Requests.get("/nowhere", "Origin", "https://evil.example"), CLIENT);
		assertThat(reject.status()).isEqualTo(404);
	}

	@Test
	void refusesEndpointWithInvalidAllowedOrigin() {
		assertThatExceptionOfType(BeanInitializationException.class)
			.isThrownBy(() -> Endpoints.handler(new InvalidOrigins()))
			.withMessageContaining("bean 'invalidOrigins'")
			.withMessageContaining("Invalid allowed origin 'app.example.com'");
	}

	private static WsOriginPolicy policy(String... allowedOrigins) {
		return WsOriginPolicy.of(List.of(allowedOrigins), () -> 8001, () -> 8080);
	}

	private static void assertAllowed(WsOriginPolicy policy, String host, String origin) {
		assertThat(route(policy, "/echo", "Host", host, "Origin", origin)).as("%s to %s", origin, host)
			.isInstanceOf(Accept.class);
	}

	private static void assertForbidden(WsOriginPolicy policy, String host, String origin) {
		HandshakeDecision decision = route(policy, "/echo", "Host", host, "Origin", origin);
		assertThat(decision).as("%s to %s", origin, host).isInstanceOf(Reject.class);
		Reject reject = (Reject) decision;
		assertThat(reject.status()).isEqualTo(403);
		assertThat(reject.reason()).isEqualTo("origin");
	}

	private static HandshakeDecision route(WsOriginPolicy policy, String target, String... headers) {
		WsEndpointRegistry registry = new WsEndpointRegistry(policy);
		registry.register(List.of(Endpoints.handler(new Echo())));
		return registry.route(Requests.get(target, headers), CLIENT);
	}

	@WsEndpoint("/echo")
	static class Echo {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint(path = "/partner", allowedOrigins = "https://*.partner.example")
	static class Partner {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint(path = "/invalid", allowedOrigins = "app.example.com")
	static class InvalidOrigins {

	}

}
