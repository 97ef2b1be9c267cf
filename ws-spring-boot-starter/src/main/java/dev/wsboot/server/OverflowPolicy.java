package dev.wsboot.server;

/**
 * What happens when a send would take a session's queued outbound bytes past the limit,
 * because the peer reads slower than the application writes.
 */
public enum OverflowPolicy {

	/** Close the session with 1008 (policy violation); the send fails. */
	CLOSE,

	/**
	 * Fail only that send; the session stays open and may send again once the queue
	 * drains.
	 */
	FAIL_SEND

}
