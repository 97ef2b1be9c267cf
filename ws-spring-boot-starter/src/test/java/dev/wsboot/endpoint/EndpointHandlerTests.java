package dev.wsboot.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.annotation.MessageDecodingException;
import dev.wsboot.annotation.OnClose;
import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.PathParam;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.server.WsSession;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class EndpointHandlerTests {

	private final FakeSession session = new FakeSession("s1", Map.of("room", "lobby", "n", "7"));

	@Test
	void bindsSessionAndConvertedPathParamsOnOpen() {
		AllKinds endpoint = new AllKinds();
		Endpoints.handler(endpoint).onOpen(this.session);
		assertThat(endpoint.calls).containsExactly("open s1 lobby 7");
	}

	@Test
	void opensAndClosesOnTheEventLoopOnlyWithoutOnOpenAndOnClose() {
		assertThat(Endpoints.handler(new Echo()).dispatchesOpenAndClose()).isFalse();
		assertThat(Endpoints.handler(new AllKinds()).dispatchesOpenAndClose()).isTrue();
		assertThat(Endpoints.handler(new Failing()).dispatchesOpenAndClose()).isTrue();
	}

	@Test
	void bindsTextMessageAndSessionInAnyOrder() {
		AllKinds endpoint = new AllKinds();
		Endpoints.handler(endpoint).onText(this.session, "hello");
		assertThat(endpoint.calls).containsExactly("text hello from s1");
	}

	@Test
	void bindsBinaryMessageAsByteArray() {
		AllKinds endpoint = new AllKinds();
		Endpoints.handler(endpoint).onBinary(this.session, ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
		assertThat(endpoint.calls).containsExactly("binary 3");
	}

	@Test
	void bindsBinaryMessageSliceAsByteArrayCopy() {
		AllKinds endpoint = new AllKinds();
		ByteBuffer slice = ByteBuffer.wrap(new byte[] { 9, 1, 2, 9 }, 1, 2);
		Endpoints.handler(endpoint).onBinary(this.session, slice);
		assertThat(endpoint.calls).containsExactly("binary 2");
	}

	@Test
	void bindsExactlyTheBytesABufferHoldsAsByteArray() {
		BytesEcho endpoint = new BytesEcho();
		ByteBuffer atAnOffset = ByteBuffer.wrap(new byte[] { 9, 1, 2, 9 }, 1, 2).slice();
		ByteBuffer withRoomLeft = ByteBuffer.wrap(new byte[] { 3, 4, 0, 0 }).limit(2);
		Endpoints.handler(endpoint).onBinary(this.session, atAnOffset);
		Endpoints.handler(endpoint).onBinary(this.session, withRoomLeft);
		assertThat(this.session.sent).containsExactly(new byte[] { 1, 2 }, new byte[] { 3, 4 });
	}

	@Test
	void bindsBinaryMessageAsByteBuffer() {
		Echo endpoint = new Echo();
		ByteBuffer data = ByteBuffer.wrap(new byte[] { 4, 5 });
		Endpoints.handler(endpoint).onBinary(this.session, data);
		assertThat(this.session.sent).singleElement().isEqualTo(new byte[] { 4, 5 });
	}

	@Test
	void bindsCloseStatusAndPathParamOnClose() {
		AllKinds endpoint = new AllKinds();
		Endpoints.handler(endpoint).onClose(this.session, CloseStatus.of(4000, "bye"));
		assertThat(endpoint.calls).containsExactly("close 4000 lobby");
	}

	@Test
	void bindsJsonMessageToRecordAndGenericType() {
		JsonEndpoint endpoint = new JsonEndpoint();
		EndpointHandler handler = Endpoints.handler(endpoint);
		handler.onText(this.session, "{\"x\":1,\"y\":2}");
		assertThat(endpoint.moves).containsExactly(new Move(1, 2));
		Batch batch = new Batch();
		Endpoints.handler(batch).onText(this.session, "[{\"x\":3,\"y\":4},{\"x\":5,\"y\":6}]");
		assertThat(batch.moves).containsExactly(new Move(3, 4), new Move(5, 6));
	}

	@Test
	void malformedJsonWithoutOnErrorClosesWith1007(CapturedOutput output) {
		JsonEndpoint endpoint = new JsonEndpoint();
		Endpoints.handler(endpoint).onText(this.session, "{not json");
		assertThat(this.session.closedWith).isNotNull();
		assertThat(this.session.closedWith.code()).isEqualTo(1007);
		assertThat(endpoint.moves).isEmpty();
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void malformedJsonGoesToOnErrorWhenPresent() {
		JsonWithErrorHandler endpoint = new JsonWithErrorHandler();
		Endpoints.handler(endpoint).onText(this.session, "{\"x\":\"not a number\"}");
		assertThat(endpoint.errors).singleElement()
			.isInstanceOf(MessageDecodingException.class)
			.satisfies((ex) -> assertThat(((MessageDecodingException) ex).getTargetType()).isEqualTo(Move.class));
		assertThat(this.session.isOpen()).isTrue();
	}

	@Test
	void sendsStringReturnValueAsText() {
		Echo echo = new Echo();
		Endpoints.handler(echo).onText(this.session, "hi");
		assertThat(this.session.sent).containsExactly("hi");
	}

	@Test
	void sendsByteArrayAndObjectReturnValues() {
		Returns endpoint = new Returns();
		EndpointHandler handler = Endpoints.handler(endpoint);
		handler.onBinary(this.session, ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
		handler.onText(this.session, "3");
		assertThat(this.session.sent).hasSize(2);
		assertThat(this.session.sent.get(0)).isEqualTo(new byte[] { 'c', 'b', 'a' });
		assertThat(this.session.sent.get(1)).isEqualTo("{\"x\":3,\"y\":6}");
	}

	@Test
	void sendsNothingForNullReturnValue() {
		Returns endpoint = new Returns();
		Endpoints.handler(endpoint).onText(this.session, "null");
		assertThat(this.session.sent).isEmpty();
		assertThat(this.session.isOpen()).isTrue();
	}

	@Test
	void sendsCompletionStageResultWhenItCompletes() {
		Async endpoint = new Async();
		EndpointHandler handler = Endpoints.handler(endpoint);
		handler.onText(this.session, "later");
		assertThat(this.session.sent).isEmpty();
		endpoint.pending.complete("done: later");
		assertThat(this.session.sent).containsExactly("done: later");
	}

	@Test
	void routesFailedCompletionStageToOnError() {
		Async endpoint = new Async();
		Endpoints.handler(endpoint).onText(this.session, "later");
		IllegalStateException failure = new IllegalStateException("boom");
		endpoint.pending.completeExceptionally(failure);
		assertThat(endpoint.errors).containsExactly(failure);
	}

	@Test
	void routesExceptionToOnErrorUnwrappedAndKeepsSessionOpen() {
		Failing endpoint = new Failing();
		Endpoints.handler(endpoint).onText(this.session, "x");
		assertThat(endpoint.errors).singleElement(InstanceOfAssertFactories.THROWABLE)
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("bad x");
		assertThat(this.session.isOpen()).isTrue();
	}

	@Test
	void routesOnOpenExceptionToOnError() {
		Failing endpoint = new Failing();
		Endpoints.handler(endpoint).onOpen(this.session);
		assertThat(endpoint.errors).singleElement(InstanceOfAssertFactories.THROWABLE).hasMessage("no entry");
	}

	@Test
	void routesListenerReportedErrorToOnError() {
		Failing endpoint = new Failing();
		IllegalStateException error = new IllegalStateException("from the listener");
		Endpoints.handler(endpoint).onError(this.session, error);
		assertThat(endpoint.errors).containsExactly(error);
	}

	@Test
	void exceptionWithoutOnErrorIsLoggedOnceAndClosesWith1011(CapturedOutput output) {
		Echo endpoint = new Echo();
		Endpoints.handler(endpoint).onText(this.session, "fail");
		assertThat(this.session.closedWith).isEqualTo(EndpointHandler.INTERNAL_ERROR);
		assertThat(output).containsOnlyOnce("IllegalStateException: asked to fail");
		assertThat(output).contains("WARN")
			.contains("WebSocket endpoint '/echo'")
			.contains(Echo.class.getName() + ".echo(String)")
			.contains("closing the session with 1011");
	}

	@Test
	void exceptionNotAcceptedByOnErrorGetsDefaultHandling() {
		Narrow endpoint = new Narrow();
		EndpointHandler handler = Endpoints.handler(endpoint);
		handler.onText(this.session, "state");
		assertThat(endpoint.errors).hasSize(1);
		assertThat(this.session.isOpen()).isTrue();
		handler.onText(this.session, "argument");
		assertThat(endpoint.errors).hasSize(1);
		assertThat(this.session.closedWith).isEqualTo(EndpointHandler.INTERNAL_ERROR);
	}

	@Test
	void onErrorThatThrowsClosesWith1011(CapturedOutput output) {
		ThrowingErrorHandler endpoint = new ThrowingErrorHandler();
		Endpoints.handler(endpoint).onText(this.session, "x");
		assertThat(this.session.closedWith).isEqualTo(EndpointHandler.INTERNAL_ERROR);
		assertThat(output).contains("IllegalStateException: error handler failed")
			.contains("Suppressed: java.lang.IllegalArgumentException: first");
	}

	@Test
	void messageOfUnhandledKindClosesWith1003() {
		EndpointHandler handler = Endpoints.handler(new Failing());
		handler.onBinary(this.session, ByteBuffer.allocate(1));
		assertThat(this.session.closedWith).isNotNull();
		assertThat(this.session.closedWith.code()).isEqualTo(1003);
	}

	@Test
	void tracksOpenSessions() {
		EndpointHandler handler = Endpoints.handler(new Echo());
		FakeSession other = new FakeSession("s2");
		handler.onOpen(this.session);
		handler.onOpen(other);
		assertThat(handler.sessions()).containsExactlyInAnyOrder(this.session, other);
		handler.onClose(this.session, CloseStatus.NORMAL);
		assertThat(handler.sessions()).containsExactly(other);
	}

	record Move(int x, int y) {
	}

	@WsEndpoint("/all/{room}/{n}")
	static class AllKinds {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@OnOpen
		void open(WsSession session, @PathParam String room, @PathParam("n") int number) {
			this.calls.add("open " + session.id() + " " + room + " " + number);
		}

		@OnMessage
		void text(String text, WsSession session) {
			this.calls.add("text " + text + " from " + session.id());
		}

		@OnMessage
		void binary(byte[] data) {
			this.calls.add("binary " + data.length);
		}

		@OnClose
		void close(CloseStatus status, @PathParam String room) {
			this.calls.add("close " + status.code() + " " + room);
		}

	}

	@WsEndpoint("/echo")
	static class Echo {

		@OnMessage
		String echo(String text) {
			if (text.equals("fail")) {
				throw new IllegalStateException("asked to fail");
			}
			return text;
		}

		@OnMessage
		ByteBuffer echo(ByteBuffer data) {
			return data;
		}

	}

	@WsEndpoint("/bytes")
	static class BytesEcho {

		@OnMessage
		byte[] echo(byte[] data) {
			return data;
		}

	}

	@WsEndpoint("/json")
	static class JsonEndpoint {

		final List<Move> moves = new CopyOnWriteArrayList<>();

		@OnMessage
		void move(Move move) {
			this.moves.add(move);
		}

	}

	@WsEndpoint("/json-batch")
	static class Batch {

		final List<Move> moves = new CopyOnWriteArrayList<>();

		@OnMessage
		void moves(List<Move> moves) {
			this.moves.addAll(moves);
		}

	}

	@WsEndpoint("/json-errors")
	static class JsonWithErrorHandler {

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		@OnMessage
		void move(Move move) {
		}

		@OnError
		void error(Throwable error) {
			this.errors.add(error);
		}

	}

	@WsEndpoint("/returns")
	static class Returns {

		@OnMessage
		byte[] reverse(ByteBuffer data) {
			byte[] reversed = new byte[data.remaining()];
			for (int i = reversed.length - 1; i >= 0; i--) {
				reversed[i] = data.get();
			}
			return reversed;
		}

		@OnMessage
		Move doubled(String text) {
			if (text.equals("null")) {
				return null;
			}
			int n = Integer.parseInt(text);
			return new Move(n, 2 * n);
		}

	}

	@WsEndpoint("/async")
	static class Async {

		final CompletableFuture<String> pending = new CompletableFuture<>();

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		@OnMessage
		CompletableFuture<String> later(String text) {
			return this.pending;
		}

		@OnError
		void error(Throwable error) {
			this.errors.add(error);
		}

	}

	@WsEndpoint("/failing")
	static class Failing {

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		@OnOpen
		void open() {
			throw new IllegalStateException("no entry");
		}

		@OnMessage
		void fail(String text) {
			throw new IllegalArgumentException("bad " + text);
		}

		@OnError
		void error(WsSession session, Throwable error) {
			this.errors.add(error);
		}

	}

	@WsEndpoint("/narrow")
	static class Narrow {

		final List<Throwable> errors = new CopyOnWriteArrayList<>();

		@OnMessage
		void fail(String text) {
			if (text.equals("state")) {
				throw new IllegalStateException(text);
			}
			throw new IllegalArgumentException(text);
		}

		@OnError
		void error(IllegalStateException error) {
			this.errors.add(error);
		}

	}

	@WsEndpoint("/throwing-error-handler")
	static class ThrowingErrorHandler {

		@OnMessage
		void fail(String text) {
			throw new IllegalArgumentException("first");
		}

		@OnError
		void error(Throwable error) {
			throw new IllegalStateException("error handler failed");
		}

	}

}
