package dev.wsboot.endpoint;

import java.net.InetSocketAddress;
import java.util.List;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.PathParam;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.server.HandshakeDecision;
import dev.wsboot.server.HandshakeDecision.Accept;
import dev.wsboot.server.HandshakeDecision.Reject;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanInitializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WsEndpointRegistryTests {

	private static final InetSocketAddress CLIENT = InetSocketAddress.createUnresolved("client", 40000);

	private final WsEndpointRegistry registry = Endpoints.registry(new Chat(), new Rooms(), new RoomsLobby(),
			new Games(), new Protocols());

	@Test
	void routesLiteralPathToItsEndpoint() {
		Accept accept = accept("/chat");
		assertThat(accept.endpoint()).isEqualTo("/chat");
		assertThat(accept.pathParams()).isEmpty();
		assertThat(accept.subprotocol()).isNull();
		assertThat(accept.handler()).hasToString("EndpointHandler[/chat -> chat]");
	}

	@Test
	void ignoresQueryWhenRouting() {
		assertThat(accept("/chat?token=abc").endpoint()).isEqualTo("/chat");
	}

	@Test
	void routesTemplatedPathWithPathParams() {
		Accept accept = accept("/rooms/kitchen");
		assertThat(accept.endpoint()).isEqualTo("/rooms/{room}");
		assertThat(accept.pathParams()).containsExactly(java.util.Map.entry("room", "kitchen"));
	}

	@Test
	void exactLiteralWinsOverTemplate() {
		Accept accept = accept("/rooms/lobby");
		assertThat(accept.endpoint()).isEqualTo("/rooms/lobby");
		assertThat(accept.pathParams()).isEmpty();
	}

	@Test
	void rejectsUnknownPathWith404() {
		Reject reject = reject("/nowhere");
		assertThat(reject.status()).isEqualTo(404);
		assertThat(reject.reason()).isEqualTo("not_found");
		assertThat(reject("/chat/extra").status()).isEqualTo(404);
		assertThat(reject("/rooms/").status()).isEqualTo(404);
	}

	@Test
	void rejectsPathParamThatDoesNotConvertWith400() {
		assertThat(accept("/games/42").pathParams()).containsEntry("id", "42");
		Reject reject = reject("/games/forty-two");
		assertThat(reject.status()).isEqualTo(400);
		assertThat(reject.reason()).isEqualTo("bad_request");
		assertThat(reject.message()).contains("'id'");
	}

	@Test
	void choosesFirstSubprotocolTheClientOffersThatTheEndpointSupports() {
		assertThat(accept("/protocols", "Sec-WebSocket-Protocol", "v3, v2, v1").subprotocol()).isEqualTo("v2");
		assertThat(accept("/protocols", "Sec-WebSocket-Protocol", "v1", "Sec-WebSocket-Protocol", "v2").subprotocol())
			.isEqualTo("v1");
	}

	@Test
	void acceptsWithoutSubprotocolWhenNoneOfferedIsSupported() {
		assertThat(accept("/protocols", "Sec-WebSocket-Protocol", "v9").subprotocol()).isNull();
		assertThat(accept("/protocols").subprotocol()).isNull();
	}

	@Test
	void rejectsSubprotocolOfferThatIsNotATokenListWith400() {
		HandshakeDecision decision = this.registry
			.route(Requests.get("/protocols", "Sec-WebSocket-Protocol", "v1, [v2]"), CLIENT);
		assertThat(decision).isInstanceOfSatisfying(Reject.class, (reject) -> {
			assertThat(reject.status()).isEqualTo(400);
			assertThat(reject.reason()).isEqualTo("bad_request");
		});
	}

	@Test
	void neverChoosesSubprotocolForEndpointWithoutAny() {
		assertThat(accept("/chat", "Sec-WebSocket-Protocol", "v1").subprotocol()).isNull();
	}

	@Test
	void rejectsTwoEndpointsWithSameTemplate() {
		WsEndpointRegistry registry = new WsEndpointRegistry();
		List<EndpointHandler> handlers = List.of(Endpoints.handler(new Rooms()), Endpoints.handler(new OtherRooms()));
		assertThatExceptionOfType(BeanInitializationException.class).isThrownBy(() -> registry.register(handlers))
			.withMessageContaining("'/rooms/{room}' (bean 'rooms')")
			.withMessageContaining("'/rooms/{name}' (bean 'otherRooms')")
			.withMessageContaining("match the same request paths");
	}

	@Test
	void rejectsTwoEndpointsWithSameLiteralPath() {
		WsEndpointRegistry registry = new WsEndpointRegistry();
		List<EndpointHandler> handlers = List.of(Endpoints.handler(new Chat()), Endpoints.handler(new OtherChat()));
		assertThatExceptionOfType(BeanInitializationException.class).isThrownBy(() -> registry.register(handlers))
			.withMessageContaining("Ambiguous @WsEndpoint paths");
	}

	@Test
	void listsEndpointsAndFailsForUnknownTemplate() {
		assertThat(this.registry.endpoints()).containsExactlyInAnyOrder("/chat", "/rooms/{room}", "/rooms/lobby",
				"/games/{id}", "/protocols");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.handler("/rooms/{name}"))
			.withMessageContaining("'/rooms/{name}'");
	}

	private Accept accept(String target, String... headers) {
		HandshakeDecision decision = this.registry.route(Requests.get(target, headers), CLIENT);
		assertThat(decision).isInstanceOf(Accept.class);
		return (Accept) decision;
	}

	private Reject reject(String target) {
		HandshakeDecision decision = this.registry.route(Requests.get(target), CLIENT);
		assertThat(decision).isInstanceOf(Reject.class);
		return (Reject) decision;
	}

	@WsEndpoint("/chat")
	static class Chat {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint("/chat")
	static class OtherChat {

	}

	@WsEndpoint("/rooms/{room}")
	static class Rooms {

		@OnMessage
		String echo(@PathParam String room, String text) {
			return room + ": " + text;
		}

	}

	@WsEndpoint("/rooms/{name}")
	static class OtherRooms {

	}

	@WsEndpoint(path = "/rooms/lobby")
	static class RoomsLobby {

	}

	@WsEndpoint("/games/{id}")
	static class Games {

		@OnMessage
		void move(@PathParam int id, String move) {
		}

	}

	@WsEndpoint(path = "/protocols", subprotocols = { "v1", "v2" })
	static class Protocols {

	}

}
