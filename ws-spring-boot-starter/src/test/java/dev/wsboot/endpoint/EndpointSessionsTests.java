package dev.wsboot.endpoint;

import java.util.Map;

import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSessions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EndpointSessionsTests {

	private final WsEndpointRegistry registry = Endpoints.registry(new Rooms(), new Lobby());

	private final WsSessions sessions = this.registry.sessions();

	private final FakeSession kitchen1 = open("/rooms/{room}", new FakeSession("k1", Map.of("room", "kitchen")));

	private final FakeSession kitchen2 = open("/rooms/{room}", new FakeSession("k2", Map.of("room", "kitchen")));

	private final FakeSession garden = open("/rooms/{room}", new FakeSession("g", Map.of("room", "garden")));

	private final FakeSession lobby = open("/lobby", new FakeSession("l"));

	@Test
	void listsSessionsPerEndpoint() {
		assertThat(this.sessions.endpoints()).containsExactlyInAnyOrder("/rooms/{room}", "/lobby");
		assertThat(this.sessions.sessions("/rooms/{room}")).containsExactlyInAnyOrder(this.kitchen1, this.kitchen2,
				this.garden);
		assertThat(this.sessions.sessions("/lobby")).containsExactly(this.lobby);
	}

	@Test
	void broadcastsOnePreparedMessageToEveryOpenSessionOfTheEndpoint() {
		int sent = this.sessions.broadcast("/rooms/{room}", "hello");
		assertThat(sent).isEqualTo(3);
		Object message = this.kitchen1.sent.get(0);
		assertThat(message).isInstanceOf(PreparedMessage.class);
		assertThat(this.kitchen2.sent).singleElement().isSameAs(message);
		assertThat(this.garden.sent).singleElement().isSameAs(message);
		assertThat(this.lobby.sent).isEmpty();
	}

	@Test
	void broadcastsToSessionsTheFilterAccepts() {
		PreparedMessage message = PreparedMessage.text("dinner");
		int sent = this.sessions.broadcast("/rooms/{room}", (s) -> "kitchen".equals(s.pathParams().get("room")),
				message);
		assertThat(sent).isEqualTo(2);
		assertThat(this.kitchen1.sent).containsExactly(message);
		assertThat(this.kitchen2.sent).containsExactly(message);
		assertThat(this.garden.sent).isEmpty();
	}

	@Test
	void skipsSessionsThatAreClosingAndForgetsClosedOnes() {
		this.kitchen1.close(CloseStatus.NORMAL);
		assertThat(this.sessions.broadcast("/rooms/{room}", "x")).isEqualTo(2);
		this.registry.handler("/rooms/{room}").onClose(this.kitchen1, CloseStatus.NORMAL);
		assertThat(this.sessions.sessions("/rooms/{room}")).doesNotContain(this.kitchen1);
	}

	@Test
	void failsForUnknownEndpoint() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.sessions.broadcast("/room/{room}", "x"))
			.withMessageContaining("No @WsEndpoint has the path template '/room/{room}'");
	}

	private FakeSession open(String endpoint, FakeSession session) {
		this.registry.handler(endpoint).onOpen(session);
		return session;
	}

	@WsEndpoint("/rooms/{room}")
	static class Rooms {

	}

	@WsEndpoint("/lobby")
	static class Lobby {

	}

}
