package dev.wsboot.demo.chat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

import dev.wsboot.annotation.MessageDecodingException;
import dev.wsboot.annotation.OnClose;
import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.PathParam;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.demo.ClientText;
import dev.wsboot.demo.RateLimit;
import dev.wsboot.demo.chat.ChatEvents.Refusal;
import dev.wsboot.demo.chat.ChatEvents.Message;
import dev.wsboot.demo.chat.ChatEvents.Presence;
import dev.wsboot.demo.chat.ChatEvents.Say;
import dev.wsboot.demo.chat.ChatEvents.Welcome;
import dev.wsboot.demo.chat.ChatRooms.Room;
import dev.wsboot.protocol.close.CloseCodes;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat rooms. A client connects to {@code /chat/{room}?nick=ann} and sends
 * {@code {"text": "hello"}}; everyone in the room, the sender included, receives
 * {@code {"type": "message", "from": "ann", "text": "hello", "at": "..."}}. A newcomer
 * first receives a {@code welcome} with the members and the last
 * {@value ChatRooms#HISTORY_SIZE} messages; the others see {@code join} and {@code leave}
 * notices. Nicknames and messages are cleaned and length-bounded here, and escaped by the
 * page that shows them.
 */
@WsEndpoint(ChatEndpoint.PATH)
class ChatEndpoint {

	static final String PATH = "/chat/{room}";

	static final int MAX_NICK_LENGTH = 24;

	static final int MAX_TEXT_LENGTH = 500;

	private static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private static final int MAX_MEMBERS_LISTED = 100;

	private static final String ROOM = "chat.room";

	private static final String NICK = "chat.nick";

	private static final String RATE = "chat.rate";

	private final WsSessions sessions;

	private final ChatRooms rooms;

	private final JsonMapper json;

	ChatEndpoint(WsSessions sessions, ChatRooms rooms, JsonMapper json) {
		this.sessions = sessions;
		this.rooms = rooms;
		this.json = json;
	}

	@OnOpen
	void join(WsSession session, @PathParam String room) {
		if (!ROOM_NAME.matcher(room).matches()) {
			session.close(
					CloseStatus.of(CloseCodes.POLICY_VIOLATION, "room names are 1 to 32 letters, digits, '-' or '_'"));
			return;
		}
		String nick = ClientText.clean(queryParameter(session.query(), "nick"));
		if (nick.isEmpty() || ClientText.length(nick) > MAX_NICK_LENGTH) {
			session.close(CloseStatus.of(CloseCodes.POLICY_VIOLATION,
					"a nickname of 1 to " + MAX_NICK_LENGTH + " characters is required: ?nick="));
			return;
		}
		session.attributes().put(NICK, nick);
		session.attributes().put(RATE, new RateLimit(10, 5));
		Room chatRoom = this.rooms.enter(room);
		synchronized (chatRoom) {
			// From here on, the session receives the room's broadcasts, and only after
			// its welcome: both are sent while holding the room.
			session.attributes().put(ROOM, chatRoom);
			List<String> members = members(chatRoom);
			session.sendText(this.json.writeValueAsString(new Welcome(room, nick, members, chatRoom.history())));
			this.sessions.broadcast(PATH, (other) -> other != session && other.attributes().get(ROOM) == chatRoom,
					this.json.writeValueAsString(new Presence("join", nick, now(), members)));
		}
	}

	@OnMessage
	void say(WsSession session, @Nullable Say say) {
		if (!(session.attributes().get(ROOM) instanceof Room chatRoom)) {
			return;
		}
		String text = ClientText.clean((say != null) ? say.text() : null);
		if (text.isEmpty()) {
			return;
		}
		if (ClientText.length(text) > MAX_TEXT_LENGTH) {
			refuse(session, "messages are at most " + MAX_TEXT_LENGTH + " characters");
			return;
		}
		if (!((RateLimit) session.attributes().get(RATE)).tryAcquire()) {
			refuse(session, "slow down: too many messages");
			return;
		}
		String nick = (String) session.attributes().get(NICK);
		synchronized (chatRoom) {
			Message message = new Message(nick, text, now());
			chatRoom.remember(message);
			this.sessions.broadcast(PATH, (member) -> member.attributes().get(ROOM) == chatRoom,
					this.json.writeValueAsString(message));
		}
	}

	@OnClose
	void leave(WsSession session) {
		if (!(session.attributes().remove(ROOM) instanceof Room chatRoom)) {
			return;
		}
		String nick = (String) session.attributes().get(NICK);
		synchronized (chatRoom) {
			this.sessions.broadcast(PATH, (member) -> member.attributes().get(ROOM) == chatRoom,
					this.json.writeValueAsString(new Presence("leave", nick, now(), members(chatRoom))));
		}
		this.rooms.leave(chatRoom);
	}

	@OnError
	void undecodable(WsSession session, MessageDecodingException ex) {
		refuse(session, "expected JSON like {\"text\": \"hello\"}");
	}

	private void refuse(WsSession session, String reason) {
		session.sendText(this.json.writeValueAsString(new Refusal(reason)));
	}

	private List<String> members(Room chatRoom) {
		return this.sessions.sessions(PATH)
			.stream()
			.filter((member) -> member.attributes().get(ROOM) == chatRoom)
			.map((member) -> (String) member.attributes().get(NICK))
			.sorted(String.CASE_INSENSITIVE_ORDER)
			.limit(MAX_MEMBERS_LISTED)
			.toList();
	}

	private static String now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
	}

	static @Nullable String queryParameter(@Nullable String query, String name) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String key = (equals >= 0) ? pair.substring(0, equals) : pair;
			if (key.equals(name)) {
				try {
					return URLDecoder.decode((equals >= 0) ? pair.substring(equals + 1) : "", StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
		}
		return null;
	}

}
