package dev.wsboot.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.wsboot.observation.WsMessageHandlingObserver;
import dev.wsboot.observation.WsMessageHandlingObservers;
import dev.wsboot.server.WsSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Times each message an endpoint handles with the {@link WsMeters#MESSAGE_HANDLING
 * ws.server.message.handling} timer. The timers are resolved once per endpoint (and per
 * exception type on failure), so a message costs two clock reads and a timer update: the
 * default, where an Observation per message would cost more than the rest of the
 * message's path through the server.
 */
public final class TimerMessageHandlingObservers implements WsMessageHandlingObservers {

	private final MeterRegistry registry;

	/**
	 * Creates the observers.
	 * @param registry where the timers go
	 */
	public TimerMessageHandlingObservers(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public WsMessageHandlingObserver forEndpoint(String endpoint) {
		return new EndpointTimers(this.registry, endpoint);
	}

	private static final class EndpointTimers implements WsMessageHandlingObserver {

		private final MeterRegistry registry;

		private final String endpoint;

		private final Timer success;

		private final Map<Class<?>, Timer> errors = new ConcurrentHashMap<>();

		EndpointTimers(MeterRegistry registry, String endpoint) {
			this.registry = registry;
			this.endpoint = endpoint;
			this.success = timer("success", "none");
		}

		@Override
		public Handling start(WsSession session, boolean text) {
			return new TimedHandling(this, System.nanoTime());
		}

		void record(@Nullable Throwable error, long nanos) {
			Timer timer = (error != null)
					? this.errors.computeIfAbsent(error.getClass(), (type) -> timer("error", type.getSimpleName()))
					: this.success;
			timer.record(nanos, TimeUnit.NANOSECONDS);
		}

		private Timer timer(String outcome, String error) {
			return Timer.builder(WsMeters.MESSAGE_HANDLING.getName())
				.description(WsMeters.MESSAGE_HANDLING.getDescription())
				.tags(Tags.of(WsMeters.Keys.ENDPOINT.asString(), this.endpoint, WsMeters.Keys.OUTCOME.asString(),
						outcome, WsMeters.Keys.ERROR.asString(), error))
				.register(this.registry);
		}

	}

	private static final class TimedHandling implements WsMessageHandlingObserver.Handling {

		private final EndpointTimers timers;

		private final long startNanos;

		private @Nullable Throwable error;

		TimedHandling(EndpointTimers timers, long startNanos) {
			this.timers = timers;
			this.startNanos = startNanos;
		}

		@Override
		public void error(Throwable error) {
			this.error = error;
		}

		@Override
		public void stop() {
			this.timers.record(this.error, System.nanoTime() - this.startNanos);
		}

	}

}
