/**
 * The opening handshake (RFC 6455 section 4), for both roles.
 */
package dev.wsboot.protocol.handshake;
