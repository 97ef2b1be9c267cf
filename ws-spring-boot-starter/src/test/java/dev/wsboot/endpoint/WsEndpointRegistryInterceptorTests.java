package dev.wsboot.endpoint;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.HandshakeDecision;
import dev.wsboot.server.HandshakeDecision.Accept;
import dev.wsboot.server.HandshakeDecision.Reject;
import dev.wsboot.server.WsHandshakeContext;
import dev.wsboot.server.WsHandshakeInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@ExtendWith(OutputCaptureExtension.class)
class WsEndpointRegistryInterceptorTests {

	private static final InetSocketAddress CLIENT = InetSocketAddress.createUnresolved("client", 40000);

	@Test
	void doesNotBlockWithoutInterceptors() {
		assertThat(registry().isBlocking()).isFalse();
	}

	@Test
	void mayBlockWithInterceptors() {
		assertThat(registry((handshake) -> {
		}).isBlocking()).isTrue();
	}

	@Test
	void passesRequestAndRouteToInterceptor() {
		List<WsHandshakeContext> seen = new ArrayList<>();
		Accept accept = (Accept) registry(seen::add).route(Requests.get("/rooms/kitchen?token=a%20b&x=1&x=2", "Cookie",
				"session=s1; theme=\"dark\"", "X-Custom", "yes"), CLIENT);
		assertThat(accept.endpoint()).isEqualTo("/rooms/{room}");
		assertThat(seen).singleElement().satisfies((handshake) -> {
			assertThat(handshake.method()).isEqualTo("GET");
			assertThat(handshake.path()).isEqualTo("/rooms/kitchen");
			assertThat(handshake.query()).isEqualTo("token=a%20b&x=1&x=2");
			assertThat(handshake.queryParam("token")).isEqualTo("a b");
			assertThat(handshake.queryParams().get("x")).containsExactly("1", "2");
			assertThat(handshake.cookies()).containsExactly(entry("session", "s1"), entry("theme", "dark"));
			assertThat(handshake.header("x-custom")).isEqualTo("yes");
			assertThat(handshake.remoteAddress()).isSameAs(CLIENT);
			assertThat(handshake.endpoint()).isEqualTo("/rooms/{room}");
			assertThat(handshake.pathParams()).containsExactly(entry("room", "kitchen"));
		});
	}

	@Test
	void acceptsWithTheAttributesAndPrincipalInterceptorsSet() {
		Principal alice = () -> "alice";
		Accept accept = (Accept) registry((handshake) -> handshake.attributes().put("first", 1), (handshake) -> {
			handshake.attributes().put("second", handshake.attributes().get("first"));
			handshake.setPrincipal(alice);
		}).route(Requests.get("/rooms/kitchen"), CLIENT);
		assertThat(accept.attributes()).containsOnly(entry("first", 1), entry("second", 1));
		assertThat(accept.principal()).isSameAs(alice);
		assertThat(accept.pathParams()).containsExactly(entry("room", "kitchen"));
	}

	@Test
	void runsInterceptorsInOrderAndStopsAtTheFirstRejection() {
		List<String> calls = new ArrayList<>();
		HandshakeDecision decision = registry((handshake) -> calls.add("first"), (handshake) -> {
			calls.add("second");
			handshake.reject(401, "Missing token");
			handshake.reject(403, "ignored: the first rejection wins");
		}, (handshake) -> calls.add("third")).route(Requests.get("/rooms/kitchen"), CLIENT);
		assertThat(calls).containsExactly("first", "second");
		assertThat(decision).isEqualTo(new Reject(401, "Missing token", "interceptor"));
	}

	@Test
	void rejectsWith500WhenAnInterceptorThrows(CapturedOutput output) {
		List<String> calls = new ArrayList<>();
		HandshakeDecision decision = registry((handshake) -> {
			throw new IllegalStateException("token store down");
		}, (handshake) -> calls.add("after")).route(Requests.get("/rooms/kitchen"), CLIENT);
		assertThat(decision).isEqualTo(new Reject(500, "Handshake failed", "interceptor"));
		assertThat(calls).isEmpty();
		assertThat(output).contains("Handshake interceptor")
			.contains("failed for endpoint '/rooms/{room}'")
			.contains("rejecting the handshake with 500")
			.contains("IllegalStateException: token store down");
	}

	@Test
	void doesNotRunInterceptorsForRequestsThatDoNotMatchOrAreForbidden() {
		List<String> calls = new ArrayList<>();
		WsEndpointRegistry registry = new WsEndpointRegistry(WsOriginPolicy.of(List.of(), () -> 8001, () -> 8080));
		registry.register(List.of(Endpoints.handler(new Rooms())), List.of((handshake) -> calls.add("called")));
		assertThat(((Reject) registry.route(Requests.get("/nowhere"), CLIENT)).status()).isEqualTo(404);
		assertThat(((Reject) registry.route(Requests.get("/rooms/kitchen", "Origin", "https://evil.example"), CLIENT))
			.status()).isEqualTo(403);
		assertThat(calls).isEmpty();
	}

	private static WsEndpointRegistry registry(WsHandshakeInterceptor... interceptors) {
		WsEndpointRegistry registry = new WsEndpointRegistry();
		registry.register(List.of(Endpoints.handler(new Rooms())), List.of(interceptors));
		return registry;
	}

	@WsEndpoint("/rooms/{room}")
	static class Rooms {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
