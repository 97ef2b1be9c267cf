/**
 * Actuator support for the WebSocket server: its health indicator and the
 * {@code wsendpoints} endpoint. Used only when Spring Boot's health and actuator modules
 * are present.
 */
@NullMarked
package dev.wsboot.actuate;

import org.jspecify.annotations.NullMarked;
