package dev.lockfree.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which listeners run where, in real application contexts.
 */
class AsyncRoutingTests {

	private static final Map<String, String> threads = new ConcurrentHashMap<>();

	private AnnotationConfigApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		threads.clear();
	}

	private AnnotationConfigApplicationContext start(LockFreeEventOptions options, Class<?>... components) {
		this.context = new AnnotationConfigApplicationContext();
		RootBeanDefinition multicaster = new RootBeanDefinition(LockFreeApplicationEventMulticaster.class);
		multicaster.getConstructorArgumentValues().addIndexedArgumentValue(0, this.context.getBeanFactory());
		multicaster.getConstructorArgumentValues().addIndexedArgumentValue(1, options);
		multicaster.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		this.context.registerBeanDefinition(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
				multicaster);
		this.context.register(components);
		this.context.refresh();
		return this.context;
	}

	private static LockFreeEventOptions.Builder async() {
		return LockFreeEventOptions.builder().mode(DispatchMode.ASYNC);
	}

	@Test
	void transactionalListenerRunsOnThePublisherAfterCommitWhileOthersGoAsync() {
		AnnotationConfigApplicationContext context = start(async().build(), TransactionConfiguration.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		TransactionalListeners listeners = context.getBean(TransactionalListeners.class);
		String publisher = Thread.currentThread().getName();
		transactions.executeWithoutResult((status) -> {
			jdbc.update("insert into orders(id) values (?)", 1);
			context.publishEvent(new OrderPlaced(1));
			assertThat(listeners.committedRowsSeen).isEmpty();
		});
		assertThat(threads).containsEntry("afterCommit", publisher);
		assertThat(listeners.committedRowsSeen).containsExactly(1);
		await().untilAsserted(() -> assertThat(threads).containsKey("plain"));
		assertThat(threads.get("plain")).startsWith("lockfree-events-");

		transactions.executeWithoutResult((status) -> {
			context.publishEvent(new OrderPlaced(2));
			status.setRollbackOnly();
		});
		assertThat(listeners.committedRowsSeen).containsExactly(1);
	}

	@Test
	void frameworkEventsStayOnThePublisherInAsyncMode() {
		start(async().build(), FrameworkListener.class);
		assertThat(threads).containsEntry("refreshed", Thread.currentThread().getName());
	}

	@Test
	void anIncludeRuleNamingAFrameworkEventExactlySendsItAsync() {
		start(async().asyncInclude(List.of(ContextRefreshedEvent.class.getName())).build(), FrameworkListener.class);
		await().untilAsserted(() -> assertThat(threads).containsKey("refreshed"));
		assertThat(threads.get("refreshed")).startsWith("lockfree-events-");
	}

	@Test
	void aPackagePatternDoesNotSendFrameworkEventsAsync() {
		start(async().asyncInclude(List.of("org.springframework.*")).build(), FrameworkListener.class);
		assertThat(threads).containsEntry("refreshed", Thread.currentThread().getName());
	}

	@Test
	void includeAndExcludePatternsMatchTypesAndSupertypes() {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
				LockFreeEventOptions.builder()
					.asyncInclude(List.of(OrderPlaced.class.getName(), "dev.lockfree.events.routing.*"))
					.asyncExclude(List.of(Audited.class.getName()))
					.build());
		try {
			multicaster.addApplicationListener((ApplicationListener<ApplicationEvent>) (event) -> threads
				.put(event.getSource().toString(), Thread.currentThread().getName()));
			multicaster.multicastEvent(new org.springframework.context.PayloadApplicationEvent<>("included", new OrderPlaced(1)));
			multicaster.multicastEvent(new org.springframework.context.PayloadApplicationEvent<>("excluded", new AuditedOrder()));
			multicaster.multicastEvent(new org.springframework.context.PayloadApplicationEvent<>("default", "text"));
			await().untilAsserted(() -> assertThat(threads).containsKeys("included", "excluded", "default"));
			String caller = Thread.currentThread().getName();
			assertThat(threads.get("included")).startsWith("lockfree-events-");
			assertThat(threads).containsEntry("excluded", caller).containsEntry("default", caller);
		}
		finally {
			multicaster.destroy();
		}
	}

	@Test
	void listenerDispatchOnAListenerClassOverridesTheMode() {
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
				LockFreeEventOptions.builder().mode(DispatchMode.SYNC).build());
		try {
			multicaster.addApplicationListener(new AlwaysAsyncListener());
			multicaster.addApplicationListener(new PlainListener());
			multicaster.multicastEvent(new Ping());
			await().untilAsserted(() -> assertThat(threads).containsKeys("alwaysAsync", "plain"));
			assertThat(threads.get("alwaysAsync")).startsWith("lockfree-events-");
			assertThat(threads).containsEntry("plain", Thread.currentThread().getName());
		}
		finally {
			multicaster.destroy();
		}
	}

	@Test
	void listenerDispatchOnAnEventListenerMethodOverridesTheMode() {
		start(LockFreeEventOptions.builder().mode(DispatchMode.SYNC).build(), FastInvokersConfiguration.class,
				AnnotatedMethods.class);
		this.context.publishEvent(new OrderPlaced(7));
		await().untilAsserted(() -> assertThat(threads).containsKeys("methodAsync", "methodDefault"));
		assertThat(threads.get("methodAsync")).startsWith("lockfree-events-");
		assertThat(threads).containsEntry("methodDefault", Thread.currentThread().getName());
	}

	@Test
	void listenerDispatchSyncOnAMethodKeepsItOnThePublisherInAsyncMode() {
		start(async().build(), FastInvokersConfiguration.class, AnnotatedMethods.class);
		this.context.publishEvent(new OrderPlaced(8));
		await().untilAsserted(() -> assertThat(threads).containsKeys("methodAsync", "methodDefault", "methodSync"));
		assertThat(threads).containsEntry("methodSync", Thread.currentThread().getName());
		assertThat(threads.get("methodDefault")).startsWith("lockfree-events-");
	}

	@Test
	void theMdcOfThePublisherIsRestoredAroundAsyncListeners() {
		Slf4jThreadLocalAccessor accessor = new Slf4jThreadLocalAccessor();
		ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
		LockFreeApplicationEventMulticaster multicaster = new LockFreeApplicationEventMulticaster(null,
				async().shutdownTimeout(Duration.ofSeconds(5)).build());
		try {
			multicaster.addApplicationListener((ApplicationListener<Ping>) (event) -> threads.put("mdc",
					String.valueOf(MDC.get("orderId")) + "@" + Thread.currentThread().getName()));
			MDC.put("orderId", "42");
			try {
				multicaster.multicastEvent(new Ping());
			}
			finally {
				MDC.remove("orderId");
			}
			await().untilAsserted(() -> assertThat(threads).containsKey("mdc"));
			assertThat(threads.get("mdc")).startsWith("42@lockfree-events-");
		}
		finally {
			multicaster.destroy();
			ContextRegistry.getInstance().removeThreadLocalAccessor(accessor.key().toString());
		}
	}

	record OrderPlaced(int id) {
	}

	interface Audited {
	}

	static final class AuditedOrder implements Audited {

	}

	static final class Ping extends ApplicationEvent {

		Ping() {
			super("ping");
		}

	}

	@ListenerDispatch(DispatchMode.ASYNC)
	static final class AlwaysAsyncListener implements ApplicationListener<Ping> {

		@Override
		public void onApplicationEvent(Ping event) {
			threads.put("alwaysAsync", Thread.currentThread().getName());
		}

	}

	static final class PlainListener implements ApplicationListener<Ping> {

		@Override
		public void onApplicationEvent(Ping event) {
			threads.put("plain", Thread.currentThread().getName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FastInvokersConfiguration {

		@Bean
		static dev.lockfree.events.invoke.FastEventListenerFactory fastEventListenerFactory() {
			return new dev.lockfree.events.invoke.FastEventListenerFactory();
		}

	}

	static class AnnotatedMethods {

		@EventListener
		@ListenerDispatch(DispatchMode.ASYNC)
		void methodAsync(OrderPlaced event) {
			threads.put("methodAsync", Thread.currentThread().getName());
		}

		@EventListener
		@ListenerDispatch(DispatchMode.SYNC)
		void methodSync(OrderPlaced event) {
			threads.put("methodSync", Thread.currentThread().getName());
		}

		@EventListener
		void methodDefault(OrderPlaced event) {
			threads.put("methodDefault", Thread.currentThread().getName());
		}

	}

	static class FrameworkListener {

		@EventListener
		void on(ContextRefreshedEvent event) {
			threads.put("refreshed", Thread.currentThread().getName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class TransactionConfiguration {

		@Bean
		DriverManagerDataSource dataSource() {
			DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:routing;DB_CLOSE_DELAY=-1");
			new JdbcTemplate(dataSource).execute("create table if not exists orders(id int primary key)");
			new JdbcTemplate(dataSource).execute("delete from orders");
			return dataSource;
		}

		@Bean
		DataSourceTransactionManager transactionManager(DriverManagerDataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		TransactionTemplate transactionTemplate(DataSourceTransactionManager transactionManager) {
			return new TransactionTemplate(transactionManager);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DriverManagerDataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		TransactionalListeners transactionalListeners(JdbcTemplate jdbc) {
			return new TransactionalListeners(jdbc);
		}

	}

	static class TransactionalListeners {

		private final JdbcTemplate jdbc;

		final List<Integer> committedRowsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

		TransactionalListeners(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@TransactionalEventListener
		void afterCommit(OrderPlaced event) {
			threads.put("afterCommit", Thread.currentThread().getName());
			this.committedRowsSeen.addAll(this.jdbc.queryForList("select id from orders where id = ?", Integer.class,
					event.id()));
		}

		@EventListener
		void plain(OrderPlaced event) {
			threads.put("plain", Thread.currentThread().getName());
		}

	}

}
