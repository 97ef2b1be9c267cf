package dev.wsboot.benchmarks.load;

import java.io.IOException;

import dev.wsboot.benchmarks.load.LoadTool.Phases;

/**
 * Opens connections, a bounded number under way at once, and has each exchange a few chat
 * messages, one at a time, before it idles: so that whatever a session allocates on its
 * first messages (with permessage-deflate's context takeover, a compressor and a
 * decompressor) is held when the memory is measured. Tells its {@link Phases} when
 * connecting starts and when every connection is primed. Loop thread only.
 */
final class PrimingDriver implements Driver {

	private final ClientLoop loop;

	private final int count;

	private final int messagesEach;

	private final int concurrency;

	private final ChatPayloads payloads;

	private final Phases phases;

	private final long maxFailures;

	private int started;

	/** Connections connecting or priming. */
	private int underWay;

	/** Connections primed and still open. */
	int primed;

	long failures;

	long mismatches;

	boolean ended;

	PrimingDriver(ClientLoop loop, int count, int messagesEach, int concurrency, ChatPayloads payloads, Phases phases) {
		this.loop = loop;
		this.count = count;
		this.messagesEach = messagesEach;
		this.concurrency = concurrency;
		this.payloads = payloads;
		this.phases = phases;
		this.maxFailures = Math.max(100, count / 100);
		phases.measureStarted();
	}

	@Override
	public void onOpen(Connection connection) {
		sendOrSettle(connection);
	}

	@Override
	public void onMessage(Connection connection, boolean text, long length, boolean matched, long sentAt, long now) {
		if (!matched) {
			this.mismatches++;
		}
		this.payloads.echoed(connection);
		sendOrSettle(connection);
	}

	private void sendOrSettle(Connection connection) {
		if (!isPrimed(connection)) {
			try {
				connection.send(true, this.payloads.next(connection));
			}
			catch (IOException ex) {
				connection.fail(ex);
			}
			return;
		}
		this.underWay--;
		this.primed++;
		if (this.primed == this.count) {
			this.ended = true;
			this.phases.measureEnded();
		}
	}

	private boolean isPrimed(Connection connection) {
		return this.payloads.echoes(connection) >= this.messagesEach;
	}

	@Override
	public void onClosed(Connection connection) {
		// Only after a close this driver never starts.
	}

	@Override
	public void onFailure(Connection connection, Exception failure) {
		this.failures++;
		if (isPrimed(connection)) {
			this.primed--;
		}
		else {
			this.underWay--;
		}
	}

	@Override
	public long tick(long now) {
		while (this.started < this.count && this.underWay < this.concurrency && this.failures < this.maxFailures) {
			try {
				this.payloads.assign(this.loop.connect(this), this.started);
				this.underWay++;
			}
			catch (IOException ex) {
				this.failures++;
			}
			this.started++;
		}
		return now + LoadTool.SECOND / 10;
	}

	@Override
	public boolean isDone() {
		return this.primed + this.failures >= this.count || this.failures >= this.maxFailures;
	}

}
