/**
 * Spring Boot auto-configuration of the wsboot WebSocket server: {@code ws.server.*}
 * properties, the server bean and its lifecycle, the handler executor, and publishing the
 * bound port as {@code local.ws.server.port}.
 */
@NullMarked
package dev.wsboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
