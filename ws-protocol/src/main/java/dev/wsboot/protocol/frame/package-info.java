/**
 * Frames: the streaming parser, the encoder and masking.
 */
package dev.wsboot.protocol.frame;
