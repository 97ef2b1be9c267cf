package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint @WsEndpoint} bean that handles what the
 * endpoint's other methods threw, and messages that could not be decoded
 * ({@link MessageDecodingException}).
 * <p>
 * Parameters, in any order: exactly one {@link Throwable} (or a subtype: other exceptions
 * then get the default handling), {@link dev.wsboot.server.WsSession} and
 * {@link PathParam @PathParam} values. The method returns {@code void}. At most one per
 * endpoint. The session stays open unless the method closes it. Without this method, an
 * exception is logged at WARN and the session closed with 1011 (internal error); a
 * message that cannot be decoded closes it with 1007 (invalid payload data). If this
 * method throws in turn, that exception is logged and the session closed with 1011.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnError {

}
