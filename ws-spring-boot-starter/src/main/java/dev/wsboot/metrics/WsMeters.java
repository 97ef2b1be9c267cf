package dev.wsboot.metrics;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.docs.MeterDocumentation;
import org.jspecify.annotations.Nullable;

/**
 * Every meter the WebSocket server registers, with its type, base unit and tag keys.
 * {@link MicrometerWsMetrics} and {@link WsServerMeterBinder} build their meters from
 * these constants, so this list is the complete reference.
 * <p>
 * No tag value comes from client input: {@code endpoint} is the endpoint's path template
 * ({@code /chat/{room}}), never the request path; close codes are grouped (see
 * {@link Keys#CODE}); opcodes, message types, initiators and handshake rejection reasons
 * are small fixed sets.
 */
public enum WsMeters implements MeterDocumentation {

	/**
	 * Sessions open now, per endpoint: rises on the handshake, falls on close.
	 */
	CONNECTIONS_ACTIVE("ws.server.connections.active", Meter.Type.GAUGE, BaseUnits.CONNECTIONS,
			"WebSocket sessions open now", Keys.ENDPOINT),

	/**
	 * Sessions opened (successful handshakes), per endpoint.
	 */
	CONNECTIONS_OPENED("ws.server.connections.opened", Meter.Type.COUNTER, BaseUnits.CONNECTIONS,
			"WebSocket sessions opened", Keys.ENDPOINT),

	/**
	 * Sessions closed, per endpoint, by the close code that ended them (1006 when the
	 * connection dropped without a closing handshake) and by who sent the first close
	 * frame.
	 */
	CONNECTIONS_CLOSED("ws.server.connections.closed", Meter.Type.COUNTER, BaseUnits.CONNECTIONS,
			"WebSocket sessions closed", Keys.ENDPOINT, Keys.CODE, Keys.INITIATOR),

	/**
	 * How long sessions stayed open, per endpoint.
	 */
	CONNECTION_DURATION("ws.server.connection.duration", Meter.Type.TIMER, null,
			"How long WebSocket sessions stayed open", Keys.ENDPOINT),

	/**
	 * Handshakes that did not open a session, by reason. There is no endpoint tag: most
	 * rejections happen before an endpoint is known.
	 */
	HANDSHAKES_REJECTED("ws.server.handshakes.rejected", Meter.Type.COUNTER, null,
			"WebSocket handshakes that did not open a session", Keys.REASON),

	/**
	 * Frames received, per endpoint and opcode.
	 */
	FRAMES_RECEIVED("ws.server.frames.received", Meter.Type.COUNTER, null, "WebSocket frames received", Keys.ENDPOINT,
			Keys.OPCODE),

	/**
	 * Frames queued for sending, per endpoint and opcode.
	 */
	FRAMES_SENT("ws.server.frames.sent", Meter.Type.COUNTER, null, "WebSocket frames sent", Keys.ENDPOINT, Keys.OPCODE),

	/**
	 * Bytes of frames received, headers included (the handshake is not counted), per
	 * endpoint.
	 */
	BYTES_RECEIVED("ws.server.bytes.received", Meter.Type.COUNTER, BaseUnits.BYTES,
			"Bytes of WebSocket frames received, headers included", Keys.ENDPOINT),

	/**
	 * Bytes of frames queued for sending, headers included (the handshake response is not
	 * counted), per endpoint.
	 */
	BYTES_SENT("ws.server.bytes.sent", Meter.Type.COUNTER, BaseUnits.BYTES,
			"Bytes of WebSocket frames sent, headers included", Keys.ENDPOINT),

	/**
	 * Payload bytes of messages that went through permessage-deflate, as they were on the
	 * wire (compressed), per endpoint and direction; with {@link #DEFLATE_UNCOMPRESSED}
	 * this gives the compression ratio.
	 */
	DEFLATE_COMPRESSED("ws.server.deflate.compressed", Meter.Type.COUNTER, BaseUnits.BYTES,
			"Payload bytes of permessage-deflate messages on the wire", Keys.ENDPOINT, Keys.DIRECTION),

	/**
	 * Payload bytes of the same messages uncompressed, per endpoint and direction.
	 */
	DEFLATE_UNCOMPRESSED("ws.server.deflate.uncompressed", Meter.Type.COUNTER, BaseUnits.BYTES,
			"Payload bytes of permessage-deflate messages uncompressed", Keys.ENDPOINT, Keys.DIRECTION),

	/**
	 * Whole messages received, per endpoint and type.
	 */
	MESSAGES_RECEIVED("ws.server.messages.received", Meter.Type.COUNTER, BaseUnits.MESSAGES,
			"WebSocket messages received", Keys.ENDPOINT, Keys.TYPE),

