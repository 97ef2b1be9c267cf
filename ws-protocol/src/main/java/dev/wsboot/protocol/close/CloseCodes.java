package dev.wsboot.protocol.close;

/**
 * The close codes of the IANA WebSocket Close Code Number Registry, and which of them may
 * travel in a close frame (RFC 6455 section 7.4).
 * <p>
 * Codes 0 to 999 are unused; 1000 to 2999 are for the protocol, and only the registered
 * ones below are valid; 3000 to 3999 are for libraries and frameworks (registered with
 * IANA), 4000 to 4999 for private use between applications. 1004 is reserved and has no
 * meaning. 1005, 1006 and 1015 stand for things that happened to the connection and must
 * never be sent.
 */
public final class CloseCodes {

	/** 1000: the purpose of the connection has been fulfilled. */
	public static final int NORMAL = 1000;

	/** 1001: the endpoint is going away, as a server shutting down or a page closed. */
	public static final int GOING_AWAY = 1001;

	/** 1002: the peer violated the protocol. */
	public static final int PROTOCOL_ERROR = 1002;

	/** 1003: the endpoint received a type of data it cannot accept. */
	public static final int UNSUPPORTED_DATA = 1003;

	/** 1005: never sent; the close frame received carried no code. */
	public static final int NO_STATUS_RECEIVED = 1005;

	/** 1006: never sent; the connection closed without a close frame. */
	public static final int ABNORMAL_CLOSURE = 1006;

	/**
	 * 1007: a message's data did not match its type, such as a text message not UTF-8.
	 */
	public static final int INVALID_PAYLOAD_DATA = 1007;

	/** 1008: a message violated the endpoint's policy. */
	public static final int POLICY_VIOLATION = 1008;

	/** 1009: a message was too big to process. */
	public static final int MESSAGE_TOO_BIG = 1009;

	/** 1010: sent by a client: the server did not negotiate an extension it needs. */
	public static final int MANDATORY_EXTENSION = 1010;

	/** 1011: the server met a condition that kept it from fulfilling the request. */
	public static final int INTERNAL_ERROR = 1011;

	/** 1012: the service is restarting. */
	public static final int SERVICE_RESTART = 1012;

	/** 1013: the service is overloaded for now; try again later. */
	public static final int TRY_AGAIN_LATER = 1013;

	/** 1014: a gateway or proxy received an invalid response from the upstream server. */
	public static final int BAD_GATEWAY = 1014;

	/** 1015: never sent; the TLS handshake failed. */
	public static final int TLS_HANDSHAKE_FAILED = 1015;

	private CloseCodes() {
	}

	/**
	 * Returns whether a peer may send the code in a close frame. An endpoint that
	 * receives any other code fails the connection with {@link #PROTOCOL_ERROR}.
	 * @param code the code
	 * @return {@code true} for 1000 to 1003, 1007 to 1014, and 3000 to 4999
	 */
	public static boolean isValidOnWire(int code) {
		return (code >= NORMAL && code <= UNSUPPORTED_DATA) || (code >= INVALID_PAYLOAD_DATA && code <= BAD_GATEWAY)
				|| (code >= 3000 && code <= 4999);
	}

	/**
	 * Returns whether this endpoint may send the code in a close frame. RFC 6455 holds
	 * both ends to the same rule, so this is {@link #isValidOnWire(int)}, named for the
	 * sending side.
	 * @param code the code
	 * @return {@code true} for 1000 to 1003, 1007 to 1014, and 3000 to 4999
	 */
	public static boolean isTransmittable(int code) {
		return isValidOnWire(code);
	}

}
