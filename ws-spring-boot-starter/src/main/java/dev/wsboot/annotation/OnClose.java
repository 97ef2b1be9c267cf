package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint @WsEndpoint} bean called once per session, when
 * its connection is gone. Nothing can be sent to the session any more.
 * <p>
 * Parameters, in any order: {@link dev.wsboot.server.WsSession},
 * {@link PathParam @PathParam} values and {@link dev.wsboot.protocol.close.CloseStatus}:
 * the code the peer sent, or the one the server sent when it closed first, or 1006 when
 * the connection dropped without a closing handshake. The method returns {@code void}. At
 * most one per endpoint.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnClose {

}
