/**
 * Micrometer meters of the WebSocket server: {@link dev.wsboot.metrics.WsMeters} lists
 * them, {@link dev.wsboot.metrics.MicrometerWsMetrics} records the listener's events.
 * Micrometer is optional: nothing here is loaded without it.
 */
@NullMarked
package dev.wsboot.metrics;

import org.jspecify.annotations.NullMarked;
