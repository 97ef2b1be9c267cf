package dev.wsboot.endpoint;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.observation.ObservationMessageHandlingObservers;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.server.WsSession;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.core.convert.support.DefaultConversionService;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code ws.server.message.handling} observation of
 * {@link EndpointHandler}.
 */
class EndpointHandlerObservationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final FakeSession session = new FakeSession("s1");

	@Test
	void observesTextMessageWithTemplateAndSuccess() {
		handler(new Rooms()).onText(this.session, "hi");
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo("ws.server.message.handling")
			.hasContextualNameEqualTo("ws text /rooms/{room}")
			.hasLowCardinalityKeyValue("endpoint", "/rooms/{room}")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("session.id", "s1")
			.hasBeenStopped();
		assertThat(this.session.sent).containsExactly("echo hi");
	}

	@Test
	void observesBinaryMessage() {
		handler(new Rooms()).onBinary(this.session, ByteBuffer.wrap(new byte[] { 1 }));
		assertThat(this.registry).hasSingleObservationThat()
			.hasContextualNameEqualTo("ws binary /rooms/{room}")
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	@Test
	void observesThrowingMethodAsErrorEvenWhenOnErrorHandlesIt() {
		handler(new Failing()).onText(this.session, "boom");
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "error")
			.assertThatError()
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("boom");
	}

	@Test
	void stopsAsyncObservationWhenTheStageCompletes() {
		Async endpoint = new Async();
		EndpointHandler handler = handler(endpoint);
		handler.onText(this.session, "later");
		assertThat(this.registry).hasSingleObservationThat().hasBeenStarted().isNotStopped();
		endpoint.reply.complete("done");
		assertThat(this.registry).hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "success");
		assertThat(this.session.sent).containsExactly("done");
	}

	@Test
	void observesFailedStageAsError() {
		Async endpoint = new Async();
		handler(endpoint).onText(this.session, "later");
		endpoint.reply.completeExceptionally(new IllegalArgumentException("late failure"));
		assertThat(this.registry).hasSingleObservationThat()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("outcome", "error")
			.assertThatError()
			.hasMessage("late failure");
	}

	@Test
	void doesNotObserveOpenOrClose() {
		EndpointHandler handler = handler(new Rooms());
		handler.onOpen(this.session);
		handler.onClose(this.session, CloseStatus.NORMAL);
		assertThat(this.registry).doesNotHaveAnyObservation();
	}

	private EndpointHandler handler(Object bean) {
		return new EndpointHandlerFactory(DefaultConversionService.getSharedInstance(), null,
				new ObservationMessageHandlingObservers(this.registry, null))
			.create(Endpoints.beanName(bean), bean, bean.getClass());
	}

	@WsEndpoint("/rooms/{room}")
	static class Rooms {

		@OnOpen
		void open(WsSession session) {
		}

		@OnMessage
		String text(String text) {
			return "echo " + text;
		}

		@OnMessage
		void binary(byte[] data) {
		}

	}

	@WsEndpoint("/failing")
	static class Failing {

		@OnMessage
		void text(String text) {
			throw new IllegalStateException(text);
		}

		@OnError
		void error(WsSession session, IllegalStateException ex) {
		}

	}

	@WsEndpoint("/async")
	static class Async {

		final CompletableFuture<String> reply = new CompletableFuture<>();

		@OnMessage
		CompletableFuture<String> text(String text) {
			return this.reply;
		}

	}

}
