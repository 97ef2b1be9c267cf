package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.random.RandomGenerator;

import dev.wsboot.benchmarks.load.Connection;
import dev.wsboot.protocol.frame.Opcode;

/**
 * One connection of the soak: sends numbered messages, whole or in fragments with maybe a
 * ping between them, and checks what comes back against what it has in flight. Loop
 * thread only.
 */
final class Session {

	private final long id;

	private final boolean steady;

	private final Connection connection;

	private final long startedNanos;

	private final InFlight inFlight;

	private boolean open;

	/** The payload of the ping in flight, or {@code null}. */
	private byte[] ping;

	private long pings;

	Session(long id, boolean steady, Connection connection, long startedNanos) {
		this.id = id;
		this.steady = steady;
		this.connection = connection;
		this.startedNanos = startedNanos;
		this.inFlight = new InFlight(id);
		connection.keepMessages();
	}

	long id() {
		return this.id;
	}

	boolean steady() {
		return this.steady;
	}

	Connection connection() {
		return this.connection;
	}

	long startedNanos() {
		return this.startedNanos;
	}

	long nextSeq() {
		return this.inFlight.nextSeq();
	}

	void opened() {
		this.open = true;
	}

	boolean isOpen() {
		return this.open;
	}

	int inFlight() {
		return this.inFlight.size();
	}

	/**
	 * Returns whether nothing is in flight on an open connection: no message, no ping.
	 * @return whether the session is quiet
	 */
	boolean idle() {
		return this.open && this.inFlight.size() == 0 && this.ping == null;
	}

	boolean canPing() {
		return this.ping == null;
	}

	/**
	 * Sends a message, in {@code fragments} frames cut at random places (text may be cut
	 * inside a character), with a ping after the first frame if asked.
	 * @param message the message, which must carry {@link #nextSeq()}
	 * @param fragments how many frames, at least 1
	 * @param withPing whether to send a ping after the first frame
	 * @param random where the cuts come from
	 * @throws IOException when the socket fails
	 */
	void send(SoakMessage message, int fragments, boolean withPing, RandomGenerator random) throws IOException {
		this.inFlight.add(message);
		byte[] payload = message.payload();
		int[] cuts = new int[fragments + 1];
		for (int i = 1; i < fragments; i++) {
			cuts[i] = random.nextInt(payload.length + 1);
		}
		cuts[fragments] = payload.length;
		Arrays.sort(cuts);
		for (int i = 0; i < fragments; i++) {
			int opcode = (i > 0) ? Opcode.CONTINUATION : message.text() ? Opcode.TEXT : Opcode.BINARY;
			this.connection.sendFrame(i == fragments - 1, opcode,
					ByteBuffer.wrap(payload, cuts[i], cuts[i + 1] - cuts[i]));
			if (i == 0 && withPing) {
				// Control frames may come between a message's fragments (RFC 6455 5.4).
				this.ping = ("ping " + this.id + " " + this.pings++).getBytes(StandardCharsets.US_ASCII);
				this.connection.sendFrame(true, Opcode.PING, ByteBuffer.wrap(this.ping));
			}
		}
	}

	/**
	 * Checks an echo against what is in flight, and forgets the message it matches.
	 * @param text whether it came as text
	 * @param echo its payload
	 * @return what it is
	 */
	InFlight.Echo verify(boolean text, ByteBuffer echo) {
		return this.inFlight.verify(text, echo);
	}

	/**
	 * Checks a pong against the ping in flight.
	 * @param payload the pong's application data
	 * @return whether it answers that ping
	 */
	boolean verifyPong(ByteBuffer payload) {
		boolean matched = this.ping != null && payload.equals(ByteBuffer.wrap(this.ping));
		this.ping = null;
		return matched;
	}

	/**
	 * Forgets what is in flight, when the connection ends.
	 * @return how many messages were in flight
	 */
	int abandon() {
		this.ping = null;
		return this.inFlight.clear();
	}

}
