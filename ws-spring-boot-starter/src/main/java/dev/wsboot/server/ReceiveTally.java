package dev.wsboot.server;

/**
 * Counts the frames and messages that one read brought in, for the event loop to record
 * in one go when the read is parsed: a client that pipelines a hundred messages then
 * costs one meter update of each kind, not a hundred. One per event loop, used on it
 * only, so an open session holds none of it.
 */
final class ReceiveTally {

	private final int[] frames = new int[16];

	private final long[] wireBytes = new long[16];

	/** A bit for each opcode counted since the last flush. */
	private int opcodes;

	private int textMessages;

	private int binaryMessages;

	private WsMetrics.EndpointMetrics target = WsMetrics.EndpointMetrics.NONE;

	/**
	 * Starts counting for a session.
	 * @param target where {@link #flush()} records the counts
	 */
	void start(WsMetrics.EndpointMetrics target) {
		flush();
		this.target = target;
	}

	void frame(int opcode, long bytes) {
		int index = opcode & 0xF;
		this.frames[index]++;
		this.wireBytes[index] += bytes;
		this.opcodes |= 1 << index;
	}

	void message(boolean text) {
		if (text) {
			this.textMessages++;
		}
		else {
			this.binaryMessages++;
		}
	}

	/** Records what was counted and starts again from zero. */
	void flush() {
		WsMetrics.EndpointMetrics target = this.target;
		for (int seen = this.opcodes; seen != 0; seen &= seen - 1) {
			int opcode = Integer.numberOfTrailingZeros(seen);
			target.framesReceived(opcode, this.frames[opcode], this.wireBytes[opcode]);
			this.frames[opcode] = 0;
			this.wireBytes[opcode] = 0;
		}
		this.opcodes = 0;
		if (this.textMessages > 0) {
			target.messagesReceived(true, this.textMessages);
			this.textMessages = 0;
		}
		if (this.binaryMessages > 0) {
			target.messagesReceived(false, this.binaryMessages);
			this.binaryMessages = 0;
		}
	}

}
