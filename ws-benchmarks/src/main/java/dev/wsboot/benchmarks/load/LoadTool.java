package dev.wsboot.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * The end-to-end load tool: one thread, non-blocking NIO, the client role of
 * {@code ws-protocol}. Each scenario warms up, then measures for a fixed time, telling a
 * {@link Phases} listener when the measured phase starts and ends (the runner samples CPU
 * time there), then closes its connections and returns. Every run is bounded in time.
 */
public final class LoadTool {

	static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private LoadTool() {
	}

	/**
	 * Told when the measured phase of a scenario starts and ends, on the load tool's
	 * thread, right at the boundary.
	 */
	public interface Phases {

		/** No-op listener. */
		Phases NONE = new Phases() {
		};

		default void measureStarted() {
		}

		default void measureEnded() {
		}

	}

	/**
	 * An echo scenario.
	 *
	 * @param connections how many connections
	 * @param inFlight how many messages each connection keeps in flight
	 * @param payloadSize the payload of each message, in bytes
	 * @param binary whether messages are binary (else ASCII text)
	 * @param warmup how long to run before measuring
	 * @param measure how long to measure
	 */
	public record EchoSpec(int connections, int inFlight, int payloadSize, boolean binary, Duration warmup,
			Duration measure) {

		/**
		 * Returns the same load with other phases.
		 * @param warmup the warm-up
		 * @param measure the measured phase
		 * @return the spec
		 */
		public EchoSpec withPhases(Duration warmup, Duration measure) {
			return new EchoSpec(this.connections, this.inFlight, this.payloadSize, this.binary, warmup, measure);
		}

	}

	/**
	 * What an echo scenario measured.
	 *
	 * @param messages echoes received in the measured phase
	 * @param payloadBytes their payload bytes
	 * @param measuredNanos how long the measured phase lasted
	 * @param latency round trip of each of those echoes, in nanoseconds
	 * @param mismatches echoes whose payload differed from what was sent (whole run)
	 * @param failures connections that failed (whole run)
	 * @param opened connections whose handshake succeeded
	 */
	public record EchoResult(long messages, long payloadBytes, long measuredNanos, Histogram latency, long mismatches,
			long failures, int opened) {

		public double messagesPerSecond() {
			return this.messages * 1e9 / this.measuredNanos;
		}

		public double megabytesPerSecond() {
			return this.payloadBytes * 1e3 / this.measuredNanos;
		}

	}

	/**
	 * What the idle scenario measured.
	 *
	 * @param opened connections whose handshake succeeded
	 * @param failures connections that failed
	 * @param connectNanos how long opening them took
	 */
	public record IdleResult(int opened, long failures, long connectNanos) {
	}

	/**
	 * What the handshake scenario measured.
	 *
	 * @param handshakes connections that connected, shook hands and closed cleanly in the
	 * measured phase
	 * @param measuredNanos how long the measured phase lasted
	 * @param latency from connect to the 101 response, in nanoseconds
	 * @param failures attempts that failed (whole run)
	 */
	public record HandshakeResult(long handshakes, long measuredNanos, Histogram latency, long failures) {

		public double handshakesPerSecond() {
			return this.handshakes * 1e9 / this.measuredNanos;
		}

	}

	/**
	 * Runs an echo scenario: every connection sends its payload, and sends it again for
	 * each echo, keeping {@code inFlight} messages in flight.
	 * @param address the server
	 * @param path the endpoint's path
	 * @param spec the scenario
	 * @param phases told when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when a socket cannot be opened
	 */
	public static EchoResult echo(InetSocketAddress address, String path, EchoSpec spec, Phases phases)
			throws IOException {
		try (ClientLoop loop = new ClientLoop(address, path)) {
			return echo(loop, spec, new ConstantPayloads(spec), phases);
		}
	}

	/**
	 * Runs an echo scenario on a loop.
	 * @param loop the loop, which the caller closes
	 * @param spec the scenario; its payload size and type are {@code payloads}' business
	 * @param payloads what the connections send
	 * @param phases told when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when a socket cannot be opened
	 */
	static EchoResult echo(ClientLoop loop, EchoSpec spec, Payloads payloads, Phases phases) throws IOException {
		EchoDriver driver = new EchoDriver(spec, payloads, phases);
		for (int i = 0; i < spec.connections(); i++) {
			Connection connection = loop.connect(driver);
			driver.open++;
			driver.connections.add(connection);
			payloads.assign(connection, i);
		}
		long deadline = driver.measureEnd + 10 * SECOND;
		loop.run(driver, deadline);
		if (!driver.stopped) {
			driver.stop(System.nanoTime());
		}
		return new EchoResult(driver.messages, driver.bytes, driver.measuredNanos, driver.latency, driver.mismatches,
				driver.failures, driver.opened);
	}

