package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint @WsEndpoint} bean called once per session,
 * after the handshake succeeded and before its first message.
 * <p>
 * Parameters, in any order: {@link dev.wsboot.server.WsSession} and
 * {@link PathParam @PathParam} values. The method returns {@code void}. At most one per
 * endpoint. If it throws, the exception goes to the endpoint's {@link OnError @OnError}
 * method, or, without one, is logged and the session closed with 1011 (internal error).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnOpen {

}
