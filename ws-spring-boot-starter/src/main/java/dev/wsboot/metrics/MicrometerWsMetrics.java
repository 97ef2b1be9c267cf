package dev.wsboot.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.wsboot.server.WsMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Records the listener's events as the Micrometer meters of {@link WsMeters}.
 * <p>
 * Meters are resolved once and cached: per endpoint in {@link #endpoint(String)} (the
 * listener keeps the returned recorder with each connection), per opcode and message type
 * in arrays, and per close code and initiator in arrays filled on first use, so that a
 * code that never happens has no series. Recording a frame, a message or a close is an
 * array read and an increment: no tags are built and nothing is allocated.
 */
public final class MicrometerWsMetrics implements WsMetrics {

	/**
	 * Distinct handshake rejection reasons recorded before further ones count as
	 * {@code other}.
	 */
	public static final int MAX_REASONS = 32;

	static final String OTHER = "other";

	/** Opcode names by opcode (RFC 6455 section 5.2); {@code null} where reserved. */
	private static final String[] OPCODES = { "continuation", "text", "binary", null, null, null, null, null, "close",
			"ping", "pong", null, null, null, null, null };

	/** Indexes of close code groups after the 16 codes 1000-1015. */
	private static final int CODE_3XXX = 16;

	private static final int CODE_4XXX = 17;

	private static final int CODE_OTHER = 18;

	private static final int CODE_SLOTS = 19;

	private final MeterRegistry registry;

	private final Map<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	/**
	 * Creates a recorder that registers its meters in a registry.
	 * @param registry where meters go
	 */
	public MicrometerWsMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public EndpointMetrics endpoint(String endpoint) {
		EndpointMeters meters = this.endpoints.get(endpoint);
		return (meters != null) ? meters
				: this.endpoints.computeIfAbsent(endpoint, (template) -> new EndpointMeters(this.registry, template));
	}

	@Override
	public void handshakeRejected(String reason) {
		Counter counter = this.rejected.get(reason);
		if (counter == null) {
			counter = rejectedCounter(reason);
		}
		counter.increment();
	}

	private Counter rejectedCounter(String reason) {
		// Reasons come from code, not from clients, but a cap keeps a bug from flooding
		// the registry.
		String value = (this.rejected.size() < MAX_REASONS) ? reason : OTHER;
		return this.rejected.computeIfAbsent(value, (tag) -> counter(this.registry, WsMeters.HANDSHAKES_REJECTED,
				Tags.of(WsMeters.Keys.REASON.asString(), tag)));
	}

	/**
	 * Returns the tag value of a close code.
	 * @param code a close code
	 * @return the code, or its group
	 * @see WsMeters.Keys#CODE
	 */
	static String codeTag(int code) {
		int slot = codeSlot(code);
		return switch (slot) {
			case CODE_3XXX -> "3xxx";
			case CODE_4XXX -> "4xxx";
			case CODE_OTHER -> OTHER;
			default -> Integer.toString(code);
		};
	}

	private static int codeSlot(int code) {
		if (code >= 1000 && code <= 1015) {
			return code - 1000;
		}
		if (code >= 3000 && code <= 3999) {
			return CODE_3XXX;
		}
		if (code >= 4000 && code <= 4999) {
			return CODE_4XXX;
		}
		return CODE_OTHER;
	}

	/**
	 * Returns the tag value of an opcode.
	 * @param opcode a frame opcode
	 * @return its name, or {@code reserved}
	 * @see WsMeters.Keys#OPCODE
	 */
	static String opcodeTag(int opcode) {
		String name = OPCODES[opcode & 0xF];
		return (name != null && opcode == (opcode & 0xF)) ? name : "reserved";
	}

	private static Counter counter(MeterRegistry registry, WsMeters meter, Iterable<Tag> tags) {
		return Counter.builder(meter.getName())
			.description(meter.getDescription())
			.baseUnit(meter.getBaseUnit())
			.tags(tags)
			.register(registry);
	}

	/**
	 * The meters of one endpoint.
	 */
	static final class EndpointMeters implements EndpointMetrics {

		private final MeterRegistry registry;

		private final Tags tags;

		private final AtomicInteger active = new AtomicInteger();

		private final Counter opened;

		private final Timer duration;

		private final Counter bytesReceived;

		private final Counter bytesSent;

		/** By opcode; reserved opcodes share one counter, made on first use. */
		private final AtomicReferenceArray<Counter> framesReceived = new AtomicReferenceArray<>(16);

		private final Counter[] framesSent = new Counter[16];

		/** Compressed and uncompressed byte counters, received then sent. */
		private final Counter[] deflate = new Counter[4];

		private final Counter textReceived;

		private final Counter binaryReceived;

		private final Counter textSent;

		private final Counter binarySent;

		/** By close code slot times two (client, server), made on first use. */
		private final AtomicReferenceArray<Counter> closed = new AtomicReferenceArray<>(CODE_SLOTS * 2);

		/** By close code slot, made on first use. */
		private final AtomicReferenceArray<Counter> protocolErrors = new AtomicReferenceArray<>(CODE_SLOTS);

		/** Registered when an endpoint first holds a loop up: most never do. */
		private volatile @Nullable Counter loopHandovers;

