package dev.wsboot.observation;

import dev.wsboot.server.WsSession;
import io.micrometer.observation.Observation;

/**
 * Watches one endpoint's {@code @OnMessage} calls: times them, and with tracing gives
 * each a span. Obtained once per endpoint from {@link WsMessageHandlingObservers}, so
 * whatever it needs per endpoint (meters, tags) is resolved before the first message.
 */
@FunctionalInterface
public interface WsMessageHandlingObserver {

	/** Watches nothing and allocates nothing. */
	WsMessageHandlingObserver NOOP = (session, text) -> Handling.NONE;

	/**
	 * Starts watching the handling of one message.
	 * @param session the session the message arrived on
	 * @param text whether the message is text
	 * @return the handling, to be ended with {@link Handling#stop()}
	 */
	Handling start(WsSession session, boolean text);

	/**
	 * The handling of one message, from the handler's call until its reply is queued.
	 */
	interface Handling {

		/** A handling nobody watches. */
		Handling NONE = new Handling() {

			@Override
			public void error(Throwable error) {
			}

			@Override
			public void stop() {
			}

		};

		/**
		 * Makes this handling current on the calling thread while the handler runs, so
		 * that a tracer's span is the parent of what the handler does.
		 * @return the scope to close when the handler returns
		 */
		default Observation.Scope openScope() {
			return Observation.Scope.NOOP;
		}

		/**
		 * Records that the handler failed.
		 * @param error what it threw
		 */
		void error(Throwable error);

		/**
		 * Ends the handling and records it.
		 */
		void stop();

	}

}
