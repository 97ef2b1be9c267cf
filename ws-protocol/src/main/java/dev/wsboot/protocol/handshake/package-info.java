/**
 * The opening handshake (RFC 6455 section 4), for both roles.
 * <p>
 * A server feeds the bytes it receives to a {@link HandshakeRequestParser} until it
 * returns a {@link HandshakeRequest}, checks that with {@link ServerHandshake#validate},
 * chooses a subprotocol and extensions, and sends {@link HandshakeResponses#accept}. A
 * {@link HandshakeException} on the way is answered with
 * {@link HandshakeResponses#reject(HandshakeException)}, then the connection is closed.
 * Bytes left in the buffer after the request are the client's first frames.
 * <p>
 * A client sends {@link ClientHandshake#request}, feeds the answer to a
 * {@link HandshakeResponseParser} and checks it with {@link ClientHandshake#validate}.
 */
package dev.wsboot.protocol.handshake;
