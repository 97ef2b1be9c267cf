package dev.wsboot.endtoend;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.wsboot.annotation.OnClose;
import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.OnOpen;
import dev.wsboot.annotation.PathParam;
import dev.wsboot.annotation.WsEndpoint;
import dev.wsboot.protocol.close.CloseStatus;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessions;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the end-to-end tests run: one endpoint per feature.
 */
@SpringBootApplication(proxyBeanMethods = false)
class EndToEndApplication {

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String text(String text) {
			return text;
		}

		@OnMessage
		ByteBuffer binary(ByteBuffer data) {
			return data;
		}

	}

	/**
	 * The README's example.
	 */
	@WsEndpoint("/rooms/{room}")
	static class RoomEndpoint {

		private final WsSessions sessions;

		RoomEndpoint(WsSessions sessions) {
			this.sessions = sessions;
		}

		@OnOpen
		void join(WsSession session, @PathParam String room) {
			session.attributes().put("name", "guest-" + session.id());
		}

		@OnMessage
		String say(WsSession session, @PathParam String room, String text) {
			this.sessions.broadcast("/rooms/{room}", (s) -> room.equals(s.pathParams().get("room")),
					session.attributes().get("name") + ": " + text);
			return "sent";
		}

		@OnClose
		void leave(WsSession session, CloseStatus status) {
		}

		@OnError
		void failed(WsSession session, Throwable error) {
			session.close(CloseStatus.of(4000, "try again"));
		}

	}

	@WsEndpoint("/games/{game}/players/{player}")
	static class GameEndpoint {

		@OnOpen
		void open(WsSession session, @PathParam long game, @PathParam String player) {
			session.sendText("game " + game + " player " + player);
		}

	}

	@WsEndpoint(path = "/chat", subprotocols = { "v2.chat", "v1.chat" })
	static class SubprotocolEndpoint {

		@OnOpen
		void open(WsSession session) {
			session.sendText(String.valueOf(session.subprotocol()));
		}

	}

	@WsEndpoint("/fail")
	static class FailingEndpoint {

		@OnMessage
		void fail(String text) {
			throw new IllegalStateException("boom: " + text);
		}

		@OnError
		void error(WsSession session, IllegalStateException error) {
			session.sendText("error: " + error.getMessage());
		}

	}

	@WsEndpoint("/unhandled")
	static class UnhandledEndpoint {

		@OnMessage
		void fail(String text) {
			throw new IllegalStateException("unhandled: " + text);
		}

	}

	record Greeting(String name, int times) {
	}

	record Reply(String text) {
	}

	@WsEndpoint("/json")
	static class JsonEndpoint {

		@OnMessage
		Reply greet(Greeting greeting) {
			return new Reply(("hello " + greeting.name() + " ").repeat(greeting.times()).trim());
		}

	}

	@WsEndpoint("/async")
	static class AsyncEndpoint {

		@OnMessage
		CompletionStage<String> upper(String text) {
			return CompletableFuture.supplyAsync(text::toUpperCase);
		}

	}

	@WsEndpoint("/close")
	static class CloseEndpoint {

		@OnMessage
		void close(WsSession session, String reason) {
			session.close(CloseStatus.of(4001, reason));
		}

	}

	/**
	 * Answers each text message with the thread its method ran on, and each binary
	 * message with what buffer it was given, then the message.
	 */
	@WsEndpoint("/thread")
	static class ThreadEndpoint {

		@OnMessage
		String thread(String text) {
			Thread current = Thread.currentThread();
			return current.getClass().getSimpleName() + " " + current.getName();
		}

		@OnMessage
		ByteBuffer lent(WsSession session, ByteBuffer data) {
			session.sendText(kind(data));
			return data;
		}

	}

	static String kind(ByteBuffer data) {
		return (data.isDirect() ? "direct" : "heap") + (data.isReadOnly() ? ", read-only" : "");
	}

	/**
	 * Answers each text message with the threads its {@code @OnOpen} and
	 * {@code @OnMessage} methods ran on, and each binary message with what buffer it was
	 * given, then the message.
	 */
	@WsEndpoint(path = "/thread/non-blocking", nonBlocking = true)
	static class NonBlockingThreadEndpoint {

		@OnOpen
		void open(WsSession session) {
			session.attributes().put("opened on", Thread.currentThread().getName());
		}

		@OnMessage
		String thread(WsSession session, String text) {
			return session.attributes().get("opened on") + ", " + Thread.currentThread().getName();
		}

		@OnMessage
		ByteBuffer lent(WsSession session, ByteBuffer data) {
			session.sendText(kind(data));
			return data;
		}

	}

	/**
	 * Blocks in its method until the test releases it, as a handler waiting on a database
	 * would; longer than a client waits for a reply, so that a session stalled behind it
	 * fails the test by timing out.
	 */
	@WsEndpoint("/block")
	static class BlockingEndpoint {

		static final Semaphore released = new Semaphore(0);

		@OnMessage
		String block(String text) throws InterruptedException {
			return released.tryAcquire(2 * JdkClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? "released " + text
					: "timed out";
		}

	}

	@WsEndpoint("/news")
	static class NewsEndpoint {

	}

}
