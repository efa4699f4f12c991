package dev.keyward.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The hexagon's shape, checked on the production classes of every module. */
class ArchitectureTest {

    private static final JavaClasses production = KeywardClasses.PRODUCTION;

    @Test
    void the_domain_depends_only_on_the_jdk_and_itself() {
        classes().that().resideInAPackage("dev.keyward.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "dev.keyward.domain..")
                .because("the domain is pure Java: no framework may leak into it")
                .check(production);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        slices().matching("dev.keyward.adapter.(*)..")
                .should().notDependOnEachOther()
                .check(production);
    }

    @Test
    void nothing_but_the_app_depends_on_the_app() {
        noClasses().that().resideOutsideOfPackage("dev.keyward.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.keyward.app..")
                .check(production);
    }

    @Test
    void the_domain_does_not_know_its_adapters() {
        noClasses().that().resideInAPackage("dev.keyward.domain..")
                .should().dependOnClassesThat().resideInAPackage("dev.keyward.adapter..")
                .check(production);
    }

    @Test
    void adapters_reach_the_domain_through_its_ports_not_its_services() {
        noClasses().that().resideInAPackage("dev.keyward.adapter..")
                .should().dependOnClassesThat(areServicesOrTheirCollaborators())
                .orShould().dependOnClassesThat().resideInAPackage("dev.keyward.domain.wiring..")
                .because("adapters call in-ports (TokenCommands, TokenCheck, AuditRelaying, ...); only the app wires the implementations")
                .check(production);
    }

    @Test
    void the_domain_packages_are_free_of_cycles() {
        slices().matching("dev.keyward.domain.(*)..")
                .should().beFreeOfCycles()
                .check(production);
    }

    @Test
    void no_port_depends_on_a_service() {
        noClasses().that().resideInAPackage("dev.keyward.domain..").and().areInterfaces()
                .should().dependOnClassesThat(areServicesOrTheirCollaborators())
                .because("a port is a contract: it may name the model, never the code behind it")
                .check(production);
    }

    @Test
    void every_in_port_implementation_is_a_service_in_its_capability() {
        classes().that().resideInAPackage("dev.keyward.domain..").and().haveSimpleNameEndingWith("Service")
                .should().bePublic().andShould().haveModifier(JavaModifier.FINAL)
                .andShould().resideOutsideOfPackages("dev.keyward.domain.token..", "dev.keyward.domain.wiring..")
                .check(production);
    }

    @Test
    void the_token_model_does_not_know_the_audit_relay() {
        noClasses().that().resideInAnyPackage("dev.keyward.domain.token..", "dev.keyward.domain.permission..",
                        "dev.keyward.domain.network..")
                .should().dependOnClassesThat().resideInAPackage("dev.keyward.domain.audit..")
                .because("the outbox relay is a store-and-forward mechanism beside the model, not part of it")
                .check(production);
    }

    @Test
    void the_persistence_store_knows_nothing_of_the_check_cache() {
        noClasses().that().resideInAPackage("dev.keyward.adapter.persistence.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.keyward.adapter.persistence.check..")
                .because("the store announces changed hashes through TokenChanges; the change feed and cache sit above it")
                .check(production);
    }

    /** The domain's services and the collaborators only they use: the code behind the ports. */
    private static DescribedPredicate<JavaClass> areServicesOrTheirCollaborators() {
        return DescribedPredicate.describe("services or their collaborators", type ->
                type.getPackageName().startsWith("dev.keyward.domain")
                        && (type.getSimpleName().endsWith("Service")
                        || Set.of("AuditRelay", "TokenStore", "ReuseDetector", "AuthFailureMonitor", "TokenCreation")
                        .contains(type.getSimpleName())));
    }
}
