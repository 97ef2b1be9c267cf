/**
 * Messages: the assembler that applies RFC 6455 section 5 to frames and delivers whole
 * messages.
 */
package dev.wsboot.protocol.message;
