package dev.wsboot.benchmarks.load;

/**
 * What the connections of a run put on the wire and took off it, WebSocket frames
 * (headers, masks, payloads) and handshakes alike, and how many data messages went each
 * way compressed (RSV1 set).
 *
 * @param bytesSent bytes written to the sockets
 * @param bytesReceived bytes read from the sockets
 * @param compressedSent data messages sent compressed
 * @param compressedReceived data messages received compressed
 */
public record Traffic(long bytesSent, long bytesReceived, long compressedSent, long compressedReceived) {

	/**
	 * Returns what was added since an earlier count.
	 * @param earlier the earlier count
	 * @return the difference
	 */
	public Traffic minus(Traffic earlier) {
		return new Traffic(this.bytesSent - earlier.bytesSent, this.bytesReceived - earlier.bytesReceived,
				this.compressedSent - earlier.compressedSent, this.compressedReceived - earlier.compressedReceived);
	}

	/** The running counts of a {@link ClientLoop}; loop thread only. */
	static final class Counters {

		long bytesSent;

		long bytesReceived;

		long compressedSent;

		long compressedReceived;

		Traffic snapshot() {
			return new Traffic(this.bytesSent, this.bytesReceived, this.compressedSent, this.compressedReceived);
		}

	}

}
