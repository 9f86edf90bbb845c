package dev.lockfree.events.parity;

import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.event.SimpleApplicationEventMulticaster;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;

/**
 * The two multicasters a parity scenario runs against: Spring's reference implementation and ours.
 *
 * <p>Setting the system property {@value #CANDIDATE_PROPERTY} to {@code spring} makes {@link #LOCKFREE} use
 * Spring's multicaster as well. Every scenario must then pass: this checks the harness itself (a scenario that
 * fails with Spring on both sides is not deterministic, or records something that depends on the instance).
 */
enum Subject {

	/** Spring's {@link SimpleApplicationEventMulticaster}, the reference behaviour. */
	SPRING {

		@Override
		Class<? extends ApplicationEventMulticaster> multicasterClass() {
			return SimpleApplicationEventMulticaster.class;
		}

	},

	/** Our {@link LockFreeApplicationEventMulticaster}, in its default (SYNC) mode. */
	LOCKFREE {

		@Override
		Class<? extends ApplicationEventMulticaster> multicasterClass() {
			if ("spring".equalsIgnoreCase(System.getProperty(CANDIDATE_PROPERTY))) {
				return SimpleApplicationEventMulticaster.class;
			}
			return LockFreeApplicationEventMulticaster.class;
		}

	};

	/** System property that replaces the candidate by Spring's multicaster (harness self-check). */
	static final String CANDIDATE_PROPERTY = "parity.candidate";

	/**
	 * Return the multicaster class this subject registers as the {@code applicationEventMulticaster} bean.
	 */
	abstract Class<? extends ApplicationEventMulticaster> multicasterClass();

}
