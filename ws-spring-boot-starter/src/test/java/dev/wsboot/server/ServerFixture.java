package dev.wsboot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.protocol.handshake.HandshakeRequest;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link WsServer} with an echo endpoint at {@code /echo} on a free loopback port, and
 * the checks that it came through a fault unharmed: a new client is served, no connection
 * or session is left, and the server holds no more threads and file descriptors than
 * before.
 */
final class ServerFixture implements AutoCloseable {

	/** How long the server gets to clean up after a fault. */
	static final Duration CLEANUP = Duration.ofSeconds(30);

	/** File descriptors that may come and go outside the server's doing. */
	private static final int FD_TOLERANCE = 8;

	private static final Path FDS = Path.of("/proc/self/fd");

	/** The query of the fixture's own clients, whose sessions it does not report. */
	private static final String PROBE = "probe";

	private final ExecutorService workers = Executors.newFixedThreadPool(4);

	private final BlockingQueue<WsSession> sessions = new LinkedBlockingQueue<>();

	private final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();

	private final WsServer server;

	private final long threadBaseline;

	private final int threads;

	private final long fdBaseline;

	private int probes;

	private final @Nullable SSLContext clientTls;

	private final Logger serverLogger = Logger.getLogger(WsServer.class.getName());

	private final List<LogRecord> problems = new CopyOnWriteArrayList<>();

	private final Handler problemRecorder = new Handler() {

		@Override
		public void publish(LogRecord record) {
			if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
				ServerFixture.this.problems.add(record);
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	/**
	 * Starts a server and takes the baselines, after one echo so that everything loaded
	 * lazily is loaded.
	 * @param customizer changes to the configuration: two event loops, handlers on a pool
	 * of four, 1 MiB frames and messages
	 * @throws IOException if the server cannot start
	 */
	ServerFixture(UnaryOperator<WsServerConfig.Builder> customizer) throws IOException {
		this(customizer, null);
	}

	/**
	 * Starts a server, whose configuration is to serve TLS if a client context is given,
	 * and takes the baselines.
	 * @param customizer changes to the configuration, as for the plain fixture
	 * @param clientTls the TLS context of the fixture's own clients, or {@code null} for
	 * plain TCP
	 * @throws IOException if the server cannot start
	 */
	ServerFixture(UnaryOperator<WsServerConfig.Builder> customizer, @Nullable SSLContext clientTls) throws IOException {
		this.clientTls = clientTls;
		long threadsBefore = serverThreads();
		// The listener logs through System.Logger, which goes to java.util.logging here.
		this.serverLogger.addHandler(this.problemRecorder);
		WsServerConfig config = customizer
			.apply(WsServerConfig.builder()
				.address(InetAddress.getLoopbackAddress())
				.port(0)
				.eventLoops(2)
				.maxFrameSize(1 << 20)
				.maxMessageSize(1 << 20)
				.handlerExecutor(this.workers))
			.build();
		this.server = new WsServer(config, this::route);
		this.server.start();
		this.threadBaseline = serverThreads();
		this.threads = config.eventLoops();
		assertThat(this.threadBaseline).as("server threads").isEqualTo(threadsBefore + config.eventLoops());
		assertEchoes();
		awaitNoConnections();
		this.fdBaseline = openFileDescriptors();
	}

	WsServer server() {
		return this.server;
	}

	int port() {
		return this.server.port();
	}

	/**
	 * Waits for the next session the echo endpoint opens.
	 * @return the session
	 * @throws InterruptedException if interrupted
	 */
	WsSession nextSession() throws InterruptedException {
		WsSession session = this.sessions.poll(RawClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(session).as("session opened").isNotNull();
		return session;
	}

	/**
	 * Waits for the next close the echo endpoint is told of.
	 * @return the close code
	 * @throws InterruptedException if interrupted
	 */
	int nextClose() throws InterruptedException {
		Integer code = this.closes.poll(CLEANUP.toSeconds(), TimeUnit.SECONDS);
		assertThat(code).as("session closed").isNotNull();
		return code;
	}

	/**
	 * Waits until the echo endpoint has been told of a number of closes, and forgets
	 * them.
	 * @param count how many
	 * @return their close codes
	 */
	List<Integer> awaitCloses(int count) {
		List<Integer> codes = new ArrayList<>();
		await(count + " sessions closed").atMost(CLEANUP).pollInterval(Duration.ofMillis(10)).until(() -> {
			this.closes.drainTo(codes);
			return codes.size() >= count;
		});
		assertThat(codes).as("sessions closed").hasSize(count);
		return codes;
	}

	/**
	 * Returns the close codes reported so far, and forgets them.
	 * @return the codes
	 */
	List<Integer> drainCloses() {
		List<Integer> codes = new ArrayList<>();
		this.closes.drainTo(codes);
		return codes;
	}

	/**
	 * Checks that the server came through: it echoes for a new client, and once that
	 * client is gone it has no connection and no session left, the threads it started
	 * with, and about the file descriptors it had.
	 * @throws IOException if the new client cannot talk to the server
	 */
	void assertRecovered() throws IOException {
		awaitNoConnections();
		assertNoProblemsLogged();
		assertEchoes();
		awaitNoConnections();
		assertThat(serverThreads()).as("server threads").isEqualTo(this.threadBaseline);
		if (Files.isDirectory(FDS)) {
			await("open file descriptors back to " + this.fdBaseline).atMost(CLEANUP)
				.pollInterval(Duration.ofMillis(20))
				.until(ServerFixture::openFileDescriptors, (count) -> count <= this.fdBaseline + FD_TOLERANCE);
		}
	}

	/**
	 * Stops the server and checks that it leaves nothing behind: no thread of its own,
	 * and no more file descriptors than it had running idle.
	 * @param clientSockets how many sockets the test itself still has open
	 */
	void stopAndAssertNothingLeft(int clientSockets) {
		this.server.stop(Duration.ofSeconds(5));
		assertNoProblemsLogged();
		assertThat(this.server.connections()).as("connections after stop").isZero();
		assertThat(this.server.openSessions()).as("sessions after stop").isZero();
		assertThat(serverThreads()).as("server threads after stop").isEqualTo(this.threadBaseline - this.threads);
		if (Files.isDirectory(FDS)) {
			await("open file descriptors back to " + this.fdBaseline).atMost(CLEANUP)
				.pollInterval(Duration.ofMillis(20))
				.until(ServerFixture::openFileDescriptors,
						(count) -> count <= this.fdBaseline + clientSockets + FD_TOLERANCE);
		}
	}

	/**
	 * Checks that the listener logged no warning and no error: each is a failure it did
	 * not expect, such as an exception escaping a connection's handling to its event
	 * loop.
	 */
	void assertNoProblemsLogged() {
		assertThat(this.problems).as("warnings and errors logged by the listener")
			.extracting((record) -> record.getLevel() + " " + record.getMessage()
					+ ((record.getThrown() != null) ? ": " + record.getThrown() : ""))
			.isEmpty();
	}

	/**
	 * Waits until the server has no connection and no session.
	 */
	void awaitNoConnections() {
		await("connections and sessions back to 0").atMost(CLEANUP)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.server.connections() == 0 && this.server.openSessions() == 0);
	}

	private void assertEchoes() throws IOException {
		String text = "probe " + this.probes++;
		try (RawClient client = RawClient.open(port(), "/echo?" + PROBE, this.clientTls)) {
			client.sendText(text);
			assertThat(client.readText()).as("echo").isEqualTo(text);
			client.sendClose(1000);
			assertThat(client.readClose()).as("close echoed").isEqualTo(1000);
			assertThat(client.awaitServerClose()).as("server closes TCP after the close handshake").isTrue();
		}
	}

	/**
	 * Returns how many threads the server runs: its event loops, the first of which
	 * accepts.
	 * @return the number of live threads named as the server names them
	 */
	static long serverThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("ws-loop-"))
			.count();
	}

