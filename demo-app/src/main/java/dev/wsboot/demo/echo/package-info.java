/**
 * The echo endpoint.
 */
@NullMarked
package dev.wsboot.demo.echo;

import org.jspecify.annotations.NullMarked;
