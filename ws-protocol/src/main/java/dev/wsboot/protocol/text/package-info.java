/**
 * Incremental UTF-8 validation.
 */
package dev.wsboot.protocol.text;
