package dev.lockfree.events.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindingPostProcessor;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.EventListener;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

import dev.lockfree.events.DispatchMode;
import dev.lockfree.events.LockFreeApplicationEventMulticaster;
import dev.lockfree.events.LockFreeEventOptions;
import dev.lockfree.events.OverflowPolicy;
import dev.lockfree.events.WaitStrategy;
import dev.lockfree.events.invoke.FastApplicationListenerMethodAdapter;
import dev.lockfree.events.invoke.FastEventListenerFactory;
import dev.lockfree.events.invoke.MethodEventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LockFreeEventsAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LockFreeEventsAutoConfigurationTests {

	private static final String MULTICASTER = AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LockFreeEventsAutoConfiguration.class));

	@Test
	void registersLockFreeMulticasterAsTheContextsApplicationEventMulticaster() {
		this.contextRunner.withUserConfiguration(PayloadListenerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(LockFreeApplicationEventMulticaster.class);
			assertThat(context.getBean(MULTICASTER)).isInstanceOf(LockFreeApplicationEventMulticaster.class);
			LockFreeApplicationEventMulticaster multicaster = context.getBean(LockFreeApplicationEventMulticaster.class);
			long before = multicaster.getStatistics().published();
			context.publishEvent("hello");
			assertThat(multicaster.getStatistics().published()).isEqualTo(before + 1);
			assertThat(context.getBean(PayloadListenerConfiguration.class).received).containsExactly("hello");
		});
	}

	@Test
	void multicasterBeanIsInfrastructure() {
		this.contextRunner.run((context) -> assertThat(context.getBeanFactory()
			.getBeanDefinition(MULTICASTER)
			.getRole()).isEqualTo(BeanDefinition.ROLE_INFRASTRUCTURE));
	}

	@Test
	void backsOffWhenUserDefinesAnApplicationEventMulticaster() {
		this.contextRunner.withUserConfiguration(UserMulticasterConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(LockFreeApplicationEventMulticaster.class);
			assertThat(context.getBean(MULTICASTER))
				.isSameAs(context.getBean(UserMulticasterConfiguration.class).multicaster);
		});
	}

	@Test
	void ignoresAnApplicationEventMulticasterOfTheParentContext() {
		try (AnnotationConfigApplicationContext parent = new AnnotationConfigApplicationContext(
				UserMulticasterConfiguration.class)) {
			this.contextRunner.withParent(parent).run((context) -> {
				assertThat(context).getBean(MULTICASTER).isInstanceOf(LockFreeApplicationEventMulticaster.class);
				assertThat(context.getBeanFactory().containsLocalBean(MULTICASTER)).isTrue();
			});
		}
	}

	@Test
	void isDisabledWhenEnabledIsFalse() {
		this.contextRunner.withPropertyValues("lockfree.events.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(LockFreeApplicationEventMulticaster.class);
			assertThat(context).doesNotHaveBean(LockFreeEventsProperties.class);
			assertThat(context.getBean(MULTICASTER)).isExactlyInstanceOf(SimpleApplicationEventMulticaster.class);
		});
	}

	@Test
	void usesDefaultOptionsWhenNothingIsConfigured() {
		this.contextRunner.run((context) -> assertThat(options(context).toString())
			.isEqualTo(LockFreeEventOptions.defaults().toString()));
	}

	@Test
	void mapsModeToOptions() {
		this.contextRunner.withPropertyValues("lockfree.events.mode=async")
			.run((context) -> assertThat(options(context).mode()).isEqualTo(DispatchMode.ASYNC));
	}

	@Test
	void mapsAsyncIncludeAndExcludeToOptions() {
		this.contextRunner
			.withPropertyValues("lockfree.events.async.include=com.acme.orders.*,com.acme.billing.InvoicePaid",
					"lockfree.events.async.exclude[0]=com.acme.audit.*")
			.run((context) -> {
				assertThat(options(context).asyncInclude()).containsExactly("com.acme.orders.*",
						"com.acme.billing.InvoicePaid");
				assertThat(options(context).asyncExclude()).containsExactly("com.acme.audit.*");
			});
	}

	@Test
	void mapsRingPropertiesToOptions() {
		this.contextRunner
			.withPropertyValues("lockfree.events.ring.lanes=3", "lockfree.events.ring.capacity=1024",
					"lockfree.events.ring.batch-size=16", "lockfree.events.ring.wait-strategy=yield",
					"lockfree.events.ring.overflow=caller-runs", "lockfree.events.ring.thread-name-prefix=orders-")
			.run((context) -> {
				LockFreeEventOptions options = options(context);
				assertThat(options.lanes()).isEqualTo(3);
				assertThat(options.capacity()).isEqualTo(1024);
				assertThat(options.batchSize()).isEqualTo(16);
				assertThat(options.waitStrategy()).isEqualTo(WaitStrategy.YIELD);
				assertThat(options.overflowPolicy()).isEqualTo(OverflowPolicy.CALLER_RUNS);
				assertThat(options.threadNamePrefix()).isEqualTo("orders-");
			});
	}

	@Test
	void mapsShutdownTimeoutToOptions() {
		this.contextRunner.withPropertyValues("lockfree.events.shutdown-timeout=750ms")
			.run((context) -> assertThat(options(context).shutdownTimeout()).isEqualTo(Duration.ofMillis(750)));
	}

	@Test
	void mapsContextPropagationToOptions() {
		this.contextRunner.withPropertyValues("lockfree.events.context-propagation=false")
			.run((context) -> assertThat(options(context).contextPropagation()).isFalse());
	}

	@Test
	void mapsTimingSampleIntervalToOptions() {
		this.contextRunner.withPropertyValues("lockfree.events.timing.sample-interval=64")
			.run((context) -> assertThat(options(context).timingSampleInterval()).isEqualTo(64));
	}

	@Test
	void bindsTheSamePropertiesIntoThePropertiesBean() {
		this.contextRunner.withPropertyValues("lockfree.events.ring.capacity=256", "lockfree.events.mode=async")
			.run((context) -> {
				LockFreeEventsProperties properties = context.getBean(LockFreeEventsProperties.class);
				assertThat(properties.getRing().getCapacity()).isEqualTo(256);
				assertThat(properties.getMode()).isEqualTo(DispatchMode.ASYNC);
			});
	}

	@Test
	void fastEventListenerFactoryUsesFastInvokersByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FastEventListenerFactory.class);
			assertThat(context.getBean(FastEventListenerFactory.class).isFastInvokers()).isTrue();
		});
	}

	@Test
	void fastEventListenerFactoryUsesReflectionWhenFastInvokersIsFalse() {
		this.contextRunner.withPropertyValues("lockfree.events.fast-invokers=false").run((context) -> {
			assertThat(context).hasSingleBean(FastEventListenerFactory.class);
			assertThat(context.getBean(FastEventListenerFactory.class).isFastInvokers()).isFalse();
		});
	}

	@Test
	void fastEventListenerFactoryIsAbsentWhenDisabled() {
		this.contextRunner.withPropertyValues("lockfree.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FastEventListenerFactory.class));
	}

	@Test
	void fastEventListenerFactoryBacksOffWhenUserDefinesOne() {
		this.contextRunner
			.withBean("userFactory", FastEventListenerFactory.class, () -> new FastEventListenerFactory(false))
			.run((context) -> assertThat(context).getBeanNames(FastEventListenerFactory.class)
				.containsExactly("userFactory"));
	}

	@Test
	void eventListenerMethodsAreCalledThroughFastInvokers() {
		this.contextRunner.withUserConfiguration(AnnotatedListenerConfiguration.class).run((context) -> {
			assertThat(methodListeners(context)).singleElement().isInstanceOf(FastApplicationListenerMethodAdapter.class);
			context.publishEvent("hello");
			assertThat(context.getBean(AnnotatedListenerConfiguration.class).received).containsExactly("hello");
		});
	}

	@Test
	void eventListenerMethodsAreCalledReflectivelyWhenFastInvokersIsFalse() {
		this.contextRunner.withUserConfiguration(AnnotatedListenerConfiguration.class)
			.withPropertyValues("lockfree.events.fast-invokers=false")
			.run((context) -> {
				assertThat(methodListeners(context)).singleElement()
					.isNotInstanceOf(FastApplicationListenerMethodAdapter.class);
				context.publishEvent("hello");
				assertThat(context.getBean(AnnotatedListenerConfiguration.class).received).containsExactly("hello");
			});
	}

	private static List<ApplicationListener<?>> methodListeners(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return ((AbstractApplicationContext) context.getSourceApplicationContext()).getApplicationListeners()
			.stream()
			.filter(MethodEventListener.class::isInstance)
			.toList();
	}

	@Test
	void multicasterIsCreatedAfterTheBeanPostProcessorsAreRegistered(CapturedOutput output) {
		this.contextRunner
			.withUserConfiguration(PayloadListenerConfiguration.class, RecordingPostProcessorConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ConfigurationPropertiesBindingPostProcessor.class);
				assertThat(RecordingPostProcessorConfiguration.processed(context)).contains(MULTICASTER);
			});
		assertThat(output).doesNotContain("is not eligible for getting processed by all BeanPostProcessors");
	}

	private static LockFreeEventOptions options(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return context.getBean(LockFreeApplicationEventMulticaster.class).getOptions();
	}

	@Configuration(proxyBeanMethods = false)
	static class PayloadListenerConfiguration {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<PayloadApplicationEvent<String>> stringListener() {
			return ApplicationListener.forPayload(this.received::add);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnnotatedListenerConfiguration {

		final List<String> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(String payload) {
			this.received.add(payload);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingPostProcessorConfiguration {

		@Bean
		static RecordingPostProcessor recordingPostProcessor() {
			return new RecordingPostProcessor();
		}

		static List<String> processed(AssertableApplicationContext context) {
			assertThat(context).hasNotFailed();
			return context.getBean(RecordingPostProcessor.class).processed;
		}

	}

	static class RecordingPostProcessor implements BeanPostProcessor {

		final List<String> processed = new CopyOnWriteArrayList<>();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			this.processed.add(beanName);
			return bean;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMulticasterConfiguration {

		final ApplicationEventMulticaster multicaster = new SimpleApplicationEventMulticaster();

		@Bean(name = MULTICASTER)
		ApplicationEventMulticaster applicationEventMulticaster() {
			return this.multicaster;
		}

	}

}
