package dev.wsboot.observation;

import dev.wsboot.server.WsSession;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Starts the {@link WsObservationDocumentation#MESSAGE_HANDLING message handling}
 * observations of the endpoints' handlers. With a no-op registry it allocates nothing.
 */
public final class WsMessageHandlingObserver {

	/** Observes nothing. */
	public static final WsMessageHandlingObserver NOOP = new WsMessageHandlingObserver(ObservationRegistry.NOOP, null);

	private static final WsMessageHandlingObservationConvention DEFAULT_CONVENTION = new DefaultWsMessageHandlingObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable WsMessageHandlingObservationConvention convention;

	/**
	 * Creates an observer.
	 * @param registry where observations go
	 * @param convention replaces the default convention, or {@code null}
	 */
	public WsMessageHandlingObserver(ObservationRegistry registry,
			@Nullable WsMessageHandlingObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Starts observing the handling of one message. The caller reports a failure with
	 * {@link Observation#error(Throwable)} and ends it with {@link Observation#stop()}.
	 * @param endpoint the endpoint's path template
	 * @param session the session the message arrived on
	 * @param text whether the message is text
	 * @return the started observation, {@link Observation#NOOP} when nothing observes
	 */
	public Observation start(String endpoint, WsSession session, boolean text) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		return WsObservationDocumentation.MESSAGE_HANDLING.start(this.convention, DEFAULT_CONVENTION,
				() -> new WsMessageHandlingContext(endpoint, session, text), this.registry);
	}

}
