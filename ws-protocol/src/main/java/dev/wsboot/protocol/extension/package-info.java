/**
 * Extensions (RFC 6455 section 9): offers, negotiation and per-message transforms.
 */
package dev.wsboot.protocol.extension;
