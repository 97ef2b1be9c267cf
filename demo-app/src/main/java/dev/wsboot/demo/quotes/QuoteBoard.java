package dev.wsboot.demo.quotes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.stereotype.Component;

/**
 * Simulated prices, not market data: each step, about half of the symbols move by a small
 * random amount (a geometric random walk, gently pulled back towards the opening price so
 * that a demo left running for days stays plausible). Thread-safe.
 */
@Component
class QuoteBoard {

	private static final double VOLATILITY = 0.0015;

	private static final double PULL_BACK = 0.002;

	private static final double MOVE_PROBABILITY = 0.5;

	private final SplittableRandom random;

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	QuoteBoard() {
		this(new SplittableRandom());
	}

	QuoteBoard(SplittableRandom random) {
		this.random = random;
		add("AAPL", "Apple", 228.50);
		add("MSFT", "Microsoft", 415.20);
		add("GOOG", "Alphabet", 172.40);
		add("AMZN", "Amazon", 186.30);
		add("NVDA", "NVIDIA", 132.80);
		add("TSLA", "Tesla", 248.90);
	}

	private void add(String symbol, String name, double open) {
		this.entries.put(symbol, new Entry(symbol, name, open));
	}

	boolean isKnown(String symbol) {
		return this.entries.containsKey(symbol);
	}

	/**
	 * Returns the latest quote of every symbol, in a fixed order.
	 * @return the quotes
	 */
	synchronized List<Quote> quotes() {
		return this.entries.values().stream().map(Entry::quote).toList();
	}

	/**
	 * Returns the latest quote of a symbol.
	 * @param symbol a known symbol
	 * @return its quote
	 */
	synchronized Quote quote(String symbol) {
		return this.entries.get(symbol).quote();
	}

	/**
	 * Moves some of the prices.
	 * @return the quotes that changed
	 */
	synchronized List<Quote> step() {
		List<Quote> moved = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			if (this.random.nextDouble() < MOVE_PROBABILITY) {
				double drift = -PULL_BACK * Math.log(entry.price / entry.open);
				double price = entry.price * Math.exp(drift + VOLATILITY * this.random.nextGaussian());
				entry.price = Math.max(0.01, price);
				entry.seq++;
				moved.add(entry.quote());
			}
		}
		return moved;
	}

	private static BigDecimal cents(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
	}

	/**
	 * A symbol's latest quote.
	 *
	 * @param symbol the ticker symbol
	 * @param name the company's name
	 * @param price the price
	 * @param open the opening price
	 * @param change the change since the opening price
	 * @param changePercent the change in percent of the opening price
	 * @param seq counts the symbol's moves, so that a client can drop a quote older than
	 * one it already has
	 */
	record Quote(String symbol, String name, BigDecimal price, BigDecimal open, BigDecimal change,
			BigDecimal changePercent, long seq) {
	}

	private static final class Entry {

		private final String symbol;

		private final String name;

		private final double open;

		private double price;

		private long seq;

		Entry(String symbol, String name, double open) {
			this.symbol = symbol;
			this.name = name;
			this.open = open;
			this.price = open;
		}

		Quote quote() {
			BigDecimal price = cents(this.price);
			BigDecimal open = cents(this.open);
			BigDecimal change = price.subtract(open);
			BigDecimal percent = change.multiply(BigDecimal.valueOf(100)).divide(open, 2, RoundingMode.HALF_UP);
			return new Quote(this.symbol, this.name, price, open, change, percent, this.seq);
		}

	}

}
