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
    /** Modules with no tests of their own. */
    private static final List<String> TEST_ONLY_MODULES = List.of("testkit");

    /** Production and test classes of every module. */
    static final JavaClasses ALL = importEveryModule();
    /** The classes that ship: those compiled from {@code src/main} of the modules that ship. */
    static final JavaClasses PRODUCTION = ALL.that(DescribedPredicate.describe("production classes",
            (JavaClass type) -> type.getSource().map(source -> source.getUri().toString())
                    .map(uri -> !uri.contains("/test-classes/") && !uri.contains("/testkit/")).orElse(false)));

    private KeywardClasses() {
    }

    private static JavaClasses importEveryModule() {
        List<Path> everyModule = Stream.concat(
                MODULES.stream().flatMap(module -> Stream.of("classes", "test-classes").map(dir -> Path.of("..", module, "target", dir))),
                TEST_ONLY_MODULES.stream().map(module -> Path.of("..", module, "target", "classes")))
                .toList();
        List<Path> missing = everyModule.stream().filter(dir -> !Files.isDirectory(dir)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("build every module first (./mvnw -B test from the root): no " + missing);
        }
        return new ClassFileImporter().importPaths(everyModule);
    }
}
