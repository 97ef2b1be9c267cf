package dev.wsboot.observation;

import dev.wsboot.observation.WsObservationDocumentation.HighCardinalityKeyNames;
import dev.wsboot.observation.WsObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WsMessageHandlingObservationConvention}: named
 * {@code ws.server.message.handling}, with the endpoint's path template and the outcome
 * as low-cardinality key values (metric tags) and the session id as a high-cardinality
 * one (span attribute only).
 */
public class DefaultWsMessageHandlingObservationConvention implements WsMessageHandlingObservationConvention {

	/** The name of the observation, and of the timer it makes. */
	public static final String NAME = "ws.server.message.handling";

	private static final KeyValue OUTCOME_SUCCESS = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "success");

	private static final KeyValue OUTCOME_ERROR = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "error");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WsMessageHandlingContext context) {
		return "ws " + (context.isText() ? "text" : "binary") + " " + context.getEndpoint();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WsMessageHandlingContext context) {
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.ENDPOINT, context.getEndpoint()),
				(context.getError() != null) ? OUTCOME_ERROR : OUTCOME_SUCCESS);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WsMessageHandlingContext context) {
		return KeyValues.of(KeyValue.of(HighCardinalityKeyNames.SESSION_ID, context.getSession().id()));
	}

}
