package dev.wsboot.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageBufferPoolTests {

	private final MessageBufferPool pool = new MessageBufferPool();

	@Test
	void copiesTheMessageAndLeavesItsSourceAsItWas() {
		ByteBuffer source = message(MessageBufferPool.MIN_SIZE + 3, 9);
		source.position(3);
		ByteBuffer copy = this.pool.copy(source);
		assertThat(copy).isNotNull();
		assertThat(copy.isDirect()).isTrue();
		assertThat(copy.position()).isZero();
		assertThat(copy).isEqualTo(source);
		assertThat(source.position()).isEqualTo(3);
	}

	@Test
	void leavesMessagesOutsideThePooledSizesToTheHeap() {
		assertThat(this.pool.copy(message(MessageBufferPool.MIN_SIZE - 1, 1))).isNull();
		assertThat(this.pool.copy(message(MessageBufferPool.CAPACITY + 1, 1))).isNull();
		assertThat(this.pool.copy(message(MessageBufferPool.CAPACITY, 1))).isNotNull();
	}

	@Test
	void reusesABufferGivenBack() {
		ByteBuffer first = this.pool.copy(message(MessageBufferPool.CAPACITY, 1));
		this.pool.give(first);
		ByteBuffer second = this.pool.copy(message(MessageBufferPool.MIN_SIZE, 2));
		assertThat(second).isSameAs(first);
		assertThat(second.remaining()).isEqualTo(MessageBufferPool.MIN_SIZE);
		assertThat(second.get(0)).isEqualTo((byte) 2);
	}

	@Test
	void copiesToTheHeapOnceEveryBufferIsLent() {
		List<ByteBuffer> lent = new ArrayList<>();
		for (int i = 0; i < MessageBufferPool.MAX_BUFFERS; i++) {
			lent.add(this.pool.copy(message(MessageBufferPool.MIN_SIZE, i)));
		}
		assertThat(lent).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(this.pool.copy(message(MessageBufferPool.MIN_SIZE, 0))).isNull();
		this.pool.give(lent.get(7));
		assertThat(this.pool.copy(message(MessageBufferPool.MIN_SIZE, 0))).isSameAs(lent.get(7));
	}

	private static ByteBuffer message(int size, int seed) {
		ByteBuffer message = ByteBuffer.allocate(size);
		for (int i = 0; i < size; i++) {
			message.put(i, (byte) (seed + i));
		}
		return message;
	}

}
