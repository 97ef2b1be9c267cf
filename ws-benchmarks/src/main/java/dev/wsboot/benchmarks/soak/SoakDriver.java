package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.wsboot.benchmarks.load.ClientLoop;
import dev.wsboot.benchmarks.load.Connection;
import dev.wsboot.benchmarks.load.Driver;

/**
 * The soak's traffic on the load tool's {@link ClientLoop}: a steady population of
 * connections exchanging numbered messages at a bounded rate, and short-lived connections
 * opened at a bounded rate that send a few messages and then close with 1000 or, for a
 * share of them, drop the socket (FIN or RST) without a closing handshake.
 * <p>
 * At each checkpoint (after the warm-up, every sample interval, at the end) the traffic
 * pauses until nothing is in flight and only the steady population is open, the server is
 * given a moment to let go of the sockets closed on it, and the {@link ServerProbe}
 * samples it: so every sample is taken in the same state. After the last one the steady
 * connections close with 1000. Loop thread only.
 */
final class SoakDriver implements Driver {

	private static final long TICK = TimeUnit.MILLISECONDS.toNanos(5);

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	/** How long a checkpoint waits for the traffic in flight. */
	private static final long QUIESCE_TIMEOUT = 30 * SECOND;

	/**
	 * How long a checkpoint waits for the server to close its side of ended sockets:
	 * longer than the close timeout of the servers' defaults (5 s), after which they drop
	 * a peer that left in the middle of a closing handshake.
	 */
	private static final long SETTLE_TIMEOUT = 6 * SECOND;

	/** How long a short-lived connection may take from connect to its last echo. */
	private static final long CHURN_TIMEOUT = 10 * SECOND;

	/** How long the steady connections may take to close at the end. */
	private static final long CLOSE_TIMEOUT = 10 * SECOND;

	private enum Phase {

		TRAFFIC, QUIESCING, CLOSING, DONE

	}

	private final ClientLoop loop;

	private final SoakOptions options;

	private final ServerProbe probe;

	private final SoakStats stats;

	private final SplittableRandom random;

	private final Map<Connection, Session> sessions = new HashMap<>();

	private final List<Session> steady = new ArrayList<>();

	private final Pacer messages;

	private final Pacer churn;

	private final long start;

	private final long end;

	private long nextCheckpoint;

	private boolean warmedUp;

	private Phase phase = Phase.TRAFFIC;

	private long phaseStarted;

	/** When a checkpoint found the traffic quiet, or -1. */
	private long quietSince = -1;

	private long nextExpiry;

	private int cursor;

	private long nextSessionId;

	private int churnAlive;

	SoakDriver(ClientLoop loop, SoakOptions options, ServerProbe probe, SoakStats stats, long start) {
		this.loop = loop;
		this.options = options;
		this.probe = probe;
		this.stats = stats;
		this.random = new SplittableRandom(options.seed);
		this.start = start;
		this.end = start + options.duration.toNanos();
		this.nextCheckpoint = start + options.warmup.toNanos();
		this.messages = new Pacer(options.rate, start);
		this.churn = new Pacer(options.churnRate, start);
	}

	/** Opens the steady population; each connection starts sending once it is open. */
	void openSteady() {
		for (int i = 0; i < this.options.connections; i++) {
			open(true);
		}
	}

	private void open(boolean steadyConnection) {
		long id = this.nextSessionId++;
		try {
			Session session = new Session(id, steadyConnection, this.loop.connect(this), System.nanoTime());
			this.sessions.put(session.connection(), session);
			if (steadyConnection) {
				this.steady.add(session);
			}
			else {
				this.churnAlive++;
			}
		}
		catch (IOException ex) {
			this.stats.handshakeFailures++;
			incident("session " + id + " could not connect: " + ex);
		}
	}

	// ---- the loop's events ----

	@Override
	public void onOpen(Connection connection) {
		Session session = this.sessions.get(connection);
		session.opened();
		if (session.steady()) {
			this.stats.steadyOpened++;
			return;
		}
		this.stats.churnOpened++;
		try {
			for (int i = 1 + this.random.nextInt(this.options.churnMessages); i > 0; i--) {
				sendNext(session);
			}
		}
		catch (IOException ex) {
			connection.fail(ex);
			return;
		}
		if (this.random.nextDouble() < this.options.abruptShare) {
			drop(session, this.random.nextBoolean());
		}
	}

