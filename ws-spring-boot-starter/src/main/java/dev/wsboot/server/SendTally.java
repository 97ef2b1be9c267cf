package dev.wsboot.server;

import dev.wsboot.protocol.frame.Opcode;
import org.jspecify.annotations.Nullable;

/**
 * Counts the messages a thread sends to one endpoint's sessions while it handles a batch
 * of messages, for recording in one go when the batch ends: a pipelining client's hundred
 * echoes then cost one meter update of each kind, not a hundred. A session with worker
 * dispatch has one, owned by the worker that runs the session's calls for the length of
 * the run ({@link SerialExecutor.RunListener}); an event loop has one, owned by the loop
 * while handlers on the loop handle one read. Sends from any other thread, and control
 * frames, are recorded at once.
 * <p>
 * Only the owner touches the counts. Whether the calling thread is the owner is safe to
 * ask from any thread: a thread only ever finds itself there after it made itself the
 * owner, and the run's hand-over between workers orders one owner's counts before the
 * next's.
 */
final class SendTally implements SerialExecutor.RunListener {

	private @Nullable Thread owner;

	private WsMetrics.EndpointMetrics target;

	private int textFrames;

	private int binaryFrames;

	private int continuationFrames;

	private int textMessages;

	private int binaryMessages;

	private long wireBytes;

	/**
	 * Creates a tally that nobody owns yet.
	 * @param target where {@link #flush()} records the counts
	 */
	SendTally(WsMetrics.EndpointMetrics target) {
		this.target = target;
	}

	/**
	 * Makes the calling thread the owner and points the tally at an endpoint's metrics.
	 * @param target where {@link #flush()} records the counts
	 */
	void begin(WsMetrics.EndpointMetrics target) {
		flush();
		this.target = target;
		this.owner = Thread.currentThread();
	}

	/** Records what was counted and gives up the ownership; owner only. */
	void end() {
		flush();
		this.owner = null;
	}

	@Override
	public void beforeTask(boolean more) {
		this.owner = Thread.currentThread();
	}

	@Override
	public void afterRun() {
		end();
	}

	/**
	 * Counts a message sent, when the calling thread owns this tally and it counts for
	 * the message's endpoint.
	 * @param metrics the metrics of the session that sends
	 * @param text whether it is a text message
	 * @param frames how many frames it is sent as
	 * @param wireBytes the frames' length on the wire
	 * @return whether it was counted here; if not, the caller records it itself
	 */
	boolean message(WsMetrics.EndpointMetrics metrics, boolean text, int frames, long wireBytes) {
		if (this.owner != Thread.currentThread() || this.target != metrics) {
			return false;
		}
		if (text) {
			this.textFrames++;
			this.textMessages++;
		}
		else {
			this.binaryFrames++;
			this.binaryMessages++;
		}
		this.continuationFrames += frames - 1;
		this.wireBytes += wireBytes;
		return true;
	}

	/** Records what was counted and starts again from zero; owner only. */
	void flush() {
		if (this.textMessages + this.binaryMessages == 0) {
			return;
		}
		record(this.target, this.textFrames, this.binaryFrames, this.continuationFrames, this.wireBytes);
		if (this.textMessages > 0) {
			this.target.messagesSent(true, this.textMessages);
		}
		if (this.binaryMessages > 0) {
			this.target.messagesSent(false, this.binaryMessages);
		}
		this.textFrames = 0;
		this.binaryFrames = 0;
		this.continuationFrames = 0;
		this.textMessages = 0;
		this.binaryMessages = 0;
		this.wireBytes = 0;
	}

	/**
	 * Records sent data frames: bytes go with the first opcode counted, so that their sum
	 * is exact without sizing each frame.
	 * @param metrics where to record
	 * @param text text frames (first frames of text messages)
	 * @param binary binary frames
	 * @param continuation continuation frames
	 * @param wireBytes the length of all of them on the wire
	 */
	static void record(WsMetrics.EndpointMetrics metrics, int text, int binary, int continuation, long wireBytes) {
		long bytes = wireBytes;
		if (text > 0) {
			metrics.framesSent(Opcode.TEXT, text, bytes);
			bytes = 0;
		}
		if (binary > 0) {
			metrics.framesSent(Opcode.BINARY, binary, bytes);
			bytes = 0;
		}
		if (continuation > 0) {
			metrics.framesSent(Opcode.CONTINUATION, continuation, bytes);
		}
	}

}
