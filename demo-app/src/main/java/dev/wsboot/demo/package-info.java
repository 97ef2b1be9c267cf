/**
 * The wsboot demo application: chat rooms, bullet comments, a quote feed and an echo,
 * with a page that shows them.
 */
@NullMarked
package dev.wsboot.demo;

import org.jspecify.annotations.NullMarked;
