package dev.wsboot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean as a WebSocket endpoint served by the wsboot listener at a path template.
 * <p>
 * The class is a {@link Component @Component}, so component scanning finds it; one
 * instance serves every session of the endpoint, so keep per-session state in
 * {@link dev.wsboot.server.WsSession#attributes()}, not in fields. Its methods handle the
 * session's life: {@link OnOpen @OnOpen}, {@link OnMessage @OnMessage} (at most one for
 * text and one for binary messages), {@link OnClose @OnClose} and
 * {@link OnError @OnError}. A method with a parameter or return type the starter cannot
 * supply fails the application's startup with a message naming it. <pre class="code">
 * &#64;WsEndpoint("/rooms/{room}")
 * class RoomEndpoint {
 *
 *     &#64;OnMessage
 *     String echo(WsSession session, &#64;PathParam String room, String text) {
 *         return room + ": " + text;
 *     }
 *
 * }
 * </pre>
 *
 * @see OnOpen
 * @see OnMessage
 * @see OnClose
 * @see OnError
 * @see PathParam
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface WsEndpoint {

	/**
	 * Alias for {@link #path()}, so that {@code @WsEndpoint("/chat")} reads naturally.
	 * @return the path template
	 */
	@AliasFor("path")
	String value() default "";

	/**
	 * The path template the endpoint answers, starting with {@code /}: literal segments
	 * and whole segment variables in braces, for example {@code /chat} or
	 * {@code /rooms/{room}}. A variable matches exactly one non-empty path segment; its
	 * value is available through {@link PathParam @PathParam} and
	 * {@link dev.wsboot.server.WsSession#pathParams()}. A request path that equals a
	 * template without variables wins over templates with variables; among those, the
	 * template with a literal segment at the first position where they differ wins.
	 * @return the path template
	 */
	@AliasFor("value")
	String path() default "";

	/**
	 * The subprotocols the endpoint speaks, most preferred first. The first subprotocol
	 * in the client's {@code Sec-WebSocket-Protocol} offer that is listed here is agreed;
	 * when the client offers none of these, the connection is accepted without a
	 * subprotocol and the client decides whether to carry on.
	 * @return the supported subprotocols, empty for none
	 */
	String[] subprotocols() default {};

	/**
	 * Origins whose pages may open connections to this endpoint, in addition to those
	 * every endpoint allows: clients that send no {@code Origin} (not browsers), the
	 * application's own pages, and {@code ws.server.allowed-origins}. Each is an exact
	 * origin ({@code https://app.example.com}), a pattern with a subdomain or port
	 * wildcard ({@code https://*.example.com}, {@code http://localhost:*}), or {@code *}
	 * for every origin, which lets any web site's pages use the endpoint with their
	 * visitors' cookies. Other browsers' handshakes get 403.
	 * @return the origins this endpoint allows besides the global ones, empty for none
	 */
	String[] allowedOrigins() default {};

	/**
	 * Whether every method of the endpoint returns quickly without waiting: no blocking
	 * I/O (databases, HTTP calls, files), no sleeps, no locks held long. Such an endpoint
	 * always runs on the event loop that reads its sessions, unwatched, even with
	 * {@code ws.server.dispatch=workers}. Other endpoints run there too with the default
	 * {@code ws.server.dispatch=adaptive}, but watched: one whose call holds its loop up
	 * (from 25 ms on) moves to worker threads. A method of a non-blocking endpoint that
	 * blocks anyway stalls every connection of that event loop for as long as it blocks.
	 * Sending is fine: it never waits.
	 * <p>
	 * A {@code ByteBuffer} message parameter of such an endpoint is a read-only view of
	 * the bytes where the event loop read them, not a copy (see
	 * {@link OnMessage @OnMessage} for how long it is valid).
	 * @return {@code true} to run the endpoint's methods on the event loops
	 */
	boolean nonBlocking() default false;

}
