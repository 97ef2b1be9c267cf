package dev.wsboot.observation;

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
 * Tests for {@link WsMessageHandlingObserver} and
 * {@link DefaultWsMessageHandlingObservationConvention}.
 */
class WsMessageHandlingObserverTests {

	private final WsSession session = session("2a");

	@Test
	void observesAHandledMessage() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		new WsMessageHandlingObserver(registry, null).start("/chat/{room}", this.session, true).stop();
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
		Observation observation = new WsMessageHandlingObserver(registry, null).start("/echo", this.session, false);
		observation.error(failure);
		observation.stop();
		assertThat(registry).hasSingleObservationThat()
			.hasContextualNameEqualTo("ws binary /echo")
			.hasLowCardinalityKeyValue("outcome", "error")
			.hasError(failure);
	}

	@Test
	void makesATimerTaggedWithEndpointAndOutcome() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		WsMessageHandlingObserver observer = new WsMessageHandlingObserver(registry, null);
		observer.start("/echo", this.session, true).stop();
		observer.start("/echo", this.session, true).stop();
		Observation failed = observer.start("/echo", this.session, true);
		failed.error(new IllegalStateException());
		failed.stop();
		Timer success = meters.get("ws.server.message.handling")
			.tag("endpoint", "/echo")
			.tag("outcome", "success")
			.timer();
		Timer error = meters.get("ws.server.message.handling").tag("endpoint", "/echo").tag("outcome", "error").timer();
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
		new WsMessageHandlingObserver(registry, custom).start("/echo", this.session, true).stop();
		assertThat(registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("type", "text")
			.hasLowCardinalityKeyValue("endpoint", "/echo");
	}

	@Test
	void observesNothingWithANoopRegistry() {
		assertThat(WsMessageHandlingObserver.NOOP.start("/echo", this.session, true)).isSameAs(Observation.NOOP);
		assertThat(new WsMessageHandlingObserver(ObservationRegistry.create(), null).start("/echo", this.session, true)
			.isNoop()).isTrue();
	}

	private static WsSession session(String id) {
		WsSession session = mock(WsSession.class);
		given(session.id()).willReturn(id);
		return session;
	}

}