	/**
	 * Opens idle connections, runs {@code whileOpen} once all are open, then drops them.
	 * @param address the server
	 * @param path the endpoint's path
	 * @param count how many connections
	 * @param concurrency how many handshakes may be under way at once
	 * @param timeout how long opening them may take
	 * @param phases told when connecting starts and when every connection is open
	 * @param whileOpen runs while every connection is open
	 * @return what was measured
	 */
	public static IdleResult idle(InetSocketAddress address, String path, int count, int concurrency, Duration timeout,
			Phases phases, Runnable whileOpen) {
		try (ClientLoop loop = new ClientLoop(address, path)) {
			IdleDriver driver = new IdleDriver(loop, count, concurrency, phases);
			long start = System.nanoTime();
			loop.run(driver, start + timeout.toNanos());
			long connectNanos = System.nanoTime() - start;
			if (!driver.ended) {
				phases.measureEnded();
			}
			whileOpen.run();
			return new IdleResult(driver.opened, driver.failures, connectNanos);
		}
	}

	/**
	 * Connects, shakes hands and closes, over and over, with {@code concurrency} attempts
	 * under way at once.
	 * @param address the server
	 * @param path the endpoint's path
	 * @param concurrency attempts under way at once
	 * @param warmup how long to run before measuring
	 * @param measure how long to measure
	 * @param phases told when measuring starts and ends
	 * @return what was measured
	 */
	public static HandshakeResult handshakes(InetSocketAddress address, String path, int concurrency, Duration warmup,
			Duration measure, Phases phases) {
		try (ClientLoop loop = new ClientLoop(address, path)) {
			HandshakeDriver driver = new HandshakeDriver(loop, concurrency, warmup, measure, phases);
			loop.run(driver, driver.measureEnd + 10 * SECOND);
			if (!driver.stopped) {
				driver.stop(System.nanoTime());
			}
			return new HandshakeResult(driver.handshakes, driver.measuredNanos, driver.latency, driver.failures);
		}
	}