	@Override
	public void onMessage(Connection connection, boolean text, long length, boolean matched, long sentAt, long now) {
		// Each message differs, so the connection's own comparison (matched) does not
		// apply: the session checks the echo against what it has in flight.
		Session session = this.sessions.get(connection);
		if (session == null) {
			return;
		}
		InFlight.Echo echo = session.verify(text, connection.message());
		// Round trips during the warm-up say more about the JIT than the server.
		this.stats.echoed(echo, length, (this.warmedUp && sentAt >= 0) ? now - sentAt : -1);
		if (echo != InFlight.Echo.VERIFIED) {
			incident("session " + session.id() + ": " + echo.name().toLowerCase(Locale.ROOT) + " echo of " + length
					+ " bytes " + (text ? "text" : "binary") + ", " + session.inFlight() + " still in flight");
		}
		if (!session.steady() && session.inFlight() == 0) {
			try {
				connection.sendClose();
			}
			catch (IOException ex) {
				connection.fail(ex);
			}
		}
	}

	@Override
	public void onPong(Connection connection, ByteBuffer payload) {
		Session session = this.sessions.get(connection);
		if (session == null) {
			return;
		}
		if (session.verifyPong(payload)) {
			this.stats.pongsVerified++;
		}
		else {
			this.stats.pongMismatches++;
			incident("session " + session.id() + ": a pong that answers no ping in flight");
		}
	}

	@Override
	public void onClosed(Connection connection) {
		Session session = remove(connection);
		this.stats.closedCleanly++;
		this.stats.closeCode(connection.closeCode());
		if (connection.closeCode() != 1000) {
			incident("session " + session.id() + ": closing handshake answered with "
					+ ((connection.closeCode() < 0) ? "no close frame" : "close " + connection.closeCode()));
		}
		countLost(session, "closed");
	}

	@Override
	public void onFailure(Connection connection, Exception failure) {
		Session session = remove(connection);
		if (session.isOpen()) {
			this.stats.failed++;
		}
		else {
			this.stats.handshakeFailures++;
		}
		if (connection.closeCode() >= 0) {
			this.stats.closeCode(connection.closeCode());
		}
		incident("session " + session.id() + (session.steady() ? " (steady)" : "") + " failed: " + failure);
		countLost(session, "failed");
	}

	@Override
	public long tick(long now) {
		switch (this.phase) {
			case TRAFFIC -> {
				if (now - this.nextCheckpoint >= 0) {
					this.phase = Phase.QUIESCING;
					this.phaseStarted = now;
					this.quietSince = -1;
					return now + TICK;
				}
				expireChurn(now);
				openChurn(now);
				sendSteady(now);
				return (this.nextCheckpoint - now < TICK) ? this.nextCheckpoint : now + TICK;
			}
			case QUIESCING -> {
				expireChurn(now);
				quiesce(now);
				return now + TICK;
			}
			case CLOSING -> {
				if (this.sessions.isEmpty() || now - this.phaseStarted >= CLOSE_TIMEOUT) {
					abandonAll();
				}
				return now + TICK;
			}
			default -> {
				return Long.MAX_VALUE;
			}
		}
	}

	@Override
	public boolean isDone() {
		return this.phase == Phase.DONE;
	}

	// ---- traffic ----

	private void sendSteady(long now) {
		this.messages.refill(now);
		int size = this.steady.size();
		// Round robin over the population, skipping connections whose window is full;
		// a whole round without a send means none has room.
		for (int skipped = 0; skipped < size && this.messages.hasToken();) {
			Session session = this.steady.get(this.cursor % size);
			this.cursor = (this.cursor + 1) % size;
			if (!session.isOpen() || session.inFlight() >= this.options.window) {
				skipped++;
				continue;
			}
			try {
				sendNext(session);
			}
			catch (IOException ex) {
				session.connection().fail(ex);
				return;
			}
			this.messages.take();
			skipped = 0;
		}
	}

