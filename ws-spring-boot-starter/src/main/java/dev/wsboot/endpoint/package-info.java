/**
 * How {@code @WsEndpoint} beans become handlers: scanning, path templates, one invoker
 * per annotated method built at startup, and the handshake router. Internal to the
 * starter: applications use {@code dev.wsboot.annotation} and
 * {@link dev.wsboot.server.WsSessions}.
 */
@NullMarked
package dev.wsboot.endpoint;

import org.jspecify.annotations.NullMarked;
