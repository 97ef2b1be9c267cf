package dev.wsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and key values of a message handling observation. Declare a bean of this type
 * to replace {@link DefaultWsMessageHandlingObservationConvention}.
 */
public interface WsMessageHandlingObservationConvention extends ObservationConvention<WsMessageHandlingContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WsMessageHandlingContext;
	}

}
