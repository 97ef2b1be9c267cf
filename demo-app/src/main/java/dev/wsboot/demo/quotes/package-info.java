/**
 * A simulated quote feed pushed by the server: {@code /quotes}.
 */
@NullMarked
package dev.wsboot.demo.quotes;

import org.jspecify.annotations.NullMarked;
