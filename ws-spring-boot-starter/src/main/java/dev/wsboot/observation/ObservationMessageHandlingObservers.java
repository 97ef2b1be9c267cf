package dev.wsboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes each message an endpoint handles as a
 * {@link WsObservationDocumentation#MESSAGE_HANDLING ws.server.message.handling}
 * Observation: a timer through Spring Boot's meter observation handler, and a span when
 * tracing is on. An Observation costs a context, its key values and the handlers' work
 * per message, hence opt-in ({@code ws.server.observation-enabled}), as Spring's
 * messaging listeners do it.
 */
public final class ObservationMessageHandlingObservers implements WsMessageHandlingObservers {

	private static final WsMessageHandlingObservationConvention DEFAULT_CONVENTION = new DefaultWsMessageHandlingObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable WsMessageHandlingObservationConvention convention;

	/**
	 * Creates the observers.
	 * @param registry where observations go
	 * @param convention replaces the default convention, or {@code null}
	 */
	public ObservationMessageHandlingObservers(ObservationRegistry registry,
			@Nullable WsMessageHandlingObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public WsMessageHandlingObserver forEndpoint(String endpoint) {
		if (this.registry.isNoop()) {
			return WsMessageHandlingObserver.NOOP;
		}
		return (session, text) -> new ObservedHandling(
				WsObservationDocumentation.MESSAGE_HANDLING.start(this.convention, DEFAULT_CONVENTION,
						() -> new WsMessageHandlingContext(endpoint, session, text), this.registry));
	}

	private record ObservedHandling(Observation observation) implements WsMessageHandlingObserver.Handling {

		@Override
		public Observation.Scope openScope() {
			return this.observation.openScope();
		}

		@Override
		public void error(Throwable error) {
			this.observation.error(error);
		}

		@Override
		public void stop() {
			this.observation.stop();
		}

	}

}
