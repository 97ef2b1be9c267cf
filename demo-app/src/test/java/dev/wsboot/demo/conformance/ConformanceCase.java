package dev.wsboot.demo.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.wsboot.demo.conformance.Conversation.CaseFailure;
import dev.wsboot.demo.conformance.Conversation.Timeouts;
import dev.wsboot.demo.conformance.Verdict.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * One Autobahn|Testsuite fuzzingclient case (or one of wsboot's own, in group "x"): its
 * id as in the published reports, what it does, and the script that plays it.
 *
 * @param id the case id, for example {@code 6.4.1}
 * @param description what the case sends and expects
 * @param timeouts the bounds of its waits
 * @param informational whether the specification leaves the outcome open (Autobahn's
 * INFORMATIONAL): only the close is judged
 * @param afterRequest bytes sent in the same write as the handshake request, or
 * {@code null}
 * @param extensionOffer the {@code Sec-WebSocket-Extensions} value the handshake offers,
 * or {@code null} for none
 * @param script the exchange
 */
record ConformanceCase(String id, String description, Timeouts timeouts, boolean informational,
		byte @Nullable [] afterRequest, @Nullable String extensionOffer, Script script) {

	static ConformanceCase of(String id, String description, Script script) {
		return new ConformanceCase(id, description, Timeouts.standard(), false, null, null, script);
	}

	ConformanceCase timeouts(Timeouts timeouts) {
		return new ConformanceCase(this.id, this.description, timeouts, this.informational, this.afterRequest,
				this.extensionOffer, this.script);
	}

	ConformanceCase asInformational() {
		return new ConformanceCase(this.id, this.description, this.timeouts, true, this.afterRequest,
				this.extensionOffer, this.script);
	}

	/**
	 * Returns this case with an extension offer in its handshake request; the script
	 * judges the answer (see {@link Conversation#expectDeflateAccepted()}).
	 * @param offer the {@code Sec-WebSocket-Extensions} value
	 * @return the case
	 */
	ConformanceCase offering(String offer) {
		return new ConformanceCase(this.id, this.description, this.timeouts, this.informational, this.afterRequest,
				offer, this.script);
	}

	/**
	 * Returns this case with bytes sent in the same write as the handshake request.
	 * @param bytes the bytes, typically frames
	 * @return the case
	 */
	ConformanceCase afterRequest(byte[] bytes) {
		return new ConformanceCase(this.id, this.description, this.timeouts, this.informational, bytes,
				this.extensionOffer, this.script);
	}

	/**
	 * Returns the group: the id up to its first dot ({@code x} for wsboot's own cases).
	 * @return for example {@code 6}
	 */
	String group() {
		int dot = this.id.indexOf('.');
		return (dot < 0) ? this.id : this.id.substring(0, dot);
	}

	/**
	 * Plays the case against an echo endpoint and judges it. Never throws: a failure to
	 * connect, a script that overruns {@link Timeouts#whole()} and any other surprise
	 * become a failed verdict.
	 * @param port the server's port on 127.0.0.1
	 * @param path the echo endpoint's path
	 * @return the verdict
	 */
	Verdict run(int port, String path) {
		long start = System.nanoTime();
		RawWebSocketClient client;
		try {
			client = RawWebSocketClient.connect(port, path, this.timeouts.whole(), this.afterRequest,
					this.extensionOffer);
		}
		catch (IOException | RuntimeException ex) {
			return new Verdict(Outcome.FAILED, "opening handshake failed: " + ex, since(start), List.of());
		}
		Conversation conversation = new Conversation(client, this.timeouts, this.extensionOffer);
		FutureTask<Void> task = new FutureTask<>(() -> {
			this.script.play(conversation);
			return null;
		});
		Thread player = new Thread(task, "case-" + this.id);
		player.setDaemon(true);
		player.start();
		try {
			task.get(this.timeouts.whole().toMillis(), TimeUnit.MILLISECONDS);
			Outcome outcome = this.informational ? Outcome.INFORMATIONAL : Outcome.OK;
			return new Verdict(outcome, this.informational ? "informational: close was sane" : "as expected",
					since(start), conversation.transcript());
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof CaseFailure failure) {
				return new Verdict(failure.outcome(), failure.getMessage(), since(start), conversation.transcript());
			}
			String where = Arrays.stream(cause.getStackTrace())
				.filter((frame) -> frame.getClassName().startsWith("dev.wsboot."))
				.findFirst()
				.map((frame) -> " at " + frame)
				.orElse("");
			return new Verdict(Outcome.FAILED, "case script failed: " + cause + where, since(start),
					conversation.transcript());
		}
		catch (TimeoutException ex) {
			return new Verdict(Outcome.FAILED,
					"case did not finish within " + this.timeouts.whole().toSeconds() + " s (a write may be stuck)",
					since(start), conversation.transcript());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Verdict(Outcome.FAILED, "interrupted", since(start), conversation.transcript());
		}
		finally {
			// Closing the socket also unblocks a write stuck on a server that stopped
			// reading.
			client.close();
			try {
				player.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (!player.isAlive()) {
				conversation.release();
			}
		}
	}

	private static Duration since(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	@Override
	public String toString() {
		return this.id + " " + this.description;
	}

	/**
	 * The exchange of a case.
	 */
	@FunctionalInterface
	interface Script {

		void play(Conversation conversation) throws Exception;

	}

}
