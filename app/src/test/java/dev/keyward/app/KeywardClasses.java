package dev.keyward.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every module's classes, production and test, imported once per test JVM for the tests that read the
 * code's shape ({@link ArchitectureTest}) and its names ({@link ArchitectureMapTest}).
 */
final class KeywardClasses {

    private static final List<String> MODULES = List.of(
            "domain", "adapters-rest", "adapters-graphql", "adapters-persistence", "adapters-events", "app");

    /** Production and test classes of every module. */
    static final JavaClasses ALL = importEveryModule();
    /** The classes that ship: those compiled from {@code src/main}. */
    static final JavaClasses PRODUCTION = ALL.that(DescribedPredicate.describe("production classes",
            (JavaClass type) -> type.getSource().map(source -> !source.getUri().toString().contains("/test-classes/")).orElse(false)));

    private KeywardClasses() {
    }

    private static JavaClasses importEveryModule() {
        List<Path> everyModule = MODULES.stream()
                .flatMap(module -> Stream.of("classes", "test-classes").map(dir -> Path.of("..", module, "target", dir)))
                .toList();
        List<Path> missing = everyModule.stream().filter(dir -> !Files.isDirectory(dir)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("build every module first (./mvnw -B test from the root): no " + missing);
        }
        return new ClassFileImporter().importPaths(everyModule);
    }
}
