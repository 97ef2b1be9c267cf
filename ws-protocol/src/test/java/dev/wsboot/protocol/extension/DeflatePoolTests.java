package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeflatePoolTests {

	@Test
	void lendsTheSameInstanceAgainOnceGivenBack() {
		try (DeflatePool pool = new DeflatePool(6, 2)) {
			Compressor compressor = pool.borrowCompressor();
			Decompressor decompressor = pool.borrowDecompressor();
			assertThat(pool.idleCompressors()).isZero();
			pool.giveBack(compressor);
			pool.giveBack(decompressor);
			assertThat(pool.idleCompressors()).isEqualTo(1);
			assertThat(pool.idleDecompressors()).isEqualTo(1);
			assertThat(pool.borrowCompressor()).isSameAs(compressor);
			assertThat(pool.borrowDecompressor()).isSameAs(decompressor);
		}
	}

	@Test
	void resetsWhatIsGivenBack() {
		try (DeflatePool pool = new DeflatePool(6, 1)) {
			Compressor compressor = pool.borrowCompressor();
			byte[] hello = "Hello".getBytes();
			compressor.compress(ByteBuffer.wrap(hello), 64);
			pool.giveBack(compressor);
			ByteBuffer fresh = pool.borrowCompressor().compress(ByteBuffer.wrap(hello), 64);
			// As from a new compressor, not the back reference of RFC 7692 section
			// 7.2.3.2.
			assertThat(fresh.remaining()).isEqualTo(7);
		}
	}

	@Test
	void endsWhatItHasNoRoomFor() {
		try (DeflatePool pool = new DeflatePool(6, 1)) {
			Compressor kept = pool.borrowCompressor();
			Compressor extra = pool.borrowCompressor();
			pool.giveBack(kept);
			pool.giveBack(extra);
			assertThat(pool.idleCompressors()).isEqualTo(1);
			ZlibEnded.assertEnded(() -> extra.compress(ByteBuffer.allocate(1), 64), "Deflater has been closed");
			assertThat(pool.borrowCompressor()).isSameAs(kept);
		}
	}

	@Test
	void endsEverythingOnCloseAndAfter() {
		DeflatePool pool = new DeflatePool(6, 2);
		Compressor idle = pool.borrowCompressor();
		Decompressor borrowed = pool.borrowDecompressor();
		pool.giveBack(idle);
		pool.close();
		assertThat(pool.idleCompressors()).isZero();
		ZlibEnded.assertEnded(() -> idle.compress(ByteBuffer.allocate(1), 64), "Deflater has been closed");
		pool.giveBack(borrowed);
		assertThat(pool.idleDecompressors()).isZero();
		ZlibEnded.assertEnded(() -> borrowed.inflate(ByteBuffer.allocate(1), CollectingSink.keeping()),
				"Inflater has been closed");
		// Still lends, so that connections outliving the pool keep working.
		Compressor late = pool.borrowCompressor();
		assertThat(late.compress(ByteBuffer.wrap(new byte[100]), 99)).isNotNull();
		pool.giveBack(late);
		assertThat(pool.idleCompressors()).isZero();
	}

	@Test
	void staysWithinItsCapacityUnderConcurrentUse() throws Exception {
		int threads = 8;
		int capacity = 3;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try (DeflatePool pool = new DeflatePool(1, capacity)) {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> results = new ArrayList<>();
			byte[] message = "a message that compresses, compresses, compresses".repeat(20).getBytes();
			for (int t = 0; t < threads; t++) {
				results.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 500; i++) {
						Compressor compressor = pool.borrowCompressor();
						assertThat(compressor.compress(ByteBuffer.wrap(message), message.length)).isNotNull();
						pool.giveBack(compressor);
						assertThat(pool.idleCompressors()).isLessThanOrEqualTo(capacity);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> result : results) {
				result.get(30, TimeUnit.SECONDS);
			}
			assertThat(pool.idleCompressors()).isBetween(1, capacity);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void refusesLevelsAndCapacitiesOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DeflatePool(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new DeflatePool(10, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new DeflatePool(6, 0));
	}

}
