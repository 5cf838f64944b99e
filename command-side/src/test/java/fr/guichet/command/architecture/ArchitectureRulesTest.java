package fr.guichet.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

@AnalyzeClasses(packages = "fr.guichet", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureRulesTest {

  @ArchTest
  static final ArchRule shared_api_should_not_depend_on_spring =
      noClasses()
          .that()
          .resideInAPackage("fr.guichet.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..", "fr.guichet.command..", "fr.guichet.query..");

  @ArchTest
  static final ArchRule aggregates_should_decide_without_spring_mongo_or_drools =
      noClasses()
          .that()
          .areAnnotatedWith(Aggregate.class)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..",
              "com.mongodb..",
              "org.kie..",
              "org.drools..",
              "jakarta.persistence..")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule aggregates_should_read_time_from_messages_not_the_system_clock =
      noClasses()
          .that()
          .areAnnotatedWith(Aggregate.class)
          .should()
          .callMethod(java.time.Instant.class, "now");

  @ArchTest
  static final ArchRule aggregates_should_be_package_private =
      classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic();

  @ArchTest
  static final ArchRule drools_should_stay_inside_pricing_rules =
      noClasses()
          .that()
          .resideOutsideOfPackage("fr.guichet.pricing..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.kie..", "org.drools..");
}
