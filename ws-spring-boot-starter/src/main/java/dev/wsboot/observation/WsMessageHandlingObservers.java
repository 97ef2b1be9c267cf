package dev.wsboot.observation;

/**
 * Gives each endpoint its {@link WsMessageHandlingObserver}. The starter registers one of
 * two: {@code dev.wsboot.metrics.TimerMessageHandlingObservers}, a cached Micrometer
 * timer per endpoint and outcome (the default, cheap enough for every message), or, with
 * {@code ws.server.observation-enabled=true},
 * {@link ObservationMessageHandlingObservers}: a Micrometer Observation per message, so
 * that tracing gets a span for each. An application may declare its own bean instead.
 */
@FunctionalInterface
public interface WsMessageHandlingObservers {

	/** Observes nothing. */
	WsMessageHandlingObservers NOOP = (endpoint) -> WsMessageHandlingObserver.NOOP;

	/**
	 * Returns the observer of one endpoint's messages.
	 * @param endpoint the endpoint's path template, for example {@code /chat/{room}}
	 * @return its observer
	 */
	WsMessageHandlingObserver forEndpoint(String endpoint);

}
