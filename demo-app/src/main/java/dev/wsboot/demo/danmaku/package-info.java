/**
 * Bullet comments ("danmaku"): {@code /danmaku}.
 */
@NullMarked
package dev.wsboot.demo.danmaku;

import org.jspecify.annotations.NullMarked;
