package dev.lockfree.events.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

import dev.lockfree.events.LockFreeApplicationEventMulticaster;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration and dispatch code holds no lock: no {@code synchronized} method or block, no
 * {@code java.util.concurrent.locks} lock, no {@code ConcurrentHashMap} (whose writes lock a bin). Parking a
 * thread with {@code LockSupport} is allowed: it is how idle lane workers wait, not a lock.
 *
 * <p>Reads the compiled classes of the core module with Spring's repackaged ASM.
 */
class NoLocksTests {

	private static final List<String> FORBIDDEN_TYPES = List.of("java/util/concurrent/locks/ReentrantLock",
			"java/util/concurrent/locks/ReentrantReadWriteLock", "java/util/concurrent/locks/StampedLock",
			"java/util/concurrent/locks/Lock", "java/util/concurrent/locks/Condition",
			"java/util/concurrent/ConcurrentHashMap", "java/util/Collections$SynchronizedCollection",
			"java/util/Hashtable", "java/util/Vector");

	@Test
	void coreClassesHoldNoLock() throws Exception {
		Path root = classesRoot();
		List<String> violations = new ArrayList<>();
		try (Stream<Path> classes = Files.walk(root)) {
			for (Path path : classes.filter((p) -> p.toString().endsWith(".class")).toList()) {
				inspect(path, violations);
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void theScanSeesTheCoreClasses() throws Exception {
		try (Stream<Path> classes = Files.walk(classesRoot())) {
			assertThat(classes.map(Path::toString))
				.anyMatch((name) -> name.endsWith("registry/ListenerRegistry.class"))
				.anyMatch((name) -> name.endsWith("dispatch/EventDispatcher.class"))
				.anyMatch((name) -> name.endsWith("ring/Lane.class"));
		}
	}

	private static Path classesRoot() throws URISyntaxException {
		Path multicaster = Path.of(LockFreeApplicationEventMulticaster.class
			.getResource(LockFreeApplicationEventMulticaster.class.getSimpleName() + ".class")
			.toURI());
		return multicaster.getParent();
	}

	private static void inspect(Path path, List<String> violations) throws IOException {
		try (InputStream in = Files.newInputStream(path)) {
			ClassReader reader = new ClassReader(in);
			String className = reader.getClassName();
			reader.accept(new ClassVisitor(Opcodes.ASM9) {

				@Override
				public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
						String[] exceptions) {
					String method = className + "." + name + descriptor;
					if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
						violations.add("synchronized method " + method);
					}
					return new MethodVisitor(Opcodes.ASM9) {

						@Override
						public void visitInsn(int opcode) {
							if (opcode == Opcodes.MONITORENTER) {
								violations.add("synchronized block in " + method);
							}
						}

						@Override
						public void visitTypeInsn(int opcode, String type) {
							check(type, method);
						}

						@Override
						public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
								boolean isInterface) {
							check(owner, method);
						}

						@Override
						public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
							check(owner, method);
						}

						private void check(String type, String where) {
							if (FORBIDDEN_TYPES.contains(type)) {
								violations.add(type + " used in " + where);
							}
						}

					};
				}

			}, ClassReader.SKIP_DEBUG);
		}
	}

}