	/**
	 * Whole messages queued for sending, per endpoint and type.
	 */
	MESSAGES_SENT("ws.server.messages.sent", Meter.Type.COUNTER, BaseUnits.MESSAGES, "WebSocket messages sent",
			Keys.ENDPOINT, Keys.TYPE),

	/**
	 * {@code @OnMessage} calls, per endpoint and outcome: from the call until the reply
	 * is queued (or a returned {@code CompletionStage} completes). With
	 * {@code ws.server.observation-enabled} an Observation of the same name makes this
	 * timer, with the same tags, plus a span when tracing is on.
	 */
	MESSAGE_HANDLING("ws.server.message.handling", Meter.Type.TIMER, null,
			"Time WebSocket endpoints took to handle a message", Keys.ENDPOINT, Keys.OUTCOME, Keys.ERROR),

	/**
	 * Sessions closed because the peer broke the protocol, per endpoint and close code.
	 */
	PROTOCOL_ERRORS("ws.server.protocol.errors", Meter.Type.COUNTER, null,
			"WebSocket sessions closed because the peer broke the protocol", Keys.ENDPOINT, Keys.CODE),

	/**
	 * Event loops handed on to a new thread because a call of the endpoint held them up,
	 * with the adaptive dispatch; the endpoint's calls run on workers afterwards.
	 */
	LOOP_HANDOVERS("ws.server.loop.handovers", Meter.Type.COUNTER, null,
			"Event loops handed on to a new thread because a call of the endpoint held them up", Keys.ENDPOINT),

	/**
	 * TCP connections of the server now, in any state: handshake, open or closing.
	 */
	CONNECTIONS_CURRENT("ws.server.connections.current", Meter.Type.GAUGE, BaseUnits.CONNECTIONS,
			"TCP connections of the WebSocket server, in the handshake, open or closing"),

	/**
	 * The most connections the server accepts at once; the handshake of one more gets
	 * 503.
	 */
	CONNECTIONS_MAX("ws.server.connections.max", Meter.Type.GAUGE, BaseUnits.CONNECTIONS,
			"Most TCP connections the WebSocket server accepts at once");

	private final String name;

	private final Meter.Type type;

	private final @Nullable String baseUnit;

	private final String description;

	private final KeyName[] keyNames;

	WsMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, KeyName... keyNames) {
		this.name = name;
		this.type = type;
		this.baseUnit = baseUnit;
		this.description = description;
		this.keyNames = keyNames;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Meter.Type getType() {
		return this.type;
	}

	@Override
	public @Nullable String getBaseUnit() {
		return this.baseUnit;
	}

	@Override
	public KeyName[] getKeyNames() {
		return this.keyNames.clone();
	}

	/**
	 * Returns the description the meter is registered with.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * The tag keys and their values.
	 */
	public enum Keys implements KeyName {

		/**
		 * The endpoint's path template, for example {@code /chat/{room}}.
		 */
		ENDPOINT("endpoint"),

		/**
		 * A close code: the code itself for the codes RFC 6455 and IANA define
		 * (1000-1015), {@code 3xxx} for the registered range 3000-3999, {@code 4xxx} for
		 * the private range 4000-4999, {@code other} for anything else. Peers choose the
		 * code, so values in 3000-4999 are grouped to keep the number of series bounded.
		 */
		CODE("code"),

		/**
		 * Who sent the first close frame: {@code client} or {@code server} (a dropped
		 * connection counts as the client's).
		 */
		INITIATOR("initiator"),

		/**
		 * A frame's opcode: {@code continuation}, {@code text}, {@code binary},
		 * {@code close}, {@code ping}, {@code pong}, or {@code reserved} for a reserved
		 * opcode received (the session is then closed with 1002).
		 */
		OPCODE("opcode"),

		/**
		 * A message's type: {@code text} or {@code binary}.
		 */
		TYPE("type"),

		/**
		 * {@code received} or {@code sent}.
		 */
		DIRECTION("direction"),

		/**
		 * Why a handshake was rejected: {@code bad_request}, {@code version},
		 * {@code origin}, {@code not_found}, {@code interceptor}, {@code limit},
		 * {@code timeout}; {@code other} once more distinct reasons than
		 * {@value MicrometerWsMetrics#MAX_REASONS} have been seen.
		 */
		REASON("reason"),

		/**
		 * {@code success}, or {@code error} when the handler threw (whether or not an
		 * {@code @OnError} method then handled it).
		 */
		OUTCOME("outcome"),

		/**
		 * The simple class name of what the handler threw, {@code none} when it did not
		 * (as Micrometer's meter observation handler tags it).
		 */
		ERROR("error");

		private final String key;

		Keys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
