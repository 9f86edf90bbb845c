package dev.lockfree.events.invoke;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Chooses the argument for a listener method without allocating, giving the answer
 * {@link ApplicationListenerMethodAdapter} would give, or admitting that it cannot.
 *
 * <p>Spring matches the event against the declared event types in order: a type that is not an
 * {@link ApplicationEvent} matches a {@link PayloadApplicationEvent} whose payload type is assignable
 * to it, and any type matches an event that is an instance of it. The payload type is a
 * {@link ResolvableType} built per event, which allocates. This resolver decides from classes alone
 * when that is provably the same: the declared type is a non-generic class and the event's payload
 * type is exactly the payload's runtime class (no type hint, no generics). In every other case that
 * needs the payload type it answers {@link #UNDECIDED}, and the caller uses Spring's own resolution.
 */
final class EventArgumentResolver {

	/** No declared event type matches: the method is not invoked. */
	static final Object NO_MATCH = new Object();

	/** Only Spring's {@link ResolvableType}-based resolution can tell. */
	static final Object UNDECIDED = new Object();

	/** The event matches and the method takes no parameter. */
	static final Object NO_ARGUMENT = new Object();

	private static final @Nullable VarHandle PAYLOAD_TYPE = findField(PayloadApplicationEvent.class, "payloadType",
			ResolvableType.class);

	/**
	 * {@code ResolvableType.type}, the type as given, which for the payload type Spring builds from a payload's
	 * runtime class is that very class. Read directly because {@link ResolvableType#getType()} first asks whether
	 * the type is a serializable proxy: an {@code instanceof} of an interface that {@code Class} does not
	 * implement, which HotSpot answers by scanning all of {@code Class}'s interfaces every time (a negative answer
	 * is not cached). Asked for each listener of each payload event, that scan was a third of the payload path.
	 */
	private static final @Nullable VarHandle RESOLVABLE_TYPE_TYPE = findField(ResolvableType.class, "type",
			Type.class);

	private final Class<?>[] declaredClasses;

	private final boolean[] applicationEventTypes;

	private final boolean[] plainClasses;

	private final boolean withoutParameter;

	/**
	 * Create a resolver for one listener method.
	 * @param method the method as given to the adapter (its parameter is the default event type)
	 * @param targetMethod the most specific method, carrying the {@link EventListener} annotation
	 */
	EventArgumentResolver(Method method, Method targetMethod) {
		EventListener annotation = AnnotatedElementUtils.findMergedAnnotation(targetMethod, EventListener.class);
		ResolvableType[] declared;
		if (annotation != null && annotation.classes().length > 0) {
			Class<?>[] classes = annotation.classes();
			declared = new ResolvableType[classes.length];
			for (int i = 0; i < classes.length; i++) {
				declared[i] = ResolvableType.forClass(classes[i]);
			}
		}
		else {
			declared = new ResolvableType[] { ResolvableType.forMethodParameter(method, 0) };
		}
		this.declaredClasses = new Class<?>[declared.length];
		this.applicationEventTypes = new boolean[declared.length];
		this.plainClasses = new boolean[declared.length];
		for (int i = 0; i < declared.length; i++) {
			Class<?> declaredClass = declared[i].toClass();
			this.declaredClasses[i] = declaredClass;
			this.applicationEventTypes[i] = ApplicationEvent.class.isAssignableFrom(declaredClass);
			this.plainClasses[i] = isPlainClass(declared[i].getType());
		}
		this.withoutParameter = (method.getParameterCount() == 0);
	}

	private static boolean isPlainClass(Type type) {
		return (type instanceof Class<?> clazz && clazz.getTypeParameters().length == 0 && !clazz.isArray() &&
				!clazz.isPrimitive());
	}

	/**
	 * Choose the argument for the given event.
	 * @param event the event being delivered
	 * @return the argument, or {@link #NO_ARGUMENT}, {@link #NO_MATCH} or {@link #UNDECIDED}
	 */
	Object resolve(ApplicationEvent event) {
		PayloadApplicationEvent<?> payloadEvent = (event instanceof PayloadApplicationEvent<?> candidate ?
				candidate : null);
		for (int i = 0; i < this.declaredClasses.length; i++) {
			Class<?> declaredClass = this.declaredClasses[i];
			if (!this.applicationEventTypes[i] && payloadEvent != null) {
				if (!this.plainClasses[i] || !hasRuntimeClassPayloadType(payloadEvent)) {
					return UNDECIDED;
				}
				if (declaredClass.isInstance(payloadEvent.getPayload())) {
					return argument(i, event);
				}
			}
			if (declaredClass.isInstance(event)) {
				return argument(i, event);
			}
		}
		return NO_MATCH;
	}

	private Object argument(int declaredIndex, ApplicationEvent event) {
		if (this.withoutParameter) {
			return NO_ARGUMENT;
		}
		if (!this.applicationEventTypes[declaredIndex] && event instanceof PayloadApplicationEvent<?> payloadEvent) {
			Object payload = payloadEvent.getPayload();
			if (this.declaredClasses[declaredIndex].isInstance(payload)) {
				return payload;
			}
		}
		return event;
	}

	/**
	 * Whether the event's payload type is exactly the payload's class, so that matching a plain
	 * declared class against it is a plain {@code isInstance} check. Subclasses of
	 * {@link PayloadApplicationEvent} build their resolvable type differently and are left to Spring.
	 */
	private static boolean hasRuntimeClassPayloadType(PayloadApplicationEvent<?> payloadEvent) {
		if (PAYLOAD_TYPE == null || payloadEvent.getClass() != PayloadApplicationEvent.class) {
			return false;
		}
		ResolvableType payloadType = (ResolvableType) PAYLOAD_TYPE.get(payloadEvent);
		if (payloadType == null) {
			return false;
		}
		Type type = (RESOLVABLE_TYPE_TYPE != null) ? (Type) RESOLVABLE_TYPE_TYPE.get(payloadType)
				: payloadType.getType();
		// A serializable proxy (never built for a payload's runtime class) is not the class: UNDECIDED, as it must.
		return type == payloadEvent.getPayload().getClass();
	}

	/**
	 * Whether payload events can be resolved without Spring's help on this JVM (the payload type of a
	 * {@link PayloadApplicationEvent} is readable).
	 */
	static boolean canReadPayloadType() {
		return (PAYLOAD_TYPE != null);
	}

	/**
	 * Whether the type of a {@link ResolvableType} is read directly rather than through
	 * {@link ResolvableType#getType()}, which costs a full interface scan per call (see
	 * {@code RESOLVABLE_TYPE_TYPE}).
	 */
	static boolean readsResolvableTypeDirectly() {
		return (RESOLVABLE_TYPE_TYPE != null);
	}

	private static @Nullable VarHandle findField(Class<?> owner, String name, Class<?> type) {
		try {
			return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