	private void sendNext(Session session) throws IOException {
		boolean binary = this.random.nextDouble() < this.options.binaryShare;
		SoakMessage message = binary
				? SoakMessage.binary(session.id(), session.nextSeq(), this.options.maxBinary, this.random)
				: SoakMessage.text(session.id(), session.nextSeq(), this.random);
		int fragments = (this.random.nextDouble() < this.options.fragmentedShare) ? 2 + this.random.nextInt(3) : 1;
		boolean ping = session.canPing() && this.random.nextDouble() < this.options.pingShare;
		session.send(message, fragments, ping, this.random);
		this.stats.sent(message, fragments > 1, ping);
	}

	private void openChurn(long now) {
		this.churn.refill(now);
		while (this.churn.hasToken()) {
			this.churn.take();
			if (this.churnAlive >= this.options.maxChurn()) {
				this.stats.churnSkipped++;
			}
			else {
				open(false);
			}
		}
	}

	/** Ends short-lived connections that are taking too long: their echoes are lost. */
	private void expireChurn(long now) {
		if (now - this.nextExpiry < 0) {
			return;
		}
		this.nextExpiry = now + SECOND;
		List<Session> late = this.sessions.values()
			.stream()
			.filter((session) -> !session.steady() && now - session.startedNanos() > CHURN_TIMEOUT)
			.toList();
		for (Session session : late) {
			session.connection().fail(new IOException("no echo or close within 10 s"));
		}
	}

	private void drop(Session session, boolean reset) {
		remove(session.connection());
		this.stats.abandoned += session.abandon();
		if (reset) {
			session.connection().reset();
			this.stats.droppedReset++;
		}
		else {
			session.connection().closeChannel();
			this.stats.droppedFin++;
		}
	}

	// ---- checkpoints ----

	private void quiesce(long now) {
		boolean quiet = this.churnAlive == 0 && this.steady.stream().allMatch(Session::idle);
		if (!quiet && now - this.phaseStarted < QUIESCE_TIMEOUT) {
			return;
		}
		if (this.quietSince < 0) {
			if (!quiet) {
				this.stats.quiesceTimeouts++;
				incident("checkpoint: traffic still in flight after 30 s");
			}
			this.quietSince = now;
		}
		// The server learns of dropped sockets on its own time.
		if (now - this.quietSince < SETTLE_TIMEOUT && !this.probe.settled(this.sessions.size())) {
			return;
		}
		checkpoint(now);
	}

	private void checkpoint(long now) {
		boolean last = this.warmedUp && now - this.end >= 0;
		String label = !this.warmedUp ? ServerSample.WARMUP
				: last ? ServerSample.END : "t=" + Math.round((now - this.start) / 1e9) + " s";
		this.probe.sample(label, now - this.start, this.sessions.size());
		if (last) {
			this.phase = Phase.CLOSING;
			this.phaseStarted = System.nanoTime();
			for (Session session : List.copyOf(this.steady)) {
				try {
					session.connection().sendClose();
				}
				catch (IOException ex) {
					session.connection().fail(ex);
				}
			}
			return;
		}
		this.warmedUp = true;
		this.nextCheckpoint = Math.min(this.nextCheckpoint + this.options.sampleInterval.toNanos(), this.end);
		this.phase = Phase.TRAFFIC;
		// The pause earns no messages or connections.
		long resumed = System.nanoTime();
		this.messages.resume(resumed);
		this.churn.resume(resumed);
	}

	/** Ends the connections that did not close in time. */
	private void abandonAll() {
		for (Session session : List.copyOf(this.sessions.values())) {
			session.connection().fail(new IOException("no close reply within 10 s"));
		}
		this.phase = Phase.DONE;
	}

	// ---- bookkeeping ----

	private Session remove(Connection connection) {
		Session session = this.sessions.remove(connection);
		if (session.steady()) {
			this.steady.remove(session);
		}
		else {
			this.churnAlive--;
		}
		return session;
	}

	private void countLost(Session session, String how) {
		int lost = session.abandon();
		if (lost > 0) {
			this.stats.lost += lost;
			incident("session " + session.id() + ": " + lost + " message(s) without an echo when it " + how);
		}
	}

	private void incident(String what) {
		this.stats.incident(String.format(Locale.ROOT, "%.1f s: %s", (System.nanoTime() - this.start) / 1e9, what));
	}

}
