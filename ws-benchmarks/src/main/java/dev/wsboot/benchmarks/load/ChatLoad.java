package dev.wsboot.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import dev.wsboot.benchmarks.load.LoadTool.EchoResult;
import dev.wsboot.benchmarks.load.LoadTool.EchoSpec;
import dev.wsboot.benchmarks.load.LoadTool.Phases;
import dev.wsboot.protocol.extension.PerMessageDeflateConfig;
import dev.wsboot.protocol.extension.PerMessageDeflateParameters;

/**
 * The load tool's chat runs, for the compression benchmark: JSON chat messages from a
 * {@link ChatMessages} pool, echoed and checked, over connections that offer
 * permessage-deflate or not. Each run reports the terms the server agreed to and the
 * traffic on the wire, so compressed and uncompressed runs compare byte for byte.
 */
public final class ChatLoad {

	/**
	 * The offer a browser makes, {@code permessage-deflate; client_max_window_bits}: no
	 * no-context-takeover parameters, so the server's answer decides; then every message
	 * that shrinks goes out compressed (as Chromium compresses every message), at zlib's
	 * default level.
	 */
	public static final PerMessageDeflateConfig BROWSER_OFFER = new PerMessageDeflateConfig(true, false, false, 0, 6);

	private ChatLoad() {
	}

	/**
	 * A chat echo run.
	 *
	 * @param connections how many connections
	 * @param inFlight how many messages each keeps in flight
	 * @param offer the permessage-deflate offer, or {@code null} to offer none
	 * @param warmup how long to run before measuring
	 * @param measure how long to measure
	 */
	public record ChatSpec(int connections, int inFlight, PerMessageDeflateConfig offer, Duration warmup,
			Duration measure) {
	}

	/**
	 * What a chat echo run measured.
	 *
	 * @param echo the echoes, as {@link LoadTool#echo} reports them
	 * @param traffic the wire traffic of the measured phase
	 * @param negotiation what the connections agreed to
	 */
	public record ChatResult(EchoResult echo, Traffic traffic, Negotiation negotiation) {

		/**
		 * Returns the bytes sent on the wire per echoed message, frame overhead included.
		 * @return bytes, client to server
		 */
		public double bytesSentPerMessage() {
			return this.traffic.bytesSent() / (double) this.echo.messages();
		}

		/**
		 * Returns the bytes received on the wire per echoed message.
		 * @return bytes, server to client
		 */
		public double bytesReceivedPerMessage() {
			return this.traffic.bytesReceived() / (double) this.echo.messages();
		}

	}

	/**
	 * A run that opens connections, has each exchange a few chat messages, then holds
	 * them open while the caller measures.
	 *
	 * @param connections how many connections
	 * @param messagesEach how many messages each exchanges, one at a time, at least 1
	 * @param offer the permessage-deflate offer, or {@code null} to offer none
	 * @param concurrency how many connections may connect or exchange at once
	 * @param timeout how long opening and priming them all may take
	 */
	public record PrimedSpec(int connections, int messagesEach, PerMessageDeflateConfig offer, int concurrency,
			Duration timeout) {

		public PrimedSpec {
			if (messagesEach < 1) {
				throw new IllegalArgumentException("Each connection must exchange a message: " + messagesEach);
			}
		}

	}

	/**
	 * What a primed run did.
	 *
	 * @param primed connections that exchanged their messages and were open while the
	 * caller measured
	 * @param failures connections that failed
	 * @param mismatches echoes whose payload differed from what was sent
	 * @param negotiation what the connections agreed to
	 */
	public record PrimedResult(int primed, long failures, long mismatches, Negotiation negotiation) {
	}

	/**
	 * The permessage-deflate terms the connections of a run agreed to.
	 *
	 * @param terms the terms, or {@code null} if none negotiated the extension
	 * @param connections how many connections negotiated it
	 */
	public record Negotiation(PerMessageDeflateParameters terms, int connections) {

		static Negotiation of(ClientLoop loop) {
			return new Negotiation(loop.compression().negotiated(), loop.compression().negotiations());
		}

	}

	/**
	 * Runs chat echoes: every connection sends its own sequence of messages, keeping
	 * {@code inFlight} in flight, and checks each echo, inflated if compressed, against
	 * what it sent.
	 * @param address the server
	 * @param path the endpoint's path
	 * @param spec the run
	 * @param messages the messages
	 * @param phases told when measuring starts and ends
	 * @return what was measured
	 * @throws IOException when a socket cannot be opened
	 */
	public static ChatResult echo(InetSocketAddress address, String path, ChatSpec spec, ChatMessages messages,
			Phases phases) throws IOException {
		try (ClientLoop loop = new ClientLoop(address, path, offer(spec.offer()))) {
			TrafficProbe probe = new TrafficProbe(loop, phases);
			// Text messages; their size is the pool's.
			EchoSpec echoSpec = new EchoSpec(spec.connections(), spec.inFlight(), 0, false, spec.warmup(),
					spec.measure());
			EchoResult echo = LoadTool.echo(loop, echoSpec, new ChatPayloads(messages), probe);
			return new ChatResult(echo, probe.measured, Negotiation.of(loop));
		}
	}

	/**
	 * Opens connections, has each exchange a few chat messages, runs {@code whileOpen}
	 * once all are primed, then drops them.
	 * @param address the server
	 * @param path the endpoint's path
	 * @param spec the run
	 * @param messages the messages
	 * @param phases told when connecting starts and when every connection is primed
	 * @param whileOpen runs while every connection is open
	 * @return what was done
	 */
	public static PrimedResult primed(InetSocketAddress address, String path, PrimedSpec spec, ChatMessages messages,
			Phases phases, Runnable whileOpen) {
		try (ClientLoop loop = new ClientLoop(address, path, offer(spec.offer()))) {
			PrimingDriver driver = new PrimingDriver(loop, spec.connections(), spec.messagesEach(), spec.concurrency(),
					new ChatPayloads(messages), phases);
			loop.run(driver, System.nanoTime() + spec.timeout().toNanos());
			if (!driver.ended) {
				phases.measureEnded();
			}
			whileOpen.run();
			return new PrimedResult(driver.primed, driver.failures, driver.mismatches, Negotiation.of(loop));
		}
	}

	private static PerMessageDeflateConfig offer(PerMessageDeflateConfig offer) {
		return (offer != null) ? offer : ClientCompression.NOT_OFFERED;
	}

	/** Takes the loop's traffic counts at the measured phase's boundaries. */
	private static final class TrafficProbe implements Phases {

		private final ClientLoop loop;

		private final Phases next;

		private Traffic start;

		Traffic measured = new Traffic(0, 0, 0, 0);

		TrafficProbe(ClientLoop loop, Phases next) {
			this.loop = loop;
			this.next = next;
		}

		@Override
		public void measureStarted() {
			this.start = this.loop.traffic().snapshot();
			this.next.measureStarted();
		}

		@Override
		public void measureEnded() {
			this.next.measureEnded();
			this.measured = this.loop.traffic().snapshot().minus(this.start);
		}

	}

}
