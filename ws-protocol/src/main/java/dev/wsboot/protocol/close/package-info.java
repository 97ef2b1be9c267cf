/**
 * Close codes and close frame payloads.
 */
package dev.wsboot.protocol.close;
