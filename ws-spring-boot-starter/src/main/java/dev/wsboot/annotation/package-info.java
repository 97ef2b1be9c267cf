/**
 * What an application writes: {@link dev.wsboot.annotation.WsEndpoint @WsEndpoint} beans
 * and the annotations on their methods.
 */
@NullMarked
package dev.wsboot.annotation;

import org.jspecify.annotations.NullMarked;