	/**
	 * Returns the payload connection {@code index} sends: ASCII text naming the
	 * connection, or pseudo-random bytes.
	 * @param index the connection's index
	 * @param spec the scenario
	 * @return the payload
	 */
	static byte[] payload(int index, EchoSpec spec) {
		byte[] payload = new byte[spec.payloadSize()];
		if (spec.binary()) {
			new Random(index).nextBytes(payload);
		}
		else {
			byte[] name = ("connection " + index + " says hello, ").getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < payload.length; i++) {
				payload[i] = name[i % name.length];
			}
		}
		return payload;
	}

	static Histogram histogram() {
		return new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
	}

	/** The same payload for every message of a connection: {@link #payload}. */
	private static final class ConstantPayloads implements Payloads {

		private final EchoSpec spec;

		ConstantPayloads(EchoSpec spec) {
			this.spec = spec;
		}

		@Override
		public void assign(Connection connection, int index) {
			connection.expected = payload(index, this.spec);
		}

		@Override
		public ByteBuffer next(Connection connection) {
			return ByteBuffer.wrap(connection.expected);
		}

		@Override
		public void echoed(Connection connection) {
		}

	}

	private static final class EchoDriver implements Driver {

		final EchoSpec spec;

		final Payloads payloads;

		final Phases phases;

		final long measureStart;

		final long measureEnd;

		final Histogram latency = histogram();

		final List<Connection> connections = new ArrayList<>();

		int open;

		int opened;

		boolean measuring;

		boolean stopped;

		long stopDeadline;

		long measuredNanos;

		long startedAt;

		long messages;

		long bytes;

		long mismatches;

		long failures;

		EchoDriver(EchoSpec spec, Payloads payloads, Phases phases) {
			this.spec = spec;
			this.payloads = payloads;
			this.phases = phases;
			long now = System.nanoTime();
			this.measureStart = now + spec.warmup().toNanos();
			this.measureEnd = this.measureStart + spec.measure().toNanos();
		}

		@Override
		public void onOpen(Connection connection) {
			this.opened++;
			try {
				for (int i = 0; i < this.spec.inFlight(); i++) {
					connection.send(!this.spec.binary(), this.payloads.next(connection));
				}
			}
			catch (IOException ex) {
				connection.fail(ex);
			}
		}

		@Override
		public void onMessage(Connection connection, boolean text, long length, boolean matched, long sentAt,
				long now) {
			if (!matched) {
				this.mismatches++;
			}
			this.payloads.echoed(connection);
			if (this.stopped) {
				return;
			}
			if (this.measuring && sentAt >= 0) {
				this.latency.recordValue(Math.min(now - sentAt, this.latency.getHighestTrackableValue()));
				this.messages++;
				this.bytes += length;
			}
			try {
				connection.send(!this.spec.binary(), this.payloads.next(connection));
			}
			catch (IOException ex) {
				connection.fail(ex);
			}
		}

		@Override
		public void onClosed(Connection connection) {
			this.open--;
		}

		@Override
		public void onFailure(Connection connection, Exception failure) {
			this.open--;
			if (!this.stopped) {
				this.failures++;
			}
		}

		@Override
		public long tick(long now) {
			if (!this.measuring && !this.stopped && now - this.measureStart >= 0) {
				this.measuring = true;
				this.startedAt = now;
				this.phases.measureStarted();
			}
			if (this.measuring && now - this.measureEnd >= 0) {
				stop(now);
			}
			if (this.stopped) {
				return this.stopDeadline;
			}
			return this.measuring ? this.measureEnd : this.measureStart;
		}

		void stop(long now) {
			if (this.measuring) {
				this.phases.measureEnded();
				this.measuredNanos = now - this.startedAt;
			}
			this.measuring = false;
			this.stopped = true;
			this.stopDeadline = now + 3 * SECOND;
			for (Connection connection : this.connections) {
				try {
					connection.sendClose();
				}
				catch (IOException ex) {
					connection.fail(ex);
				}
			}
		}

		@Override
		public boolean isDone() {
			return this.stopped && (this.open <= 0 || System.nanoTime() - this.stopDeadline >= 0);
		}

	}

	private static final class IdleDriver implements Driver {

		final ClientLoop loop;

		final int count;

		final int concurrency;

		final Phases phases;

		int started;

		/** Connections whose handshake is under way. */
		final Set<Connection> pending = Collections.newSetFromMap(new IdentityHashMap<>());

		int opened;

		long failures;

		boolean ended;

		IdleDriver(ClientLoop loop, int count, int concurrency, Phases phases) {
			this.loop = loop;
			this.count = count;
			this.concurrency = concurrency;
			this.phases = phases;
			phases.measureStarted();
		}

		@Override
		public void onOpen(Connection connection) {
			this.pending.remove(connection);
			this.opened++;
			if (this.opened == this.count) {
				this.ended = true;
				this.phases.measureEnded();
			}
		}

		@Override
		public void onMessage(Connection connection, boolean text, long length, boolean matched, long sentAt,
				long now) {
		}

		@Override
		public void onClosed(Connection connection) {
		}

		@Override
		public void onFailure(Connection connection, Exception failure) {
			this.pending.remove(connection);
			this.failures++;
		}

		@Override
		public long tick(long now) {
			while (this.started < this.count && this.pending.size() < this.concurrency
					&& this.failures < Math.max(100, this.count / 100)) {
				try {
					this.pending.add(this.loop.connect(this));
				}
				catch (IOException ex) {
					this.failures++;
				}
				this.started++;
			}
			return now + SECOND / 10;
		}

		@Override
		public boolean isDone() {
			return this.opened + this.failures >= this.count || this.failures >= Math.max(100, this.count / 100);
		}

	}

	private static final class HandshakeDriver implements Driver {

		final ClientLoop loop;

		final int concurrency;

		final Phases phases;

		final long measureStart;

		final long measureEnd;

		final Histogram latency = histogram();

		int underWay;

		boolean measuring;

		boolean stopped;

		long stopDeadline;

		long startedAt;

		long measuredNanos;

		long handshakes;

		long failures;

		HandshakeDriver(ClientLoop loop, int concurrency, Duration warmup, Duration measure, Phases phases) {
			this.loop = loop;
			this.concurrency = concurrency;
			this.phases = phases;
			long now = System.nanoTime();
			this.measureStart = now + warmup.toNanos();
			this.measureEnd = this.measureStart + measure.toNanos();
		}

		@Override
		public void onOpen(Connection connection) {
			if (this.measuring) {
				this.latency.recordValue(
						Math.min(System.nanoTime() - connection.startedNanos, this.latency.getHighestTrackableValue()));
			}
			try {
				connection.sendClose();
			}
			catch (IOException ex) {
				connection.fail(ex);
			}
		}

		@Override
		public void onMessage(Connection connection, boolean text, long length, boolean matched, long sentAt,
				long now) {
		}

		@Override
		public void onClosed(Connection connection) {
			this.underWay--;
			if (this.measuring) {
				this.handshakes++;
			}
		}

		@Override
		public void onFailure(Connection connection, Exception failure) {
			this.underWay--;
			if (!this.stopped) {
				this.failures++;
			}
		}

		@Override
		public long tick(long now) {
			if (!this.measuring && !this.stopped && now - this.measureStart >= 0) {
				this.measuring = true;
				this.startedAt = now;
				this.phases.measureStarted();
			}
			if (this.measuring && now - this.measureEnd >= 0) {
				stop(now);
			}
			if (this.stopped) {
				return this.stopDeadline;
			}
			while (this.underWay < this.concurrency) {
				try {
					this.loop.connect(this);
					this.underWay++;
				}
				catch (IOException ex) {
					this.failures++;
					break;
				}
			}
			return this.measuring ? this.measureEnd : this.measureStart;
		}

		void stop(long now) {
			if (this.measuring) {
				this.phases.measureEnded();
				this.measuredNanos = now - this.startedAt;
			}
			this.measuring = false;
			this.stopped = true;
			this.stopDeadline = now + 3 * SECOND;
		}

		@Override
		public boolean isDone() {
			return this.stopped && (this.underWay <= 0 || System.nanoTime() - this.stopDeadline >= 0);
		}

	}

}
