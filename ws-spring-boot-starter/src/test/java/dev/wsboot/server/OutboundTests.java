package dev.wsboot.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static dev.wsboot.server.RecordingTransport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Outbound} on a transport that takes everything: how sends become writes. (The
 * connection is only called when the socket is full, a write fails or the limit is hit,
 * so most tests have none.)
 */
class OutboundTests {

	private final RecordingTransport transport = new RecordingTransport();

	private final Outbound outbound = new Outbound(this.transport, null, 1 << 20, OverflowPolicy.CLOSE);

	@Test
	void writesEachSendAtOnceWhenNotCorked() {
		assertThat(this.outbound.send(bytes("a"))).isCompleted();
		assertThat(this.outbound.send(bytes("b"))).isCompleted();
		assertThat(this.transport.writes).containsExactly(List.of("a"), List.of("b"));
	}

	@Test
	void holdsCorkedSendsAndWritesThemTogetherInOrder() {
		assertThat(this.outbound.cork()).isTrue();
		CompletableFuture<Void> first = this.outbound.send(bytes("a"));
		CompletableFuture<Void> second = this.outbound.send(new ByteBuffer[] { bytes("b1"), bytes("b2") }, false);
		assertThat(this.transport.writes).isEmpty();
		// Whoever waits for a corked send must not wait for the uncork.
		assertThat(first).isCompleted();
		assertThat(second).isCompleted();
		this.outbound.uncork();
		assertThat(this.transport.writes).containsExactly(List.of("a", "b1", "b2"));
		assertThat(this.outbound.queuedBytes()).isZero();
		this.outbound.send(bytes("c"));
		assertThat(this.transport.writes).last().isEqualTo(List.of("c"));
	}

	@Test
	void theLastFrameEndsTheCork() {
		this.outbound.cork();
		this.outbound.send(bytes("data"));
		CompletableFuture<Void> close = this.outbound.sendLast(bytes("close"));
		assertThat(close).isCompleted();
		assertThat(this.transport.writes).containsExactly(List.of("data", "close"));
		this.outbound.uncork();
		assertThat(this.transport.writes).hasSize(1);
	}

	@Test
	void refusesASecondCorkWhileOneHolds() {
		assertThat(this.outbound.cork()).isTrue();
		assertThat(this.outbound.cork()).isFalse();
		this.outbound.uncork();
		assertThat(this.outbound.cork()).isTrue();
	}

	@Test
	void writesRatherThanHoldPastTheLimit() {
		Outbound small = new Outbound(this.transport, null, 4, OverflowPolicy.FAIL_SEND);
		small.cork();
		assertThat(small.send(bytes("abcd"))).isCompleted();
		assertThat(this.transport.writes).isEmpty();
		assertThat(small.send(bytes("e"))).isCompleted();
		assertThat(this.transport.writes).containsExactly(List.of("abcd", "e"));
		small.uncork();
		assertThat(this.transport.writes).hasSize(1);
	}

	@Test
	void theLastFrameIsSentOnlyOnceTheTransportHoldsNoneOfIt() {
		WritableRequests owner = new WritableRequests();
		Outbound outbound = new Outbound(this.transport, owner, 1 << 20, OverflowPolicy.CLOSE);
		CompletableFuture<Void> close = sendLastOntoAFullSocket(outbound);
		assertThat(this.transport.writes).containsExactly(List.of("close"));
		assertThat(close).as("closing now would lose the bytes the transport holds").isNotDone();
		assertThat(owner.count).isEqualTo(1);
		this.transport.holding = false;
		outbound.drain();
		assertThat(close).isCompleted();
	}

	@Test
	void aClosedConnectionFailsTheLastFrameStillWaitingForTheSocket() {
		Outbound outbound = new Outbound(this.transport, new WritableRequests(), 1 << 20, OverflowPolicy.CLOSE);
		CompletableFuture<Void> close = sendLastOntoAFullSocket(outbound);
		outbound.abort("reset by peer");
		assertThat(close).isCompletedExceptionally();
	}

	@Test
	void copiesWhatALentSendCouldNotWriteBeforeTheLenderReusesTheBuffer() {
		Outbound outbound = new Outbound(this.transport, new WritableRequests(), 1 << 20, OverflowPolicy.CLOSE);
		ByteBuffer lent = direct("abcdef");
		this.transport.room = 3;
		outbound.send(new ByteBuffer[] { lent }, true);
		overwrite(lent);
		this.transport.room = Long.MAX_VALUE;
		outbound.drain();
		assertThat(this.transport.writes).containsExactly(List.of("abc"), List.of("def"));
	}

	@Test
	void writesALentSendAtOnceRatherThanHoldItInTheCork() {
		this.outbound.cork();
		this.outbound.send(bytes("held"));
		ByteBuffer lent = direct("lent");
		assertThat(this.outbound.send(new ByteBuffer[] { lent }, true)).isCompleted();
		assertThat(this.transport.writes).containsExactly(List.of("held"), List.of("lent"));
		this.outbound.uncork();
		assertThat(this.transport.writes).hasSize(2);
	}

	@Test
	void queuesACopyOfALentSendBehindAnotherWriter() {
		Outbound outbound = new Outbound(this.transport, new WritableRequests(), 1 << 20, OverflowPolicy.CLOSE);
		this.transport.room = 1;
		outbound.send(bytes("xy"));
		ByteBuffer lent = direct("lent");
		CompletableFuture<Void> sent = outbound.send(new ByteBuffer[] { lent }, true);
		overwrite(lent);
		this.transport.room = Long.MAX_VALUE;
		outbound.drain();
		assertThat(sent).isCompleted();
		assertThat(this.transport.writes).containsExactly(List.of("x"), List.of("y", "lent"));
	}

	private static ByteBuffer direct(String text) {
		return ByteBuffer.allocateDirect(text.length()).put(bytes(text)).flip();
	}

	/** What the lender does once the call returns: the buffer holds other bytes. */
	private static void overwrite(ByteBuffer lent) {
		for (int i = 0; i < lent.capacity(); i++) {
			lent.put(i, (byte) '?');
		}
	}

	/**
	 * Sends a close frame that the transport takes but cannot pass on whole, as TLS does
	 * when the socket takes only part of the encrypted record.
	 */
	private CompletableFuture<Void> sendLastOntoAFullSocket(Outbound outbound) {
		this.transport.holding = true;
		return outbound.sendLast(bytes("close"));
	}

	/** Counts the times the outbound asked for the event loop's help. */
	private static final class WritableRequests implements Outbound.Owner {

		int count;

		@Override
		public void requestWritable() {
			this.count++;
		}

		@Override
		public void writeFailed(IOException ex) {
			throw new AssertionError("no write fails here", ex);
		}

		@Override
		public void closeForOverflow() {
			throw new AssertionError("no overflow here");
		}

	}

}