		EndpointMeters(MeterRegistry registry, String endpoint) {
			this.registry = registry;
			this.tags = Tags.of(WsMeters.Keys.ENDPOINT.asString(), endpoint);
			Gauge.builder(WsMeters.CONNECTIONS_ACTIVE.getName(), this.active, AtomicInteger::get)
				.description(WsMeters.CONNECTIONS_ACTIVE.getDescription())
				.baseUnit(WsMeters.CONNECTIONS_ACTIVE.getBaseUnit())
				.tags(this.tags)
				.register(registry);
			this.opened = counter(registry, WsMeters.CONNECTIONS_OPENED, this.tags);
			this.duration = Timer.builder(WsMeters.CONNECTION_DURATION.getName())
				.description(WsMeters.CONNECTION_DURATION.getDescription())
				.tags(this.tags)
				.register(registry);
			this.bytesReceived = counter(registry, WsMeters.BYTES_RECEIVED, this.tags);
			this.bytesSent = counter(registry, WsMeters.BYTES_SENT, this.tags);
			for (int opcode = 0; opcode < 16; opcode++) {
				if (OPCODES[opcode] != null) {
					this.framesReceived.set(opcode, frameCounter(WsMeters.FRAMES_RECEIVED, OPCODES[opcode]));
					this.framesSent[opcode] = frameCounter(WsMeters.FRAMES_SENT, OPCODES[opcode]);
				}
			}
			String[] directions = { "received", "sent" };
			for (int i = 0; i < 2; i++) {
				Tags direction = this.tags.and(WsMeters.Keys.DIRECTION.asString(), directions[i]);
				this.deflate[2 * i] = counter(registry, WsMeters.DEFLATE_COMPRESSED, direction);
				this.deflate[2 * i + 1] = counter(registry, WsMeters.DEFLATE_UNCOMPRESSED, direction);
			}
			this.textReceived = messageCounter(WsMeters.MESSAGES_RECEIVED, "text");
			this.binaryReceived = messageCounter(WsMeters.MESSAGES_RECEIVED, "binary");
			this.textSent = messageCounter(WsMeters.MESSAGES_SENT, "text");
			this.binarySent = messageCounter(WsMeters.MESSAGES_SENT, "binary");
		}

		private Counter frameCounter(WsMeters meter, String opcode) {
			return counter(this.registry, meter, this.tags.and(WsMeters.Keys.OPCODE.asString(), opcode));
		}

		private Counter messageCounter(WsMeters meter, String type) {
			return counter(this.registry, meter, this.tags.and(WsMeters.Keys.TYPE.asString(), type));
		}

		@Override
		public void sessionOpened() {
			this.active.incrementAndGet();
			this.opened.increment();
		}

		@Override
		public void sessionClosed(int code, boolean byServer, long durationNanos) {
			this.active.decrementAndGet();
			int index = codeSlot(code) * 2 + (byServer ? 1 : 0);
			Counter counter = this.closed.get(index);
			if (counter == null) {
				counter = closedCounter(index, code, byServer);
			}
			counter.increment();
			this.duration.record(durationNanos, TimeUnit.NANOSECONDS);
		}

		private Counter closedCounter(int index, int code, boolean byServer) {
			Counter counter = counter(this.registry, WsMeters.CONNECTIONS_CLOSED,
					this.tags.and(WsMeters.Keys.CODE.asString(), codeTag(code))
						.and(WsMeters.Keys.INITIATOR.asString(), byServer ? "server" : "client"));
			// A race makes the same counter twice: the registry returns the one it has.
			this.closed.set(index, counter);
			return counter;
		}

		@Override
		public void framesReceived(int opcode, int frames, long wireBytes) {
			int index = opcode & 0xF;
			Counter counter = this.framesReceived.get(index);
			if (counter == null) {
				counter = frameCounter(WsMeters.FRAMES_RECEIVED, opcodeTag(opcode));
				this.framesReceived.set(index, counter);
			}
			counter.increment(frames);
			this.bytesReceived.increment(wireBytes);
		}

		@Override
		public void framesSent(int opcode, int frames, long wireBytes) {
			Counter counter = this.framesSent[opcode & 0xF];
			if (counter != null) {
				counter.increment(frames);
			}
			if (wireBytes > 0) {
				this.bytesSent.increment(wireBytes);
			}
		}

		@Override
		public void compressed(boolean received, long wireBytes, long messageBytes) {
			int index = received ? 0 : 2;
			this.deflate[index].increment(wireBytes);
			this.deflate[index + 1].increment(messageBytes);
		}

		@Override
		public void messagesReceived(boolean text, int messages) {
			(text ? this.textReceived : this.binaryReceived).increment(messages);
		}

		@Override
		public void messagesSent(boolean text, int messages) {
			(text ? this.textSent : this.binarySent).increment(messages);
		}

		@Override
		public void loopHandedOn() {
			Counter counter = this.loopHandovers;
			if (counter == null) {
				counter = counter(this.registry, WsMeters.LOOP_HANDOVERS, this.tags);
				this.loopHandovers = counter;
			}
			counter.increment();
		}

		@Override
		public void protocolError(int code) {
			int index = codeSlot(code);
			Counter counter = this.protocolErrors.get(index);
			if (counter == null) {
				counter = counter(this.registry, WsMeters.PROTOCOL_ERRORS,
						this.tags.and(WsMeters.Keys.CODE.asString(), codeTag(code)));
				this.protocolErrors.set(index, counter);
			}
			counter.increment();
		}

	}

}
