package dev.wsboot.demo.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import dev.wsboot.annotation.LocalWsServerPort;
import dev.wsboot.demo.DemoApplication;
import dev.wsboot.demo.TestClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat endpoint, driven by the JDK's WebSocket client. Each test uses rooms of its
 * own, so that the tests do not see each other's messages.
 */
@SpringBootTest(classes = DemoApplication.class,
		properties = { "ws.server.port=0", "ws.server.address=127.0.0.1", "demo.quotes.tick-interval=50ms" })
class ChatEndpointTests {

	@LocalWsServerPort
	private int port;

	@Test
	void messagesReachEveryoneInTheRoomAndNoOneElse() throws Exception {
		try (TestClient ann = join("broadcast", "ann");
				TestClient bob = join("broadcast", "bob");
				TestClient carol = join("elsewhere", "carol")) {
			assertThat(ann.nextOfType("join").read("$.nick", String.class)).isEqualTo("bob");
			ann.send("{\"text\": \"hello, room\"}");
			for (TestClient member : List.of(ann, bob)) {
				DocumentContext message = member.nextOfType("message");
				assertThat(message.read("$.from", String.class)).isEqualTo("ann");
				assertThat(message.read("$.text", String.class)).isEqualTo("hello, room");
				assertThat(Instant.parse(message.read("$.at", String.class))).isBeforeOrEqualTo(Instant.now());
			}
			// Carol's next message is her own: she never received Ann's.
			carol.send("{\"text\": \"anyone?\"}");
			DocumentContext own = carol.nextJson();
			assertThat(own.read("$.type", String.class)).isEqualTo("message");
			assertThat(own.read("$.from", String.class)).isEqualTo("carol");
		}
	}

	@Test
	void newcomersAreWelcomedWithMembersAndTheLastTwentyMessages() throws Exception {
		List<String> said = new ArrayList<>();
		try (TestClient ann = join("history", "ann");
				TestClient bob = join("history", "bob");
				TestClient carol = join("history", "carol")) {
			// 27 messages, 9 from each, within each sender's burst allowance.
			for (int i = 0; i < 27; i++) {
				TestClient sender = List.of(ann, bob, carol).get(i % 3);
				sender.send("{\"text\": \"message " + i + "\"}");
				// Wait for each, so that the order is known.
				String text = ann.nextOfType("message").read("$.text", String.class);
				said.add(text);
			}
			try (TestClient dave = TestClient.connect(this.port, "/chat/history?nick=dave")) {
				DocumentContext welcome = dave.nextJson();
				assertThat(welcome.read("$.type", String.class)).isEqualTo("welcome");
				assertThat(welcome.read("$.room", String.class)).isEqualTo("history");
				assertThat(welcome.read("$.nick", String.class)).isEqualTo("dave");
				assertThat(welcome.<List<String>>read("$.members")).containsExactly("ann", "bob", "carol", "dave");
				assertThat(welcome.<List<String>>read("$.history[*].text")).isEqualTo(said.subList(7, 27));
				assertThat(welcome.<List<String>>read("$.history[*].from")).startsWith("bob", "carol", "ann");
				// The others hear of the newcomer; the newcomer gets no notice of itself.
				DocumentContext joined = ann.nextOfType("join");
				assertThat(joined.read("$.nick", String.class)).isEqualTo("dave");
				assertThat(joined.<List<String>>read("$.members")).containsExactly("ann", "bob", "carol", "dave");
				dave.send("{\"text\": \"hi\"}");
				assertThat(dave.nextJson().read("$.type", String.class)).isEqualTo("message");
			}
		}
	}

	@Test
	void othersAreToldWhenSomeoneLeaves() throws Exception {
		try (TestClient ann = join("leaving", "ann")) {
			try (TestClient bob = join("leaving", "bob")) {
				assertThat(ann.nextOfType("join").read("$.nick", String.class)).isEqualTo("bob");
			}
			DocumentContext left = ann.nextOfType("leave");
			assertThat(left.read("$.nick", String.class)).isEqualTo("bob");
			assertThat(left.<List<String>>read("$.members")).containsExactly("ann");
		}
	}

	@Test
	void nicknamesAndMessagesAreCleanedAndBounded() throws Exception {
		// Percent-encoded: a tab, a right-to-left override and padding around the name.
		try (TestClient ann = TestClient.connect(this.port, "/chat/cleaning?nick=%20an%E2%80%AEn%09%20")) {
			assertThat(ann.nextOfType("welcome").read("$.nick", String.class)).isEqualTo("ann");
			ann.send("{\"text\": \"  two\\n\\nlines\\u0000  <b>bold</b> 🎉 \"}");
			// Plain text in JSON: the page escapes it, so the markup stays as it is.
			assertThat(ann.nextOfType("message").read("$.text", String.class)).isEqualTo("two lines <b>bold</b> 🎉");
			ann.send("{\"text\": \"" + "x".repeat(ChatEndpoint.MAX_TEXT_LENGTH + 1) + "\"}");
			assertThat(ann.nextOfType("error").read("$.reason", String.class)).contains("at most 500");
			ann.send("not json");
			assertThat(ann.nextOfType("error").read("$.reason", String.class)).contains("expected JSON");
			// Still open after both.
			ann.send("{\"text\": \"" + "🎉".repeat(ChatEndpoint.MAX_TEXT_LENGTH) + "\"}");
			assertThat(ann.nextOfType("message").read("$.text", String.class))
				.isEqualTo("🎉".repeat(ChatEndpoint.MAX_TEXT_LENGTH));
		}
	}

	@Test
	void aNicknameIsRequired() throws Exception {
		for (String query : List.of("", "?nick=", "?nick=%20%20", "?nick=" + "a".repeat(25), "?name=ann")) {
			try (TestClient client = TestClient.connect(this.port, "/chat/lobby" + query)) {
				TestClient.Closed closed = client.awaitClose();
				assertThat(closed.code()).as(query).isEqualTo(1008);
				assertThat(closed.reason()).contains("nickname");
			}
		}
	}

	@Test
	void roomNamesAreBounded() throws Exception {
		for (String room : List.of("a".repeat(33), "caf%C3%A9", "a.b")) {
			try (TestClient client = TestClient.connect(this.port, "/chat/" + room + "?nick=ann")) {
				TestClient.Closed closed = client.awaitClose();
				assertThat(closed.code()).as(room).isEqualTo(1008);
				assertThat(closed.reason()).contains("room names");
			}
		}
	}

	@Test
	void emptyRoomsAreForgottenPastTheLimit() throws Exception {
		ChatRooms rooms = new ChatRooms();
		for (int i = 0; i < ChatRooms.MAX_EMPTY_ROOMS + 50; i++) {
			rooms.leave(rooms.enter("room-" + i));
		}
		ChatRooms.Room occupied = rooms.enter("occupied");
		assertThat(rooms.size()).isEqualTo(ChatRooms.MAX_EMPTY_ROOMS + 1);
		for (int i = 0; i < ChatRooms.MAX_EMPTY_ROOMS; i++) {
			rooms.leave(rooms.enter("more-" + i));
		}
		assertThat(rooms.enter("occupied")).isSameAs(occupied);
	}

	private TestClient join(String room, String nick) throws Exception {
		TestClient client = TestClient.connect(this.port, "/chat/" + room + "?nick=" + nick);
		assertThat(client.nextJson().read("$.type", String.class)).isEqualTo("welcome");
		return client;
	}

}
