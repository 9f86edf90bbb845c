package dev.lockfree.events.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.WaitStrategy;

/**
 * Configuration properties of the lock-free application event multicaster, bound from
 * {@code lockfree.events.*} and mapped onto {@link LockFreeEventOptions}, which validates them.
 *
 * <p>The initialisers repeat the {@code LockFreeEventOptions.DEFAULT_*} constants as literals so that the
 * configuration processor can record them as the properties' defaults (it does not resolve constants of other
 * classes); {@code LockFreeEventsPropertiesTests} fails if the two drift apart.
 *
 * @see LockFreeEventOptions
 */
@ConfigurationProperties("lockfree.events")
public class LockFreeEventsProperties {

	/**
	 * Whether to replace the context's application event multicaster with the lock-free one.
	 */
	private boolean enabled = true;

	/**
	 * Where listeners run unless a rule says otherwise: on the publishing thread (sync) or on the
	 * ring-buffer lanes (async).
	 */
	private DispatchMode mode = DispatchMode.SYNC;

	/**
	 * Maximum time closing the context waits for the lanes to deliver the events they accepted.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * Whether thread-local context (Micrometer context propagation, when present) follows events handed to
	 * the lanes.
	 */
	private boolean contextPropagation = true;

	/**
	 * Whether @EventListener methods are called through generated invokers (a spun lambda or a method handle)
	 * instead of reflection.
	 */
	private boolean fastInvokers = true;

	private final Async async = new Async();

	private final Ring ring = new Ring();

	private final Timing timing = new Timing();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DispatchMode getMode() {
		return this.mode;
	}

	public void setMode(DispatchMode mode) {
		this.mode = mode;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public boolean isContextPropagation() {
		return this.contextPropagation;
	}

	public void setContextPropagation(boolean contextPropagation) {
		this.contextPropagation = contextPropagation;
	}

	public boolean isFastInvokers() {
		return this.fastInvokers;
	}

	public void setFastInvokers(boolean fastInvokers) {
		this.fastInvokers = fastInvokers;
	}

	public Async getAsync() {
		return this.async;
	}

	public Ring getRing() {
		return this.ring;
	}

	public Timing getTiming() {
		return this.timing;
	}

	/**
	 * Event-type rules that override the dispatch mode.
	 */
	public static class Async {

		/**
		 * Event types whose listeners run on the lanes even in sync mode: fully qualified class names
		 * (com.acme.OrderPlaced) or packages followed by .* (com.acme.*, sub-packages included).
		 */
		private List<String> include = new ArrayList<>();

		/**
		 * Event types whose listeners stay on the publishing thread even in async mode: fully qualified
		 * class names or packages followed by .*.
		 */
		private List<String> exclude = new ArrayList<>();

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

	}

	/**
	 * Ring buffers and worker threads of async dispatch.
	 */
	public static class Ring {

		/**
		 * Number of lanes, each a bounded ring drained by one worker thread.
		 */
		private int lanes = 2;

		/**
		 * Capacity of each lane's ring in events, a power of two.
		 */
		private int capacity = 4096;

		/**
		 * Maximum number of events a worker drains before it checks its state again.
		 */
		private int batchSize = 64;

		/**
		 * How idle workers wait for the next event.
		 */
		private WaitStrategy waitStrategy = WaitStrategy.PARK;

		/**
		 * What a publisher does when the lane an event must go to is full.
		 */
		private OverflowPolicy overflow = OverflowPolicy.BLOCK;

		/**
		 * Prefix of the worker threads' names.
		 */
		private String threadNamePrefix = "lockfree-events-";

		public int getLanes() {
			return this.lanes;
		}

		public void setLanes(int lanes) {
			this.lanes = lanes;
		}

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public WaitStrategy getWaitStrategy() {
			return this.waitStrategy;
		}

		public void setWaitStrategy(WaitStrategy waitStrategy) {
			this.waitStrategy = waitStrategy;
		}

		public OverflowPolicy getOverflow() {
			return this.overflow;
		}

		public void setOverflow(OverflowPolicy overflow) {
			this.overflow = overflow;
		}

		public String getThreadNamePrefix() {
			return this.threadNamePrefix;
		}

		public void setThreadNamePrefix(String threadNamePrefix) {
			this.threadNamePrefix = threadNamePrefix;
		}

	}

	/**
	 * Sampled timing of listeners and of lane waits (the lockfree.events.listener.execution and
	 * lockfree.events.ring.wait meters); event and invocation counts are exact whatever the interval.
	 */
	public static class Timing {

		/**
		 * One dispatch in this many is timed, a power of two from 1 to 1048576. Smaller values give more
		 * samples and cost publish throughput: with ten listeners, timing one dispatch in 64 cost about 40% of a
		 * synchronous multicast's throughput.
		 */
		private int sampleInterval = 1024;

		public int getSampleInterval() {
			return this.sampleInterval;
		}

		public void setSampleInterval(int sampleInterval) {
			this.sampleInterval = sampleInterval;
		}

	}

}
