package dev.wsboot.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's permessage-deflate byte counters of one endpoint at one moment: bytes of
 * compressed messages on the wire and uncompressed, received and sent. Two snapshots tell
 * how much really travelled compressed in between, which only RSV1 frames can explain.
 *
 * @param receivedWire compressed bytes received
 * @param receivedInflated the same messages inflated
 * @param sentWire compressed bytes sent
 * @param sentDeflated the same messages before compression
 */
public record DeflateMeters(double receivedWire, double receivedInflated, double sentWire, double sentDeflated) {

	/**
	 * Reads the counters now.
	 * @param meters the application's registry
	 * @param endpoint the endpoint's path template
	 * @return the snapshot
	 */
	public static DeflateMeters of(MeterRegistry meters, String endpoint) {
		return new DeflateMeters(counter(meters, endpoint, "ws.server.deflate.compressed", "received"),
				counter(meters, endpoint, "ws.server.deflate.uncompressed", "received"),
				counter(meters, endpoint, "ws.server.deflate.compressed", "sent"),
				counter(meters, endpoint, "ws.server.deflate.uncompressed", "sent"));
	}

	/**
	 * Returns what was counted since an earlier snapshot.
	 * @param earlier the earlier snapshot
	 * @return the differences
	 */
	public DeflateMeters since(DeflateMeters earlier) {
		return new DeflateMeters(this.receivedWire - earlier.receivedWire,
				this.receivedInflated - earlier.receivedInflated, this.sentWire - earlier.sentWire,
				this.sentDeflated - earlier.sentDeflated);
	}

	private static double counter(MeterRegistry meters, String endpoint, String name, String direction) {
		Counter counter = meters.find(name).tag("endpoint", endpoint).tag("direction", direction).counter();
		assertThat(counter).as("%s{direction=%s}", name, direction).isNotNull();
		return counter.count();
	}

}
