/**
 * RFC 6455 WebSocket protocol without I/O: bytes in, events and bytes out. No
 * dependencies, no threads, no sockets.
 */
package dev.wsboot.protocol;
