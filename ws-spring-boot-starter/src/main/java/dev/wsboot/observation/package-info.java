/**
 * Micrometer Observation of WebSocket message handling: one observation per message a
 * handler handles, so a single instrumentation gives a timer and, with tracing, a span.
 */
@NullMarked
package dev.wsboot.observation;

import org.jspecify.annotations.NullMarked;
