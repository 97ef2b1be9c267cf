package dev.wsboot.observation;

import dev.wsboot.observation.WsMessageHandlingObserver.Handling;
import dev.wsboot.server.WsSession;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ObservationMessageHandlingObservers} and
 * {@link DefaultWsMessageHandlingObservationConvention}.
 */
class ObservationMessageHandlingObserversTests {

	private final WsSession session = session("2a");

	@Test
	void observesAHandledMessage() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		new ObservationMessageHandlingObservers(registry, null).forEndpoint("/chat/{room}")
			.start(this.session, true)
			.stop();
		assertThat(registry).hasSingleObservationThat()
			.hasNameEqualTo("ws.server.message.handling")
			.hasContextualNameEqualTo("ws text /chat/{room}")
			.hasLowCardinalityKeyValue("endpoint", "/chat/{room}")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("session.id", "2a")
			.isExactlyInstanceOf(WsMessageHandlingContext.class)
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void observesAFailedMessageAsAnError() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		IllegalStateException failure = new IllegalStateException("boom");
		Handling handling = new ObservationMessageHandlingObservers(registry, null).forEndpoint("/echo")
			.start(this.session, false);
		handling.error(failure);
		handling.stop();
		assertThat(registry).hasSingleObservationThat()
			.hasContextualNameEqualTo("ws binary /echo")
			.hasLowCardinalityKeyValue("outcome", "error")
			.hasError(failure);
	}

	@Test
	void makesTheHandlerCurrentWhileItRuns() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		Handling handling = new ObservationMessageHandlingObservers(registry, null).forEndpoint("/echo")
			.start(this.session, true);
		try (Observation.Scope scope = handling.openScope()) {
			assertThat(registry.getCurrentObservation()).isNotNull()
				.satisfies((current) -> assertThat(current.getContext()).isInstanceOf(WsMessageHandlingContext.class));
		}
		handling.stop();
		assertThat(registry.getCurrentObservation()).isNull();
	}

	@Test
	void makesATimerTaggedWithEndpointOutcomeAndError() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		WsMessageHandlingObserver observer = new ObservationMessageHandlingObservers(registry, null)
			.forEndpoint("/echo");
		observer.start(this.session, true).stop();
		observer.start(this.session, true).stop();
		Handling failed = observer.start(this.session, true);
		failed.error(new IllegalStateException());
		failed.stop();
		Timer success = meters.get("ws.server.message.handling")
			.tag("endpoint", "/echo")
			.tag("outcome", "success")
			.tag("error", "none")
			.timer();
		Timer error = meters.get("ws.server.message.handling")
			.tag("endpoint", "/echo")
			.tag("outcome", "error")
			.tag("error", "IllegalStateException")
			.timer();
		assertThat(success.count()).isEqualTo(2);
		assertThat(error.count()).isEqualTo(1);
		assertThat(meters.find("ws.server.message.handling").timers())
			.allSatisfy((timer) -> assertThat(timer.getId().getTag("session.id")).isNull());
	}

	@Test
	void usesACustomConvention() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		WsMessageHandlingObservationConvention custom = new DefaultWsMessageHandlingObservationConvention() {

			@Override
			public KeyValues getLowCardinalityKeyValues(WsMessageHandlingContext context) {
				return super.getLowCardinalityKeyValues(context)
					.and(KeyValue.of("type", context.isText() ? "text" : "binary"));
			}

		};
		new ObservationMessageHandlingObservers(registry, custom).forEndpoint("/echo").start(this.session, true).stop();
		assertThat(registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("type", "text")
			.hasLowCardinalityKeyValue("endpoint", "/echo");
	}

	@Test
	void observesNothingWithANoopRegistry() {
		assertThat(new ObservationMessageHandlingObservers(ObservationRegistry.NOOP, null).forEndpoint("/echo"))
			.isSameAs(WsMessageHandlingObserver.NOOP);
		assertThat(WsMessageHandlingObservers.NOOP.forEndpoint("/echo").start(this.session, true))
			.isSameAs(Handling.NONE);
	}

	private static WsSession session(String id) {
		WsSession session = mock(WsSession.class);
		given(session.id()).willReturn(id);
		return session;
	}

}
