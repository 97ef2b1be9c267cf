package dev.wsboot.endpoint;

import java.nio.ByteBuffer;
import java.util.concurrent.Future;

import dev.wsboot.annotation.OnClose;
import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.PathParam;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.server.WsSession;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanInitializationException;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each misdeclared endpoint fails at startup with a message naming the bean, class and
 * method, what is wrong and what is allowed.
 */
class InvalidEndpointSignatureTests {

	@Test
	void unknownParameterTypeOnOpen() {
		assertInvalid(new OpenWithText(), "open(String)").withMessageContaining("Invalid @OnOpen method")
			.withMessageContaining("parameter 1 (String) cannot be supplied to @OnOpen methods")
			.withMessageContaining(EndpointMethodFactory.OPEN_SHAPES);
	}

	@Test
	void wrongReturnTypeOnOpen() {
		assertInvalid(new OpenReturningString(), "open(WsSession)")
			.withMessageContaining("it must return void, not String");
	}

	@Test
	void wrongReturnTypeOnClose() {
		assertInvalid(new CloseReturningInt(), "close(CloseStatus)")
			.withMessageContaining("it must return void, not int")
			.withMessageContaining(EndpointMethodFactory.CLOSE_SHAPES);
	}

	@Test
	void twoTextHandlers() {
		assertInvalidEndpoint(new TwoText()).withMessageContaining("two @OnMessage methods for text messages")
			.withMessageContaining(TwoText.class.getName() + ".a(String)")
			.withMessageContaining(TwoText.class.getName() + ".b(Pojo)");
	}

	@Test
	void twoBinaryHandlers() {
		assertInvalidEndpoint(new TwoBinary()).withMessageContaining("two @OnMessage methods for binary messages");
	}

	@Test
	void twoOnOpenMethods() {
		assertInvalidEndpoint(new TwoOpen()).withMessageContaining("two @OnOpen methods");
	}

	@Test
	void messageMethodWithoutMessageParameter() {
		assertInvalid(new NoPayload(), "message(WsSession)").withMessageContaining("it has no message parameter")
			.withMessageContaining(EndpointMethodFactory.MESSAGE_SHAPES);
	}

	@Test
	void messageMethodWithTwoMessageParameters() {
		assertInvalid(new TwoPayloads(), "message(String, byte[])")
			.withMessageContaining("parameter 2 (byte[]) is a second message parameter");
	}

	@Test
	void closeStatusOnMessage() {
		assertInvalid(new StatusInMessage(), "message(CloseStatus)")
			.withMessageContaining("parameter 1 (CloseStatus) cannot be supplied to an @OnMessage method");
	}

	@Test
	void pojoParameterWithoutJackson() {
		assertThatExceptionOfType(InvalidEndpointSignatureException.class)
			.isThrownBy(() -> Endpoints.handlerWithoutJson(new PojoParameter()))
			.withMessageContaining(PojoParameter.class.getName() + ".message(Pojo)")
			.withMessageContaining("would be decoded from JSON text, but Jackson 3")
			.withMessageContaining("is not on the class path");
	}

	@Test
	void pojoReturnWithoutJackson() {
		assertThatExceptionOfType(InvalidEndpointSignatureException.class)
			.isThrownBy(() -> Endpoints.handlerWithoutJson(new PojoReturn()))
			.withMessageContaining(PojoReturn.class.getName() + ".message(String)")
			.withMessageContaining("its return type Pojo would be sent as JSON text");
	}

	@Test
	void stringAndBytesEndpointWorksWithoutJackson() {
		Endpoints.handlerWithoutJson(new PlainOnly());
	}

	@Test
	void futureThatIsNotCompletionStage() {
		assertInvalid(new FutureReturn(), "message(String)")
			.withMessageContaining("return a CompletableFuture or CompletionStage");
	}

	@Test
	void onErrorWithoutThrowable() {
		assertInvalid(new ErrorWithoutThrowable(), "error(WsSession)")
			.withMessageContaining("it has no Throwable parameter")
			.withMessageContaining(EndpointMethodFactory.ERROR_SHAPES);
	}

	@Test
	void pathParamThatIsNotATemplateVariable() {
		assertInvalid(new UnknownPathParam(), "open(String)")
			.withMessageContaining("@PathParam 'roon', which is not a variable of the path template '/rooms/{room}'");
	}

