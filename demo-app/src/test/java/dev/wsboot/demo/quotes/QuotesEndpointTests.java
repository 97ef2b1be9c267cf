package dev.wsboot.demo.quotes;

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
 * The quote feed, driven by the JDK's WebSocket client, with ticks every 50 ms.
 */
@SpringBootTest(classes = DemoApplication.class,
		properties = { "ws.server.port=0", "ws.server.address=127.0.0.1", "demo.quotes.tick-interval=50ms" })
class QuotesEndpointTests {

	private static final int TICKS = 8;

	@LocalWsServerPort
	private int port;

	@Test
	void aNewClientReceivesEverySymbolAndNoTicks() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/quotes")) {
			DocumentContext symbols = client.nextJson();
			assertThat(symbols.read("$.type", String.class)).isEqualTo("symbols");
			assertThat(symbols.<List<String>>read("$.quotes[*].symbol")).containsExactly("AAPL", "MSFT", "GOOG", "AMZN",
					"NVDA", "TSLA");
			assertThat(symbols.<List<Double>>read("$.quotes[*].price"))
				.allSatisfy((price) -> assertThat(price).isPositive());
			// Nothing until it subscribes: its next message answers its first command.
			client.send("{\"subscribe\": []}");
			assertThat(client.nextJson().read("$.type", String.class)).isEqualTo("subscribed");
		}
	}

	@Test
	void eachClientReceivesTicksOfItsSymbolsOnly() throws Exception {
		try (TestClient apple = TestClient.connect(this.port, "/quotes");
				TestClient google = TestClient.connect(this.port, "/quotes")) {
			apple.nextOfType("symbols");
			google.nextOfType("symbols");
			apple.send("{\"subscribe\": [\"AAPL\", \"NOPE\"]}");
			google.send("{\"subscribe\": [\"GOOG\"]}");
			assertThat(apple.nextJson().<List<String>>read("$.symbols")).containsExactly("AAPL");
			assertThat(google.nextJson().<List<String>>read("$.symbols")).containsExactly("GOOG");
			assertThat(symbolsOfNextTicks(apple)).containsOnly("AAPL");
			assertThat(symbolsOfNextTicks(google)).containsOnly("GOOG");
		}
	}

	@Test
	void subscriptionsChangeWithoutReconnecting() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/quotes")) {
			client.nextOfType("symbols");
			client.send("{\"subscribe\": [\"AAPL\"]}");
			assertThat(client.nextOfType("subscribed").<List<String>>read("$.symbols")).containsExactly("AAPL");
			assertThat(symbolsOfNextTicks(client)).containsOnly("AAPL");

			client.send("{\"unsubscribe\": [\"AAPL\"], \"subscribe\": [\"MSFT\", \"TSLA\"]}");
			assertThat(client.nextOfType("subscribed").<List<String>>read("$.symbols")).containsExactly("MSFT", "TSLA");
			// Newly followed symbols come at once with their latest quote. Ticks of AAPL
			// that the feed was sending while the command was handled may still arrive,
			// but none after a tick the feed sent with the new subscriptions (one with a
			// higher sequence number than the latest quote).
			DocumentContext latest = client.nextMatching((message) -> "tick".equals(message.read("$.type"))
					&& "MSFT".equals(message.read("$.quote.symbol")));
			long seq = latest.read("$.quote.seq", Long.class);
			client.nextMatching((message) -> "tick".equals(message.read("$.type"))
					&& "MSFT".equals(message.read("$.quote.symbol")) && message.read("$.quote.seq", Long.class) > seq);
			assertThat(symbolsOfNextTicks(client)).containsOnly("MSFT", "TSLA");

			client.send("{\"unsubscribe\": [\"MSFT\", \"TSLA\"]}");
			assertThat(client.nextOfType("subscribed").<List<String>>read("$.symbols")).isEmpty();
		}
	}

	@Test
	void ticksCarryAConsistentQuote() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/quotes")) {
			client.nextOfType("symbols");
			client.send("{\"subscribe\": [\"NVDA\"]}");
			for (int i = 0; i < TICKS; i++) {
				DocumentContext tick = client.nextOfType("tick");
				double price = tick.read("$.quote.price", Double.class);
				double open = tick.read("$.quote.open", Double.class);
				double change = tick.read("$.quote.change", Double.class);
				assertThat(tick.read("$.quote.name", String.class)).isEqualTo("NVIDIA");
				assertThat(change).isCloseTo(price - open, org.assertj.core.data.Offset.offset(0.001));
				assertThat(tick.read("$.at", String.class)).isNotBlank();
			}
		}
	}

	@Test
	void badCommandsAreRefusedAndTheSessionStaysOpen() throws Exception {
		try (TestClient client = TestClient.connect(this.port, "/quotes")) {
			client.nextOfType("symbols");
			client.send("{\"subscribe\": \"AAPL\"}");
			assertThat(client.nextOfType("error").read("$.reason", String.class)).contains("expected JSON");
			client.send("{\"subscribe\": [" + "\"AAPL\",".repeat(40) + "\"AAPL\"]}");
			assertThat(client.nextOfType("error").read("$.reason", String.class)).contains("at most 32");
			client.send("{\"subscribe\": [null, \"AMZN\"], \"unsubscribe\": [null]}");
			assertThat(client.nextOfType("subscribed").<List<String>>read("$.symbols")).containsExactly("AMZN");
		}
	}

	private static List<String> symbolsOfNextTicks(TestClient client) throws InterruptedException {
		List<String> symbols = new ArrayList<>();
		for (int i = 0; i < TICKS; i++) {
			symbols.add(client.nextOfType("tick").read("$.quote.symbol", String.class));
		}
		return symbols;
	}

}
