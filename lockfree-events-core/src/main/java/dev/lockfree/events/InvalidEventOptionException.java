package dev.lockfree.events;

/**
 * An option of {@link LockFreeEventOptions} was given a value it cannot take. The message names the option
 * (as its {@code lockfree.events.} property), the value given and what is allowed.
 */
public class InvalidEventOptionException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String option;

	private final transient Object value;

	private final String allowed;

	public InvalidEventOptionException(String option, Object value, String allowed) {
		super("Invalid value '" + value + "' for lockfree.events." + option + ": " + allowed);
		this.option = option;
		this.value = value;
		this.allowed = allowed;
	}

	/** The option's name below {@code lockfree.events.}, for example {@code ring.capacity}. */
	public String getOption() {
		return this.option;
	}

	/** The property name of the option, for example {@code lockfree.events.ring.capacity}. */
	public String getPropertyName() {
		return "lockfree.events." + this.option;
	}

	/** The value that was given. */
	public Object getValue() {
		return this.value;
	}

	/** What the option accepts, in words. */
	public String getAllowed() {
		return this.allowed;
	}

}
