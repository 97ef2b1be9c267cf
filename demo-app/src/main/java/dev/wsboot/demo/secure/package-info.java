/**
 * An endpoint behind a handshake interceptor: a token in the query or a cookie.
 */
@NullMarked
package dev.wsboot.demo.secure;

import org.jspecify.annotations.NullMarked;
