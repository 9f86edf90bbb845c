package dev.lockfree.events.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Threads for reliability tests: daemon threads, and joins that fail with a thread dump instead of hanging.
 */
final class Threads {

	private Threads() {
	}

	/** Start a daemon thread running {@code task}. */
	static Thread start(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** Join the thread or fail with a dump of every thread. */
	static void join(Thread thread, Duration timeout) throws InterruptedException {
		thread.join(timeout.toMillis());
		if (thread.isAlive()) {
			throw new AssertionError(thread.getName() + " did not finish within " + timeout + "\n" + dump());
		}
	}

	/** A dump of every live thread, with locks and stacks. */
	static String dump() {
		ThreadInfo[] infos = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
		return Arrays.stream(infos).map(Threads::describe).collect(Collectors.joining("\n"));
	}

	private static String describe(ThreadInfo info) {
		StringBuilder text = new StringBuilder("\"" + info.getThreadName() + "\" " + info.getThreadState());
		if (info.getLockName() != null) {
			text.append(" on ").append(info.getLockName());
		}
		if (info.getLockOwnerName() != null) {
			text.append(" owned by \"").append(info.getLockOwnerName()).append('"');
		}
		for (StackTraceElement element : info.getStackTrace()) {
			text.append("\n\tat ").append(element);
		}
		return text.toString();
	}

	/** Whether a live thread's name starts with the prefix. */
	static boolean anyAlive(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.anyMatch((thread) -> thread.isAlive() && thread.getName().startsWith(prefix));
	}

}
