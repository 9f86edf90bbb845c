package dev.lockfree.events.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.env.Environment;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.invoke.FastEventListenerFactory;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that makes the
 * {@link LockFreeApplicationEventMulticaster} the context's application event multicaster, and creates the
 * listeners of {@code @EventListener} methods with a {@link FastEventListenerFactory}.
 *
 * <p>The context looks the multicaster up by name right after it has registered the bean post-processors and
 * before it creates any other singleton, so everything the bean method needs is lazy: the method is
 * {@code static} (the configuration class is not instantiated for it) and binds {@code lockfree.events.*}
 * itself with a {@link Binder} instead of depending on the {@link LockFreeEventsProperties} bean.
 * It backs off when the context already defines a bean named {@code applicationEventMulticaster}, and is
 * switched off with {@code lockfree.events.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "lockfree.events.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LockFreeEventsProperties.class)
public final class LockFreeEventsAutoConfiguration {

	static final String PREFIX = "lockfree.events";

	@Bean(name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(name = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
			search = SearchStrategy.CURRENT)
	static LockFreeApplicationEventMulticaster applicationEventMulticaster(BeanFactory beanFactory,
			Environment environment) {
		LockFreeEventsProperties properties = Binder.get(environment)
			.bindOrCreate(PREFIX, LockFreeEventsProperties.class);
		return new LockFreeApplicationEventMulticaster(beanFactory, toOptions(properties));
	}

	/**
	 * Creates the listeners of {@code @EventListener} methods. Static and without dependencies on other beans:
	 * {@code EventListenerMethodProcessor} fetches it while the bean factory post-processors run.
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static FastEventListenerFactory fastEventListenerFactory(Environment environment) {
		boolean fastInvokers = Binder.get(environment).bind(PREFIX + ".fast-invokers", Boolean.class).orElse(true);
		return new FastEventListenerFactory(fastInvokers);
	}

	/**
	 * Map bound properties onto validated options.
	 * @throws dev.lockfree.events.InvalidEventOptionException naming the first property whose value is not
	 * allowed
	 */
	static LockFreeEventOptions toOptions(LockFreeEventsProperties properties) {
		LockFreeEventsProperties.Ring ring = properties.getRing();
		return LockFreeEventOptions.builder()
			.mode(properties.getMode())
			.asyncInclude(properties.getAsync().getInclude())
			.asyncExclude(properties.getAsync().getExclude())
			.lanes(ring.getLanes())
			.capacity(ring.getCapacity())
			.batchSize(ring.getBatchSize())
			.waitStrategy(ring.getWaitStrategy())
			.overflowPolicy(ring.getOverflow())
			.threadNamePrefix(ring.getThreadNamePrefix())
			.shutdownTimeout(properties.getShutdownTimeout())
			.contextPropagation(properties.isContextPropagation())
			.timingSampleInterval(properties.getTiming().getSampleInterval())
			.build();
	}

}
