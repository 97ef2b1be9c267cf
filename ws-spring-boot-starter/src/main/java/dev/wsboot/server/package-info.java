/**
 * The WebSocket listener: plain Java, no Spring. Event loops on {@code java.nio}
 * selectors drive the {@code ws-protocol} parsers for each connection;
 * {@link dev.wsboot.server.WsHandler} is where the application comes in.
 */
@NullMarked
package dev.wsboot.server;

import org.jspecify.annotations.NullMarked;
