package dev.wsboot.benchmarks.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * What the soak counted, from the client's side. Loop thread only while the soak runs.
 */
final class SoakStats {

	/** How many incidents are kept word for word; the counters count them all. */
	private static final int MAX_INCIDENTS = 20;

	long messagesSent;

	long textSent;

	long binarySent;

	long fragmentedSent;

	long bytesSent;

	long verified;

	long bytesVerified;

	long lost;

	long reordered;

	long corrupted;

	long duplicated;

	/** Messages in flight on connections the soak dropped on purpose: not lost. */
	long abandoned;

	long pingsSent;

	long pongsVerified;

	long pongMismatches;

	long steadyOpened;

	long churnOpened;

	/** Closing handshakes the soak started that the server completed. */
	long closedCleanly;

	long droppedFin;

	long droppedReset;

	/** Connections that failed after their handshake. */
	long failed;

	long handshakeFailures;

	/** Short-lived connections not opened because too many were still under way. */
	long churnSkipped;

	/** Checkpoints that found traffic still in flight after waiting for it. */
	long quiesceTimeouts;

	/** Status codes of the close frames the server sent; -1 for a close without one. */
	final Map<Integer, Long> closeCodes = new TreeMap<>();

	/** Round trips of the messages verified after the warm-up, in nanoseconds. */
	final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

	/** The first incidents, word for word. */
	final List<String> incidents = new ArrayList<>();

	void sent(SoakMessage message, boolean fragmented, boolean withPing) {
		this.messagesSent++;
		this.bytesSent += message.payload().length;
		if (message.text()) {
			this.textSent++;
		}
		else {
			this.binarySent++;
		}
		if (fragmented) {
			this.fragmentedSent++;
		}
		if (withPing) {
			this.pingsSent++;
		}
	}

	/**
	 * Counts an echo.
	 * @param echo what it was
	 * @param length its payload length
	 * @param roundTripNanos its round trip to record, or -1
	 */
	void echoed(InFlight.Echo echo, long length, long roundTripNanos) {
		switch (echo) {
			case VERIFIED -> {
				this.verified++;
				this.bytesVerified += length;
				if (roundTripNanos >= 0) {
					this.latency.recordValue(Math.min(roundTripNanos, this.latency.getHighestTrackableValue()));
				}
			}
			case REORDERED -> this.reordered++;
			case CORRUPTED -> this.corrupted++;
			case DUPLICATED -> this.duplicated++;
		}
	}

	void closeCode(int code) {
		this.closeCodes.merge(code, 1L, Long::sum);
	}

	void incident(String what) {
		if (this.incidents.size() < MAX_INCIDENTS) {
			this.incidents.add(what);
		}
	}

	long closeCodesOtherThanNormal() {
		return this.closeCodes.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() != 1000)
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}