	@Test
	void pathParamThatCannotBeConverted() {
		assertInvalid(new UnconvertiblePathParam(), "open(Runnable)")
			.withMessageContaining("a String cannot be converted to java.lang.Runnable");
	}

	@Test
	void staticMethod() {
		assertInvalid(new StaticMethod(), "open()").withMessageContaining("it must not be static");
	}

	@Test
	void twoAnnotationsOnOneMethod() {
		assertInvalidEndpoint(new TwoAnnotations())
			.withMessageContaining(TwoAnnotations.class.getName() + ".both(WsSession)")
			.withMessageContaining("both @OnOpen and @OnClose");
	}

	@Test
	void invalidPathTemplate() {
		assertThatExceptionOfType(BeanInitializationException.class)
			.isThrownBy(() -> Endpoints.handler(new BadTemplate()))
			.withMessageContaining(BadTemplate.class.getName())
			.withMessageContaining("'badTemplate'")
			.withMessageContaining("must start with '/'");
	}

	private ThrowableAssertAlternative<InvalidEndpointSignatureException> assertInvalid(Object bean, String method) {
		return assertInvalidEndpoint(bean).withMessageContaining(bean.getClass().getName() + "." + method)
			.withMessageContaining("of @WsEndpoint bean '" + Endpoints.beanName(bean) + "'");
	}

	private ThrowableAssertAlternative<InvalidEndpointSignatureException> assertInvalidEndpoint(Object bean) {
		return assertThatExceptionOfType(InvalidEndpointSignatureException.class)
			.isThrownBy(() -> Endpoints.handler(bean));
	}

	record Pojo(String name) {
	}

	@WsEndpoint("/x")
	static class OpenWithText {

		@OnOpen
		void open(String text) {
		}

	}

	@WsEndpoint("/x")
	static class OpenReturningString {

		@OnOpen
		String open(WsSession session) {
			return "";
		}

	}

	@WsEndpoint("/x")
	static class CloseReturningInt {

		@OnClose
		int close(CloseStatus status) {
			return 0;
		}

	}

	@WsEndpoint("/x")
	static class TwoText {

		@OnMessage
		void a(String text) {
		}

		@OnMessage
		void b(Pojo pojo) {
		}

	}

	@WsEndpoint("/x")
	static class TwoBinary {

		@OnMessage
		void a(byte[] data) {
		}

		@OnMessage
		void b(ByteBuffer data) {
		}

	}

	@WsEndpoint("/x")
	static class TwoOpen {

		@OnOpen
		void a() {
		}

		@OnOpen
		void b(WsSession session) {
		}

	}

	@WsEndpoint("/x")
	static class NoPayload {

		@OnMessage
		void message(WsSession session) {
		}

	}

	@WsEndpoint("/x")
	static class TwoPayloads {

		@OnMessage
		void message(String text, byte[] data) {
		}

	}

	@WsEndpoint("/x")
	static class StatusInMessage {

		@OnMessage
		void message(CloseStatus status) {
		}

	}

	@WsEndpoint("/x")
	static class PojoParameter {

		@OnMessage
		void message(Pojo pojo) {
		}

	}

	@WsEndpoint("/x")
	static class PojoReturn {

		@OnMessage
		Pojo message(String text) {
			return new Pojo(text);
		}

	}

	@WsEndpoint("/x")
	static class PlainOnly {

		@OnMessage
		String text(String text) {
			return text;
		}

		@OnMessage
		byte[] binary(byte[] data) {
			return data;
		}

	}

	@WsEndpoint("/x")
	static class FutureReturn {

		@OnMessage
		Future<String> message(String text) {
			return null;
		}

	}

	@WsEndpoint("/x")
	static class ErrorWithoutThrowable {

		@OnError
		void error(WsSession session) {
		}

	}

	@WsEndpoint("/rooms/{room}")
	static class UnknownPathParam {

		@OnOpen
		void open(@PathParam String roon) {
		}

	}

	@WsEndpoint("/rooms/{room}")
	static class UnconvertiblePathParam {

		@OnOpen
		void open(@PathParam("room") Runnable room) {
		}

	}

	@WsEndpoint("/x")
	static class StaticMethod {

		@OnOpen
		static void open() {
		}

	}

	@WsEndpoint("/x")
	static class TwoAnnotations {

		@OnOpen
		@OnClose
		void both(WsSession session) {
		}

	}

	@WsEndpoint("x")
	static class BadTemplate {

	}

}
