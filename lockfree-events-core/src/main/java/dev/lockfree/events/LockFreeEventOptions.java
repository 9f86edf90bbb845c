package dev.lockfree.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every setting of a {@link LockFreeApplicationEventMulticaster}, immutable and validated.
 *
 * <p>Plain Spring users build one with {@link #builder()}; the Boot auto-configuration maps the
 * {@code lockfree.events.*} properties onto it. Option names in error messages are the property names.
 *
 * <pre class="code">
 * LockFreeEventOptions options = LockFreeEventOptions.builder()
 *     .mode(DispatchMode.ASYNC)
 *     .asyncExclude(List.of("com.acme.audit.*"))
 *     .lanes(2)
 *     .capacity(4096)
 *     .build();
 * </pre>
 */
public final class LockFreeEventOptions {

	/** Default number of lanes: two worker threads suit a 2-core machine with publishers beside them. */
	public static final int DEFAULT_LANES = 2;

	/** Default ring capacity per lane (events), a power of two. */
	public static final int DEFAULT_CAPACITY = 4096;

	/** Default number of events a worker drains before it looks at its state again. */
	public static final int DEFAULT_BATCH_SIZE = 64;

	/** Default time close waits for the lanes to deliver what they accepted. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	/** Default prefix of the lane worker threads' names. */
	public static final String DEFAULT_THREAD_NAME_PREFIX = "lockfree-events-";

	/** Largest ring capacity accepted per lane. */
	public static final int MAX_CAPACITY = 1 << 30;

	/**
	 * Default timing sample interval: one dispatch in 1024 is timed. Reading the clock and recording the samples
	 * of a dispatch to ten listeners cost more than the dispatch itself: in {@code SyncMulticastBenchmark} a
	 * synchronous multicast ran 1.7 times as fast timing one dispatch in 1024 as timing one in 64.
	 */
	public static final int DEFAULT_TIMING_SAMPLE_INTERVAL = 1024;

	/** Largest timing sample interval accepted. */
	public static final int MAX_TIMING_SAMPLE_INTERVAL = 1 << 20;

	private static final Pattern CLASS_PATTERN = Pattern
		.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
				+ "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\.\\*)?");

	private static final LockFreeEventOptions DEFAULTS = builder().build();

	private final DispatchMode mode;

	private final List<String> asyncInclude;

	private final List<String> asyncExclude;

	private final int lanes;

	private final int capacity;

	private final int batchSize;

	private final WaitStrategy waitStrategy;

	private final OverflowPolicy overflowPolicy;

	private final Duration shutdownTimeout;

	private final boolean contextPropagation;

	private final String threadNamePrefix;

	private final int timingSampleInterval;

	private LockFreeEventOptions(Builder builder) {
		this.mode = builder.mode;
		this.asyncInclude = List.copyOf(builder.asyncInclude);
		this.asyncExclude = List.copyOf(builder.asyncExclude);
		this.lanes = builder.lanes;
		this.capacity = builder.capacity;
		this.batchSize = builder.batchSize;
		this.waitStrategy = builder.waitStrategy;
		this.overflowPolicy = builder.overflowPolicy;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.contextPropagation = builder.contextPropagation;
		this.threadNamePrefix = builder.threadNamePrefix;
		this.timingSampleInterval = builder.timingSampleInterval;
	}

	/** The defaults: synchronous mode, Spring's semantics exactly. */
	public static LockFreeEventOptions defaults() {
		return DEFAULTS;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A builder holding this object's values. */
	public Builder toBuilder() {
		return new Builder().mode(this.mode)
			.asyncInclude(this.asyncInclude)
			.asyncExclude(this.asyncExclude)
			.lanes(this.lanes)
			.capacity(this.capacity)
			.batchSize(this.batchSize)
			.waitStrategy(this.waitStrategy)
			.overflowPolicy(this.overflowPolicy)
			.shutdownTimeout(this.shutdownTimeout)
			.contextPropagation(this.contextPropagation)
			.threadNamePrefix(this.threadNamePrefix)
			.timingSampleInterval(this.timingSampleInterval);
	}

	/** {@code lockfree.events.mode}: where listeners run unless a rule says otherwise. */
	public DispatchMode mode() {
		return this.mode;
	}

	/** {@code lockfree.events.async.include}: event-type patterns that go async even in sync mode. */
	public List<String> asyncInclude() {
		return this.asyncInclude;
	}

	/** {@code lockfree.events.async.exclude}: event-type patterns that stay sync even in async mode. */
	public List<String> asyncExclude() {
		return this.asyncExclude;
	}

	/** {@code lockfree.events.ring.lanes}: number of lanes, one worker thread each. */
	public int lanes() {
		return this.lanes;
	}

	/** {@code lockfree.events.ring.capacity}: ring capacity per lane, a power of two. */
	public int capacity() {
		return this.capacity;
	}

	/** {@code lockfree.events.ring.batch-size}: events a worker drains per batch. */
	public int batchSize() {
		return this.batchSize;
	}

	/** {@code lockfree.events.ring.wait-strategy}: how idle workers wait. */
	public WaitStrategy waitStrategy() {
		return this.waitStrategy;
	}

	/** {@code lockfree.events.ring.overflow}: what a publisher does when a lane is full. */
	public OverflowPolicy overflowPolicy() {
		return this.overflowPolicy;
	}

	/** {@code lockfree.events.shutdown-timeout}: how long close waits for accepted events. */
	public Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	/** {@code lockfree.events.context-propagation}: whether thread-local context follows async events. */
	public boolean contextPropagation() {
		return this.contextPropagation;
	}

	/** {@code lockfree.events.ring.thread-name-prefix}: prefix of the worker threads' names. */
	public String threadNamePrefix() {
		return this.threadNamePrefix;
	}

	/**
	 * {@code lockfree.events.timing.sample-interval}: one dispatch in this many is timed, a power of two. A timed
	 * dispatch records how long each of its listeners ran ({@code lockfree.events.listener.execution}) and how
	 * long its asynchronous deliveries waited in their lanes ({@code lockfree.events.ring.wait}); counts are
	 * exact whatever the interval.
	 */
	public int timingSampleInterval() {
		return this.timingSampleInterval;
	}

	/** Whether any listener can ever run on a lane with these options. */
	public boolean mayDispatchAsync() {
		return this.mode == DispatchMode.ASYNC || !this.asyncInclude.isEmpty();
	}

	@Override
	public String toString() {
		return "LockFreeEventOptions{mode=" + this.mode + ", asyncInclude=" + this.asyncInclude + ", asyncExclude="
				+ this.asyncExclude + ", lanes=" + this.lanes + ", capacity=" + this.capacity + ", batchSize="
				+ this.batchSize + ", waitStrategy=" + this.waitStrategy + ", overflowPolicy=" + this.overflowPolicy
				+ ", shutdownTimeout=" + this.shutdownTimeout + ", contextPropagation=" + this.contextPropagation
				+ ", threadNamePrefix='" + this.threadNamePrefix + "', timingSampleInterval="
				+ this.timingSampleInterval + "}";
	}

	/**
	 * Whether {@code pattern} is a valid event-type pattern: a fully qualified class name
	 * ({@code com.acme.OrderPlaced}, nested classes with {@code $}) or a package followed by {@code .*}
	 * ({@code com.acme.*}, which also covers sub-packages).
	 */
	public static boolean isValidTypePattern(String pattern) {
		return pattern != null && CLASS_PATTERN.matcher(pattern).matches();
	}

	/**
	 * Builds {@link LockFreeEventOptions}; {@link #build()} validates every value and throws
	 * {@link InvalidEventOptionException} naming the first bad one.
	 */
	public static final class Builder {

		private DispatchMode mode = DispatchMode.SYNC;

		private final List<String> asyncInclude = new ArrayList<>();

		private final List<String> asyncExclude = new ArrayList<>();

		private int lanes = DEFAULT_LANES;

		private int capacity = DEFAULT_CAPACITY;

		private int batchSize = DEFAULT_BATCH_SIZE;

		private WaitStrategy waitStrategy = WaitStrategy.PARK;

		private OverflowPolicy overflowPolicy = OverflowPolicy.BLOCK;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private boolean contextPropagation = true;

		private String threadNamePrefix = DEFAULT_THREAD_NAME_PREFIX;

		private int timingSampleInterval = DEFAULT_TIMING_SAMPLE_INTERVAL;

		private Builder() {
		}

		public Builder mode(DispatchMode mode) {
			this.mode = mode;
			return this;
		}

		public Builder asyncInclude(List<String> patterns) {
			require("async.include", patterns, patterns != null, "a list of event-type patterns (it may be empty)");
			this.asyncInclude.clear();
			this.asyncInclude.addAll(patterns);
			return this;
		}

		public Builder asyncExclude(List<String> patterns) {
			require("async.exclude", patterns, patterns != null, "a list of event-type patterns (it may be empty)");
			this.asyncExclude.clear();
			this.asyncExclude.addAll(patterns);
			return this;
		}

		public Builder lanes(int lanes) {
			this.lanes = lanes;
			return this;
		}

		public Builder capacity(int capacity) {
			this.capacity = capacity;
			return this;
		}

		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		public Builder waitStrategy(WaitStrategy waitStrategy) {
			this.waitStrategy = waitStrategy;
			return this;
		}

		public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
			this.overflowPolicy = overflowPolicy;
			return this;
		}

		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		public Builder contextPropagation(boolean contextPropagation) {
			this.contextPropagation = contextPropagation;
			return this;
		}

		public Builder threadNamePrefix(String threadNamePrefix) {
			this.threadNamePrefix = threadNamePrefix;
			return this;
		}

		public Builder timingSampleInterval(int timingSampleInterval) {
			this.timingSampleInterval = timingSampleInterval;
			return this;
		}

		/**
		 * Validate and build.
		 * @throws InvalidEventOptionException naming the first option whose value is not allowed
		 */
		public LockFreeEventOptions build() {
			require("mode", this.mode, this.mode != null, "one of sync, async");
			checkPatterns("async.include", this.asyncInclude);
			checkPatterns("async.exclude", this.asyncExclude);
			require("ring.lanes", this.lanes, this.lanes >= 1 && this.lanes <= 1024, "an integer from 1 to 1024");
			require("ring.capacity", this.capacity,
					this.capacity >= 2 && this.capacity <= MAX_CAPACITY && Integer.bitCount(this.capacity) == 1,
					"a power of two from 2 to " + MAX_CAPACITY + " (for example 1024, 4096, 65536)");
			require("ring.batch-size", this.batchSize, this.batchSize >= 1, "an integer of at least 1");
			require("ring.wait-strategy", this.waitStrategy, this.waitStrategy != null,
					"one of park, block, yield, spin");
			require("ring.overflow", this.overflowPolicy, this.overflowPolicy != null,
					"one of block, caller-runs, drop, fail");
			require("shutdown-timeout", this.shutdownTimeout,
					this.shutdownTimeout != null && !this.shutdownTimeout.isNegative(),
					"a duration of zero or more, for example 30s");
			require("ring.thread-name-prefix", this.threadNamePrefix, this.threadNamePrefix != null,
					"any text, not null");
			require("timing.sample-interval", this.timingSampleInterval,
					this.timingSampleInterval >= 1 && this.timingSampleInterval <= MAX_TIMING_SAMPLE_INTERVAL
							&& Integer.bitCount(this.timingSampleInterval) == 1,
					"a power of two from 1 to " + MAX_TIMING_SAMPLE_INTERVAL + " (for example 64, 1024, 65536)");
			return new LockFreeEventOptions(this);
		}

		private static void checkPatterns(String option, List<String> patterns) {
			for (String pattern : patterns) {
				require(option, pattern, isValidTypePattern(pattern),
						"a fully qualified class name (com.acme.OrderPlaced) or a package followed by .* "
								+ "(com.acme.*)");
			}
		}

		private static void require(String option, Object value, boolean valid, String allowed) {
			if (!valid) {
				throw new InvalidEventOptionException(option, Objects.toString(value), allowed);
			}
		}

	}

}
