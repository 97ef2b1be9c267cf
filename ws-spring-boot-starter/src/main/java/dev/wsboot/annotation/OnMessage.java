package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link WsEndpoint @WsEndpoint} bean that handles complete messages.
 * An endpoint has at most one for text and one for binary messages; a message of a kind
 * the endpoint has no method for closes the session with 1003 (unsupported data).
 * <p>
 * Parameters, in any order: {@link dev.wsboot.server.WsSession},
 * {@link PathParam @PathParam} values, and exactly one message parameter, whose type
 * chooses the kind:
 * <ul>
 * <li>{@code String}: a text message;</li>
 * <li>{@code byte[]} or {@link java.nio.ByteBuffer}: a binary message. A
 * {@code ByteBuffer} is valid only until the method returns, as are the buffers JSR 356
 * containers and Jetty pass: it may be a read-only view of the bytes where they were
 * read, or of a pooled buffer reused after the call. Read it, return it or send it, to
 * any session, but take a {@code byte[]} parameter, or copy, to keep the bytes for later
 * or hand them to another thread (or to a {@code CompletionStage} the method
 * returns);</li>
 * <li>any other type: a text message decoded from JSON with the application's Jackson
 * {@code JsonMapper} (Jackson 3 must be on the class path). Text that does not decode
 * goes to the endpoint's {@link OnError @OnError} method as a
 * {@link MessageDecodingException}; without one, the session is closed with 1007 (invalid
 * payload data), the code RFC 6455 gives to a message whose content the endpoint cannot
 * accept.</li>
 * </ul>
 * A non-{@code void} return value is sent back to the sender: a {@code String} (or other
 * {@code CharSequence}) as text, a {@code byte[]} or {@code ByteBuffer} as binary,
 * {@code null} not at all, any other object as JSON text. A
 * {@link java.util.concurrent.CompletionStage} return value is sent the same way when it
 * completes; if it completes exceptionally, the exception is handled as if the method had
 * thrown it. Either happens on the thread that completes it, possibly while the session's
 * next message is being handled: the one-call-at-a-time guarantee covers the method, not
 * work it leaves to a future.
 * <p>
 * If the method throws, the exception goes to the endpoint's {@link OnError @OnError}
 * method, or, without one, is logged and the session closed with 1011 (internal error).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnMessage {

}
