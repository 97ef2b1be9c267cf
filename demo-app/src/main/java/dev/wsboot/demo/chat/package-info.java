/**
 * Chat rooms: {@code /chat/{room}?nick=ann}.
 */
@NullMarked
package dev.wsboot.demo.chat;

import org.jspecify.annotations.NullMarked;
