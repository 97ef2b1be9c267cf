package dev.wsboot.server;

/**
 * Where the calls of one handler that may block run, when the server has a handler
 * executor: with {@link WsServerConfig#adaptiveDispatch() adaptive dispatch}, on the
 * event loop that read the message until one call holds its loop up, then on the executor
 * for good; otherwise on the executor from the start. One per handler, shared by its
 * sessions, so that the first call that blocks moves them all.
 */
final class HandlerPlacement {

	private static final System.Logger logger = System.getLogger(WsServer.class.getName());

	private volatile boolean offLoop;

	HandlerPlacement(boolean offLoop) {
		this.offLoop = offLoop;
	}

	/**
	 * Returns whether the handler's calls run on the executor.
	 * @return true once they do
	 */
	boolean offLoop() {
		return this.offLoop;
	}

	/**
	 * Sends the handler's calls to the executor from now on: one of them held an event
	 * loop up.
	 * @param endpoint the endpoint the handler serves, for the log
	 * @param loop the thread the call held, for the log
	 */
	void moveOffLoop(String endpoint, String loop) {
		if (!this.offLoop) {
			this.offLoop = true;
			logger.log(System.Logger.Level.WARNING,
					() -> "A call of endpoint " + endpoint + " held event loop " + loop
							+ " up: it blocked or computed for over " + LoopWatchdog.INTERVAL.toMillis()
							+ " ms; another thread took the loop over, "
							+ "and the endpoint's calls run on the handler executor from now on");
		}
	}

}
