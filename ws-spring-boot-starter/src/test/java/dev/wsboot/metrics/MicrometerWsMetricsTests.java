package dev.wsboot.metrics;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import dev.wsboot.server.WsMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerWsMetrics}.
 */
class MicrometerWsMetricsTests {

	private static final int CONTINUATION = 0;

	private static final int TEXT = 1;

	private static final int BINARY = 2;

	private static final int CLOSE = 8;

	private static final int PING = 9;

	private static final int PONG = 10;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerWsMetrics metrics = new MicrometerWsMetrics(this.registry);

	@Test
	void returnsTheSameRecorderForTheSameEndpoint() {
		assertThat(this.metrics.endpoint("/chat/{room}")).isSameAs(this.metrics.endpoint("/chat/{room}"))
			.isNotSameAs(this.metrics.endpoint("/echo"));
	}

	@Test
	void countsFramesPerOpcodeAndBytesPerEndpoint() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		echo.framesReceived(TEXT, 1, 11);
		echo.framesReceived(CONTINUATION, 1, 7);
		echo.framesReceived(CONTINUATION, 1, 7);
		echo.framesReceived(BINARY, 1, 1000);
		echo.framesReceived(PING, 1, 6);
		echo.framesReceived(PONG, 1, 6);
		echo.framesReceived(CLOSE, 1, 8);
		echo.framesSent(TEXT, 2, 300);
		echo.framesSent(CONTINUATION, 3, 0);
		echo.framesSent(PONG, 1, 2);
		echo.framesSent(CLOSE, 1, 4);
		this.metrics.endpoint("/other").framesReceived(TEXT, 1, 50);
		assertThat(count("ws.server.frames.received", "/echo", "opcode", "text")).isEqualTo(1);
		assertThat(count("ws.server.frames.received", "/echo", "opcode", "continuation")).isEqualTo(2);
		assertThat(count("ws.server.frames.received", "/echo", "opcode", "binary")).isEqualTo(1);
		assertThat(count("ws.server.frames.received", "/echo", "opcode", "ping")).isEqualTo(1);
		assertThat(count("ws.server.frames.received", "/echo", "opcode", "pong")).isEqualTo(1);
		assertThat(count("ws.server.frames.received", "/echo", "opcode", "close")).isEqualTo(1);
		assertThat(count("ws.server.frames.sent", "/echo", "opcode", "text")).isEqualTo(2);
		assertThat(count("ws.server.frames.sent", "/echo", "opcode", "continuation")).isEqualTo(3);
		assertThat(count("ws.server.frames.sent", "/echo", "opcode", "pong")).isEqualTo(1);
		assertThat(count("ws.server.frames.sent", "/echo", "opcode", "close")).isEqualTo(1);
		assertThat(count("ws.server.frames.sent", "/echo", "opcode", "ping")).isZero();
		assertThat(count("ws.server.bytes.received", "/echo")).isEqualTo(11 + 7 + 7 + 1000 + 6 + 6 + 8);
		assertThat(count("ws.server.bytes.sent", "/echo")).isEqualTo(300 + 2 + 4);
		assertThat(count("ws.server.bytes.received", "/other")).isEqualTo(50);
		assertThat(this.registry.get("ws.server.bytes.received").counter().getId().getBaseUnit()).isEqualTo("bytes");
	}

	@Test
	void countsCompressedAndUncompressedBytesPerDirection() {
		WsMetrics.EndpointMetrics endpoint = this.metrics.endpoint("/echo");
		endpoint.compressed(true, 100, 400);
		endpoint.compressed(false, 30, 300);
		endpoint.compressed(false, 20, 200);
		assertThat(this.registry.get("ws.server.deflate.compressed").tag("direction", "received").counter().count())
			.isEqualTo(100);
		assertThat(this.registry.get("ws.server.deflate.uncompressed").tag("direction", "received").counter().count())
			.isEqualTo(400);
		assertThat(this.registry.get("ws.server.deflate.compressed").tag("direction", "sent").counter().count())
			.isEqualTo(50);
		assertThat(this.registry.get("ws.server.deflate.uncompressed").tag("direction", "sent").counter().count())
			.isEqualTo(500);
	}

	@Test
	void countsReservedOpcodesAsOneSeries() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		echo.framesReceived(3, 1, 2);
		echo.framesReceived(11, 1, 2);
		echo.framesReceived(15, 1, 2);
		assertThat(count("ws.server.frames.received", "/echo", "opcode", "reserved")).isEqualTo(3);
		assertThat(this.registry.find("ws.server.frames.received").counters()).hasSize(7);
	}

	@Test
	void countsMessagesPerType() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		echo.messagesReceived(true, 1);
		echo.messagesReceived(true, 1);
		echo.messagesReceived(false, 1);
		echo.messagesSent(true, 1);
		echo.messagesSent(false, 1);
		echo.messagesSent(false, 2);
		assertThat(count("ws.server.messages.received", "/echo", "type", "text")).isEqualTo(2);
		assertThat(count("ws.server.messages.received", "/echo", "type", "binary")).isEqualTo(1);
		assertThat(count("ws.server.messages.sent", "/echo", "type", "text")).isEqualTo(1);
		assertThat(count("ws.server.messages.sent", "/echo", "type", "binary")).isEqualTo(3);
	}

	@Test
	void activeGaugeRisesAndFallsBackToZero() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		Gauge active = this.registry.get("ws.server.connections.active").tag("endpoint", "/echo").gauge();
		assertThat(active.value()).isZero();
		echo.sessionOpened();
		echo.sessionOpened();
		assertThat(active.value()).isEqualTo(2);
		echo.sessionClosed(1000, false, TimeUnit.MILLISECONDS.toNanos(30));
		assertThat(active.value()).isEqualTo(1);
		echo.sessionClosed(1001, true, TimeUnit.MILLISECONDS.toNanos(50));
		assertThat(active.value()).isZero();
		assertThat(count("ws.server.connections.opened", "/echo")).isEqualTo(2);
		Timer duration = this.registry.get("ws.server.connection.duration").tag("endpoint", "/echo").timer();
		assertThat(duration.count()).isEqualTo(2);
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(80);
		assertThat(duration.max(TimeUnit.MILLISECONDS)).isEqualTo(50);
	}

	@Test
	void tagsClosedConnectionsWithCodeAndInitiator() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		echo.sessionOpened();
		echo.sessionOpened();
		echo.sessionOpened();
		echo.sessionOpened();
		echo.sessionClosed(1000, false, 1);
		echo.sessionClosed(1000, true, 1);
		echo.sessionClosed(1002, true, 1);
		echo.sessionClosed(1006, false, 1);
		assertThat(closed("1000", "client")).isEqualTo(1);
		assertThat(closed("1000", "server")).isEqualTo(1);
		assertThat(closed("1002", "server")).isEqualTo(1);
		assertThat(closed("1006", "client")).isEqualTo(1);
		assertThat(this.registry.find("ws.server.connections.closed").counters()).hasSize(4);
	}

	@ParameterizedTest
	@CsvSource({ "1000, 1000", "1001, 1001", "1002, 1002", "1007, 1007", "1009, 1009", "1011, 1011", "1015, 1015",
			"3000, 3xxx", "3999, 3xxx", "4000, 4xxx", "4999, 4xxx", "999, other", "1016, other", "2999, other",
			"5000, other", "65535, other" })
	void mapsCloseCodesToBoundedTagValues(int code, String tag) {
		assertThat(MicrometerWsMetrics.codeTag(code)).isEqualTo(tag);
	}

	@Test
	void boundsCloseCodeSeriesWhateverCodesArrive() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		for (int code = 0; code < 70_000; code++) {
			echo.sessionOpened();
			echo.sessionOpened();
			echo.sessionClosed(code, false, 1);
			echo.sessionClosed(code, true, 1);
			echo.protocolError(code);
		}
		// 16 codes 1000-1015, 3xxx, 4xxx and other; times two initiators.
		assertThat(this.registry.find("ws.server.connections.closed").counters()).hasSize(19 * 2);
		assertThat(this.registry.find("ws.server.protocol.errors").counters()).hasSize(19);
		assertThat(closed("4xxx", "client")).isEqualTo(1000);
		assertThat(closed("other", "server")).isEqualTo(70_000 - 16 - 2000);
		assertThat(this.registry.get("ws.server.connections.active").gauge().value()).isZero();
	}

	@Test
	void countsProtocolErrorsByCode() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		echo.protocolError(1002);
		echo.protocolError(1002);
		echo.protocolError(1007);
		echo.protocolError(1009);
		assertThat(count("ws.server.protocol.errors", "/echo", "code", "1002")).isEqualTo(2);
		assertThat(count("ws.server.protocol.errors", "/echo", "code", "1007")).isEqualTo(1);
		assertThat(count("ws.server.protocol.errors", "/echo", "code", "1009")).isEqualTo(1);
	}

	@Test
	void countsLoopHandoversOnlyOnceOneHappens() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		assertThat(this.registry.find("ws.server.loop.handovers").counters()).isEmpty();
		echo.loopHandedOn();
		echo.loopHandedOn();
		assertThat(this.registry.get("ws.server.loop.handovers").tag("endpoint", "/echo").counter().count())
			.isEqualTo(2);
	}

	@Test
	void countsRejectedHandshakesByReason() {
		this.metrics.handshakeRejected("not_found");
		this.metrics.handshakeRejected("not_found");
		this.metrics.handshakeRejected("version");
		this.metrics.handshakeRejected("bad_request");
		assertThat(rejected("not_found")).isEqualTo(2);
		assertThat(rejected("version")).isEqualTo(1);
		assertThat(rejected("bad_request")).isEqualTo(1);
		assertThat(this.registry.find("ws.server.handshakes.rejected").counter().getId().getTags()).hasSize(1);
	}

	@Test
	void boundsRejectionReasons() {
		for (int i = 0; i < MicrometerWsMetrics.MAX_REASONS + 10; i++) {
			this.metrics.handshakeRejected("reason" + i);
		}
		assertThat(this.registry.find("ws.server.handshakes.rejected").counters())
			.hasSize(MicrometerWsMetrics.MAX_REASONS + 1);
		assertThat(rejected("other")).isEqualTo(10);
	}

	@Test
	void registersEveryMeterWithItsDocumentedTypeUnitAndTagKeys() {
		WsMetrics.EndpointMetrics echo = this.metrics.endpoint("/echo");
		echo.sessionOpened();
		echo.framesReceived(3, 1, 2);
		echo.protocolError(1002);
		echo.loopHandedOn();
		echo.sessionClosed(1002, true, 1);
		this.metrics.handshakeRejected("not_found");
		new TimerMessageHandlingObservers(this.registry).forEndpoint("/echo");
		for (WsMeters documented : WsMeters.values()) {
			if (documented == WsMeters.CONNECTIONS_CURRENT || documented == WsMeters.CONNECTIONS_MAX) {
				continue;
			}
			assertThat(this.registry.find(documented.getName()).meters()).as(documented.getName())
				.isNotEmpty()
				.allSatisfy((meter) -> {
					assertThat(meter.getId().getType()).isEqualTo(documented.getType());
					if (documented.getType() != Meter.Type.TIMER) {
						assertThat(meter.getId().getBaseUnit()).isEqualTo(documented.getBaseUnit());
					}
					assertThat(meter.getId().getDescription()).isEqualTo(documented.getDescription());
					assertThat(meter.getId().getTags()).extracting((tag) -> tag.getKey())
						.containsExactlyInAnyOrder(keys(documented));
				});
		}
	}

	private static String[] keys(WsMeters meter) {
		return Arrays.stream(meter.getKeyNames()).map((key) -> key.asString()).toArray(String[]::new);
	}

	private double count(String name, String endpoint, String... tags) {
		Counter counter = this.registry.find(name).tag("endpoint", endpoint).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double closed(String code, String initiator) {
		return count("ws.server.connections.closed", "/echo", "code", code, "initiator", initiator);
	}

	private double rejected(String reason) {
		Counter counter = this.registry.find("ws.server.handshakes.rejected").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
