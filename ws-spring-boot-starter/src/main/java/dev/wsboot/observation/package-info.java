/**
 * Watching WebSocket message handling: a
 * {@link dev.wsboot.observation.WsMessageHandlingObserver} per endpoint times each
 * {@code @OnMessage} call; with {@code ws.server.observation-enabled} each call is a
 * Micrometer Observation, so that a single instrumentation gives a timer and, with
 * tracing, a span.
 */
@NullMarked
package dev.wsboot.observation;

import org.jspecify.annotations.NullMarked;
