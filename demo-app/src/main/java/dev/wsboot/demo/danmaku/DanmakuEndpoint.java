package dev.wsboot.demo.danmaku;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import dev.wsboot.annotation.MessageDecodingException;
import dev.wsboot.annotation.OnClose;
import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.demo.ClientText;
import dev.wsboot.demo.RateLimit;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bullet comments ("danmaku"), the comments that fly across a video: a client sends
 * {@code {"text": "nice!", "color": "#ffd166"}} and every viewer, the sender included,
 * receives {@code {"type": "danmaku", "text": "nice!", "color": "#ffd166", "at": "..."}}.
 * Viewers also receive {@code {"type": "viewers", "count": 3}} when someone comes or
 * goes. Comments are cleaned, at most {@value #MAX_TEXT_LENGTH} characters, in one of a
 * few colours, and at most a few a second per viewer.
 */
@WsEndpoint(DanmakuEndpoint.PATH)
class DanmakuEndpoint {

	static final String PATH = "/danmaku";

	static final int MAX_TEXT_LENGTH = 100;

	static final String DEFAULT_COLOR = "#ffffff";

	static final Set<String> COLORS = Set.of(DEFAULT_COLOR, "#ff6b6b", "#ffd166", "#06d6a0", "#4cc9f0", "#c77dff");

	private static final String RATE = "danmaku.rate";

	private final WsSessions sessions;

	private final JsonMapper json;

	DanmakuEndpoint(WsSessions sessions, JsonMapper json) {
		this.sessions = sessions;
		this.json = json;
	}

	@OnOpen
	void open(WsSession session) {
		session.attributes().put(RATE, new RateLimit(5, 3));
		announceViewers();
	}

	@OnMessage
	void comment(WsSession session, @Nullable Comment comment) {
		String text = ClientText.clean((comment != null) ? comment.text() : null);
		if (comment == null || text.isEmpty()) {
			return;
		}
		if (ClientText.length(text) > MAX_TEXT_LENGTH) {
			refuse(session, "comments are at most " + MAX_TEXT_LENGTH + " characters");
			return;
		}
		if (!((RateLimit) session.attributes().get(RATE)).tryAcquire()) {
			refuse(session, "slow down: too many comments");
			return;
		}
		String color = (comment.color() != null && COLORS.contains(comment.color())) ? comment.color() : DEFAULT_COLOR;
		this.sessions.broadcast(PATH, this.json.writeValueAsString(
				new Danmaku("danmaku", text, color, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())));
	}

	@OnClose
	void close() {
		announceViewers();
	}

	@OnError
	void undecodable(WsSession session, MessageDecodingException ex) {
		refuse(session, "expected JSON like {\"text\": \"nice!\", \"color\": \"#ffd166\"}");
	}

	private void announceViewers() {
		this.sessions.broadcast(PATH,
				this.json.writeValueAsString(new Viewers("viewers", this.sessions.sessions(PATH).size())));
	}

	private void refuse(WsSession session, String reason) {
		session.sendText(this.json.writeValueAsString(new Refusal("error", reason)));
	}

	/**
	 * What a client sends.
	 *
	 * @param text the comment
	 * @param color one of {@link #COLORS}; white otherwise
	 */
	record Comment(@Nullable String text, @Nullable String color) {
	}

	/**
	 * A comment for every viewer.
	 *
	 * @param type {@code danmaku}
	 * @param text the comment
	 * @param color its colour, {@code #rrggbb}
	 * @param at when the server received it, ISO-8601
	 */
	record Danmaku(String type, String text, String color, String at) {
	}

	/**
	 * How many viewers are connected.
	 *
	 * @param type {@code viewers}
	 * @param count the number of open sessions
	 */
	record Viewers(String type, int count) {
	}

	/**
	 * A comment the server refused; the session stays open.
	 *
	 * @param type {@code error}
	 * @param reason why
	 */
	record Refusal(String type, String reason) {
	}

}
