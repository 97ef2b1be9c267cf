package dev.wsboot.metrics;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.wsboot.observation.ObservationMessageHandlingObservers;
import dev.wsboot.observation.WsMessageHandlingObserver;
import dev.wsboot.observation.WsMessageHandlingObserver.Handling;
import dev.wsboot.observation.WsMessageHandlingObservers;
import dev.wsboot.server.WsSession;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link TimerMessageHandlingObservers}.
 */
class TimerMessageHandlingObserversTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final WsSession session = session();

	@Test
	void timesEachHandlingByOutcomeAndError() {
		WsMessageHandlingObserver observer = new TimerMessageHandlingObservers(this.registry)
			.forEndpoint("/chat/{room}");
		observer.start(this.session, true).stop();
		observer.start(this.session, false).stop();
		fail(observer, new IllegalStateException());
		fail(observer, new IllegalStateException());
		fail(observer, new UnsupportedOperationException());
		assertThat(timer("success", "none").count()).isEqualTo(2);
		assertThat(timer("error", "IllegalStateException").count()).isEqualTo(2);
		assertThat(timer("error", "UnsupportedOperationException").count()).isEqualTo(1);
		assertThat(timer("success", "none").getId().getDescription())
			.isEqualTo(WsMeters.MESSAGE_HANDLING.getDescription());
	}

	@Test
	void registersTheSuccessTimerBeforeTheFirstMessage() {
		new TimerMessageHandlingObservers(this.registry).forEndpoint("/chat/{room}");
		assertThat(timer("success", "none").count()).isZero();
	}

	@Test
	void makesTheSameSeriesAsTheObservation() {
		SimpleMeterRegistry observed = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(observed));
		for (WsMessageHandlingObservers observers : List.of(new TimerMessageHandlingObservers(this.registry),
				new ObservationMessageHandlingObservers(observations, null))) {
			WsMessageHandlingObserver observer = observers.forEndpoint("/echo");
			observer.start(this.session, true).stop();
			fail(observer, new IllegalArgumentException());
		}
		assertThat(series(this.registry)).isEqualTo(series(observed)).hasSize(2);
	}

	private static void fail(WsMessageHandlingObserver observer, RuntimeException error) {
		Handling handling = observer.start(session(), true);
		handling.error(error);
		handling.stop();
	}

	private static WsSession session() {
		WsSession session = mock(WsSession.class);
		given(session.id()).willReturn("1");
		return session;
	}

	private Timer timer(String outcome, String error) {
		return this.registry.get("ws.server.message.handling")
			.tags("endpoint", "/chat/{room}", "outcome", outcome, "error", error)
			.timer();
	}

	private static Set<List<Tag>> series(SimpleMeterRegistry registry) {
		return registry.find("ws.server.message.handling")
			.timers()
			.stream()
			.map(Meter::getId)
			.map(Meter.Id::getTags)
			.collect(Collectors.toSet());
	}

}
