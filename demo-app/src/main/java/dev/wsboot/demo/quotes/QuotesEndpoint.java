package dev.wsboot.demo.quotes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.wsboot.annotation.MessageDecodingException;
import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.demo.quotes.QuoteBoard.Quote;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * A quote feed the server pushes. On connecting, a client receives {@code {"type":
 * "symbols", "quotes": [...]}} with every symbol's latest quote, then sends
 * {@code {"subscribe": ["AAPL"]}} or {@code {"unsubscribe": ["AAPL"]}} (both at once too)
 * and receives {@code {"type": "subscribed", "symbols": [...]}} and, for each symbol it
 * subscribed to, {@code {"type": "tick", "quote": {...}}} whenever the price moves,
 * several times a second. A tick is encoded once for all of its subscribers.
 */
@WsEndpoint(QuotesEndpoint.PATH)
class QuotesEndpoint {

	static final String PATH = "/quotes";

	private static final int MAX_SYMBOLS_PER_COMMAND = 32;

	/**
	 * The session's symbols: an immutable set, replaced whole, so that the publisher sees
	 * either the old or the new subscriptions.
	 */
	private static final String SYMBOLS = "quotes.symbols";

	private final WsSessions sessions;

	private final QuoteBoard board;

	private final JsonMapper json;

	QuotesEndpoint(WsSessions sessions, QuoteBoard board, JsonMapper json) {
		this.sessions = sessions;
		this.board = board;
		this.json = json;
	}

	@OnOpen
	void open(WsSession session) {
		session.attributes().put(SYMBOLS, Set.of());
		session.sendText(this.json.writeValueAsString(new Symbols("symbols", this.board.quotes())));
	}

	@OnMessage
	void command(WsSession session, @Nullable Command command) {
		if (command == null) {
			return;
		}
		List<String> subscribe = (command.subscribe() != null) ? command.subscribe() : List.of();
		List<String> unsubscribe = (command.unsubscribe() != null) ? command.unsubscribe() : List.of();
		if (subscribe.size() > MAX_SYMBOLS_PER_COMMAND || unsubscribe.size() > MAX_SYMBOLS_PER_COMMAND) {
			refuse(session, "at most " + MAX_SYMBOLS_PER_COMMAND + " symbols at once");
			return;
		}
		Set<String> before = symbols(session);
		Set<String> after = new TreeSet<>(before);
		// Unknown symbols are ignored, not echoed back.
		subscribe.stream().filter((symbol) -> symbol != null && this.board.isKnown(symbol)).forEach(after::add);
		unsubscribe.stream().filter((symbol) -> symbol != null).forEach(after::remove);
		session.attributes().put(SYMBOLS, Set.copyOf(after));
		session.sendText(this.json.writeValueAsString(new Subscribed("subscribed", List.copyOf(after))));
		for (String symbol : after) {
			if (!before.contains(symbol)) {
				session.sendText(this.json.writeValueAsString(tick(this.board.quote(symbol))));
			}
		}
	}

	@OnError
	void undecodable(WsSession session, MessageDecodingException ex) {
		refuse(session, "expected JSON like {\"subscribe\": [\"AAPL\"]} or {\"unsubscribe\": [\"AAPL\"]}");
	}

	/**
	 * Moves the prices and sends each move to the symbol's subscribers.
	 */
	@Scheduled(fixedRateString = "${demo.quotes.tick-interval:250ms}")
	void publish() {
		List<Quote> moved = this.board.step();
		if (this.sessions.sessions(PATH).isEmpty()) {
			return;
		}
		for (Quote quote : moved) {
			String symbol = quote.symbol();
			PreparedMessage message = PreparedMessage.text(this.json.writeValueAsString(tick(quote)));
			this.sessions.broadcast(PATH, (session) -> symbols(session).contains(symbol), message);
		}
	}

	private static Tick tick(Quote quote) {
		return new Tick("tick", quote, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
	}

	@SuppressWarnings("unchecked")
	private static Set<String> symbols(WsSession session) {
		return (Set<String>) session.attributes().getOrDefault(SYMBOLS, Set.of());
	}

	private void refuse(WsSession session, String reason) {
		session.sendText(this.json.writeValueAsString(new Refusal("error", reason)));
	}

	/**
	 * What a client sends.
	 *
	 * @param subscribe symbols to add
	 * @param unsubscribe symbols to remove
	 */
	record Command(@Nullable List<String> subscribe, @Nullable List<String> unsubscribe) {
	}

	/**
	 * Sent on connecting: every symbol's latest quote.
	 *
	 * @param type {@code symbols}
	 * @param quotes the quotes
	 */
	record Symbols(String type, List<Quote> quotes) {
	}

	/**
	 * The session's subscriptions after a command.
	 *
	 * @param type {@code subscribed}
	 * @param symbols the symbols, sorted
	 */
	record Subscribed(String type, List<String> symbols) {
	}

	/**
	 * A symbol's new quote.
	 *
	 * @param type {@code tick}
	 * @param quote the quote
	 * @param at when it was sent, ISO-8601
	 */
	record Tick(String type, Quote quote, String at) {
	}

	/**
	 * A command the server refused; the session stays open.
	 *
	 * @param type {@code error}
	 * @param reason why
	 */
	record Refusal(String type, String reason) {
	}

}
