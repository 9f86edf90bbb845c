package dev.lockfree.events.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jctools.maps.NonBlockingHashMap;
import org.jctools.maps.NonBlockingIdentityHashMap;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.StringUtils;

import dev.lockfree.events.invoke.MethodEventListener;

/**
 * Finds or creates the {@link ListenerMetrics} of a listener: by identity for singleton listeners, by bean
 * name for listener beans fetched per event (prototypes and scoped beans). Lock-free maps (JCTools); only
 * route resolution calls it, never the per-event fast path.
 */
public final class ListenerMetricsRegistry {

	private final NonBlockingIdentityHashMap<Object, ListenerMetrics> byInstance = new NonBlockingIdentityHashMap<>();

	private final NonBlockingHashMap<String, ListenerMetrics> byBeanName = new NonBlockingHashMap<>();

	private final AtomicInteger laneHints = new AtomicInteger();

	/** The metrics of a singleton listener, created on first use. */
	public ListenerMetrics forInstance(ApplicationListener<?> listener, String beanName) {
		ListenerMetrics metrics = this.byInstance.get(listener);
		if (metrics != null) {
			return metrics;
		}
		if (beanName == null && listener instanceof MethodEventListener methodListener) {
			beanName = methodListener.getListenerBeanName();
		}
		ListenerMetrics created = new ListenerMetrics(idOf(listener), beanName, OrderReader.orderOf(listener),
				this.laneHints.getAndIncrement());
		ListenerMetrics raced = this.byInstance.putIfAbsent(listener, created);
		return (raced != null) ? raced : created;
	}

	/** The metrics shared by every instance of a listener bean fetched per event. */
	public ListenerMetrics forBeanName(String beanName, ApplicationListener<?> sample) {
		ListenerMetrics metrics = this.byBeanName.get(beanName);
		if (metrics != null) {
			return metrics;
		}
		ListenerMetrics created = new ListenerMetrics(idOf(sample), beanName, OrderReader.orderOf(sample),
				this.laneHints.getAndIncrement());
		ListenerMetrics raced = this.byBeanName.putIfAbsent(beanName, created);
		return (raced != null) ? raced : created;
	}

	/** Every metrics object created so far. */
	public Collection<ListenerMetrics> all() {
		List<ListenerMetrics> all = new ArrayList<>(this.byInstance.values());
		all.addAll(this.byBeanName.values());
		return all;
	}

	/**
	 * A listener's id: {@code SmartApplicationListener#getListenerId()} when it has one (an
	 * {@code @EventListener} method's id), otherwise its class name and identity.
	 */
	public static String idOf(ApplicationListener<?> listener) {
		if (listener instanceof SmartApplicationListener smart && StringUtils.hasText(smart.getListenerId())) {
			return smart.getListenerId();
		}
		return AopUtils.getTargetClass(listener).getName() + "@"
				+ Integer.toHexString(System.identityHashCode(listener));
	}

	/** Reads the sort order Spring's comparator would use. */
	private static final class OrderReader extends AnnotationAwareOrderComparator {

		private static final OrderReader INSTANCE = new OrderReader();

		static int orderOf(Object listener) {
			return INSTANCE.getOrder(listener);
		}

	}

}
