package dev.lockfree.events.parity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A child-first class loader that defines its own copy of one class from the parent's bytes, as a plugin or
 * hot-reload class loader would. Classes it defines are not cache-safe for the parent class loader.
 */
final class ThrowawayClassLoader extends ClassLoader {

	private final String className;

	ThrowawayClassLoader(Class<?> template) {
		super(template.getClassLoader());
		this.className = template.getName();
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (!name.equals(this.className)) {
			return super.loadClass(name, resolve);
		}
		synchronized (getClassLoadingLock(name)) {
			Class<?> loaded = findLoadedClass(name);
			if (loaded == null) {
				byte[] bytes = readBytes(name);
				loaded = defineClass(name, bytes, 0, bytes.length);
			}
			return loaded;
		}
	}

	private byte[] readBytes(String name) {
		String resource = name.replace('.', '/') + ".class";
		try (InputStream in = getParent().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Class file not found: " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Load a fresh copy of {@link ForeignEvent} and create an instance of it with the given source.
	 */
	static Object newForeignEvent(Object source) throws ReflectiveOperationException {
		Class<?> copy = new ThrowawayClassLoader(ForeignEvent.class).loadClass(ForeignEvent.class.getName());
		return copy.getConstructor(Object.class).newInstance(source);
	}

}
