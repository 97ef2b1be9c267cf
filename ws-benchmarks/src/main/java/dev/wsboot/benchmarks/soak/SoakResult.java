package dev.wsboot.benchmarks.soak;

import java.util.List;
import java.util.Optional;

/**
 * What a soak run found.
 *
 * @param stats the client's counts
 * @param samples the server's samples, in order
 * @param elapsedNanos how long the run took, closing included
 * @param finished whether it ended by itself before its hard deadline
 */
record SoakResult(SoakStats stats, List<ServerSample> samples, long elapsedNanos, boolean finished) {

	/**
	 * Returns the sample of a checkpoint.
	 * @param label the checkpoint's label
	 * @return the sample, if that checkpoint was reached
	 */
	Optional<ServerSample> sample(String label) {
		return this.samples.stream().filter((sample) -> sample.label().equals(label)).findFirst();
	}

}
