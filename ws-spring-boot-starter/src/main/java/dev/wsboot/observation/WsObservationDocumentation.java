package dev.wsboot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the WebSocket server.
 */
public enum WsObservationDocumentation implements ObservationDocumentation {

	/**
	 * One message handled by an endpoint's {@code @OnMessage} method, from the call until
	 * its reply is queued (or, for a {@code CompletionStage} result, until the stage
	 * completes).
	 */
	MESSAGE_HANDLING {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWsMessageHandlingObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys: tags of the timer, and span attributes.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The endpoint's path template, for example {@code /chat/{room}}.
		 */
		ENDPOINT {

			@Override
			public String asString() {
				return "endpoint";
			}

		},

		/**
		 * {@code success}, or {@code error} when the handler threw (whether or not an
		 * {@code @OnError} method then handled it).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		}

	}

	/**
	 * High-cardinality keys: span attributes only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * The session's id.
		 */
		SESSION_ID {

			@Override
			public String asString() {
				return "session.id";
			}

		}

	}

}
