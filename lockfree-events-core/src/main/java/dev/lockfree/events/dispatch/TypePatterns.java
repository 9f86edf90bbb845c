package dev.lockfree.events.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Event-type patterns of {@code lockfree.events.async.include/exclude}: fully qualified class names, and
 * packages followed by {@code .*} (which cover their sub-packages). A type matches when it, or one of its
 * superclasses or interfaces, matches a pattern.
 */
final class TypePatterns {

	private final Set<String> classNames = new HashSet<>();

	private final List<String> packagePrefixes;

	TypePatterns(List<String> patterns) {
		this.packagePrefixes = patterns.stream()
			.filter((pattern) -> pattern.endsWith(".*"))
			.map((pattern) -> pattern.substring(0, pattern.length() - 1))
			.toList();
		patterns.stream().filter((pattern) -> !pattern.endsWith(".*")).forEach(this.classNames::add);
	}

	boolean isEmpty() {
		return this.classNames.isEmpty() && this.packagePrefixes.isEmpty();
	}

	/** Whether a pattern names exactly this class (not a supertype, not a package). */
	boolean namesExactly(Class<?> type) {
		return this.classNames.contains(type.getName());
	}

	/** Whether the type or any of its supertypes matches a pattern. */
	boolean matches(Class<?> type) {
		if (isEmpty()) {
			return false;
		}
		Deque<Class<?>> pending = new ArrayDeque<>();
		Set<Class<?>> seen = new HashSet<>();
		pending.add(type);
		while (!pending.isEmpty()) {
			Class<?> candidate = pending.poll();
			if (!seen.add(candidate)) {
				continue;
			}
			if (matchesName(candidate.getName())) {
				return true;
			}
			if (candidate.getSuperclass() != null) {
				pending.add(candidate.getSuperclass());
			}
			pending.addAll(List.of(candidate.getInterfaces()));
		}
		return false;
	}

	private boolean matchesName(String name) {
		if (this.classNames.contains(name)) {
			return true;
		}
		for (String prefix : this.packagePrefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
