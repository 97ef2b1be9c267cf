package dev.wsboot.benchmarks.jmh;

import java.util.concurrent.TimeUnit;

import dev.wsboot.metrics.MicrometerWsMetrics;
import dev.wsboot.metrics.TimerMessageHandlingObservers;
import dev.wsboot.observation.WsMessageHandlingObserver;
import dev.wsboot.protocol.frame.Opcode;
import dev.wsboot.server.WsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the starter's meters cost per echoed text message, in nanoseconds: the calls the
 * listener makes for one message (received frame and message, counted once per read; the
 * {@code ws.server.message.handling} timer, two clock reads and a timer update; the sent
 * frames and messages, counted once per batch of calls), on Micrometer's
 * {@link SimpleMeterRegistry} as in the wsboot benchmark server
 * ({@code meters=micrometer}), or on the no-op recorders the listener uses without a
 * registry ({@code meters=none}). {@code oneMessageRead} is a read that brought one
 * message (scenario a), {@code sixteenMessageRead} one that brought sixteen (scenario b),
 * per message. Set against the end-to-end server CPU per message (about 7 µs and 1.5 µs)
 * it gives the meters' share without the end-to-end run's noise; it does not see
 * contention between threads updating the same meters.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MetricsBenchmark {

	@Param({ "micrometer", "none" })
	String meters;

	WsMetrics.EndpointMetrics metrics;

	WsMessageHandlingObserver observer;

	@Setup
	public void setUp() {
		if ("micrometer".equals(this.meters)) {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			this.metrics = new MicrometerWsMetrics(registry).endpoint("/echo");
			this.observer = new TimerMessageHandlingObservers(registry).forEndpoint("/echo");
		}
		else {
			this.metrics = WsMetrics.EndpointMetrics.NONE;
			this.observer = WsMessageHandlingObserver.NOOP;
		}
	}

	@Benchmark
	public void oneMessageRead() {
		read(1);
	}

	@Benchmark
	@OperationsPerInvocation(16)
	public void sixteenMessageRead() {
		read(16);
	}

	private void read(int messages) {
		this.metrics.framesReceived(Opcode.TEXT, messages, 38L * messages);
		this.metrics.messagesReceived(true, messages);
		for (int i = 0; i < messages; i++) {
			WsMessageHandlingObserver.Handling handling = this.observer.start(null, true);
			handling.stop();
		}
		this.metrics.framesSent(Opcode.TEXT, messages, 34L * messages);
		this.metrics.messagesSent(true, messages);
	}

}
