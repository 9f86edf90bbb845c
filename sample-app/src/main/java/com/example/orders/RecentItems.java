package com.example.orders;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;

/**
 * The last few items a listener recorded, safe to add to from any thread and to read while it is added to.
 *
 * @param <T> the item type
 */
public final class RecentItems<T> {

	private final ConcurrentLinkedDeque<T> items = new ConcurrentLinkedDeque<>();

	private final int limit;

	public RecentItems(int limit) {
		this.limit = limit;
	}

	public void add(T item) {
		this.items.addLast(item);
		while (this.items.size() > this.limit) {
			this.items.pollFirst();
		}
	}

	/** The items, oldest first. */
	public List<T> list() {
		return List.copyOf(this.items);
	}

	public boolean anyMatch(Predicate<? super T> predicate) {
		return this.items.stream().anyMatch(predicate);
	}

}