	/**
	 * Returns how many file descriptors this process has open.
	 * @return the number of entries in {@code /proc/self/fd}
	 */
	static long openFileDescriptors() {
		try (Stream<Path> fds = Files.list(FDS)) {
			return fds.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the soft limit on open file descriptors of this process.
	 * @return the limit, or {@code Long.MAX_VALUE} if unlimited or unknown
	 */
	static long fileDescriptorLimit() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
				if (line.startsWith("Max open files")) {
					String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
					return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
				}
			}
		}
		catch (IOException ex) {
			// Not Linux: no limit known.
		}
		return Long.MAX_VALUE;
	}

	@Override
	public void close() {
		this.server.stop(Duration.ofSeconds(5));
		this.workers.shutdownNow();
		this.serverLogger.removeHandler(this.problemRecorder);
	}

	private HandshakeDecision route(HandshakeRequest request, InetSocketAddress remote) {
		if (request.path().equals("/echo")) {
			return new HandshakeDecision.Accept(new EchoHandler(), "/echo");
		}
		return new HandshakeDecision.Reject(404, "no endpoint", "not_found");
	}

	private final class EchoHandler implements WsHandler {

		@Override
		public void onOpen(WsSession session) {
			if (!PROBE.equals(session.query())) {
				ServerFixture.this.sessions.add(session);
			}
		}

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, ByteBuffer data) {
			session.sendBinary(data);
		}

		@Override
		public void onError(WsSession session, Throwable error) {
			session.close(CloseStatus.of(1011, "error"));
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			if (!PROBE.equals(session.query())) {
				ServerFixture.this.closes.add(status.code());
			}
		}

	}

}
