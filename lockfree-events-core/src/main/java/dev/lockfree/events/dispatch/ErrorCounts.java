package dev.lockfree.events.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.jctools.maps.NonBlockingHashMap;

/**
 * Listener failures by exception class name, with a bounded number of names (later ones are counted under
 * {@link #OTHER}). Only the failure path touches it.
 */
final class ErrorCounts {

	static final String OTHER = "other";

	private static final int MAX_NAMES = 64;

	private final NonBlockingHashMap<String, LongAdder> byName = new NonBlockingHashMap<>();

	private final LongAdder total = new LongAdder();

	void record(Throwable failure) {
		this.total.increment();
		String name = failure.getClass().getName();
		LongAdder adder = this.byName.get(name);
		if (adder == null) {
			if (this.byName.size() >= MAX_NAMES) {
				name = OTHER;
			}
			LongAdder created = new LongAdder();
			adder = this.byName.putIfAbsent(name, created);
			if (adder == null) {
				adder = created;
			}
		}
		adder.increment();
	}

	long total() {
		return this.total.sum();
	}

	Map<String, Long> byName() {
		Map<String, Long> result = new LinkedHashMap<>();
		this.byName.forEach((name, adder) -> result.put(name, adder.sum()));
		return result;
	}

}
