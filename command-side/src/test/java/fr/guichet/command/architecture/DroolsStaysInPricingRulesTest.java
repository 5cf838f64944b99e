package fr.guichet.command.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Drools is an implementation detail of pricing-rules: everything else sees only the port. */
@AnalyzeClasses(packages = "fr.guichet", importOptions = ImportOption.DoNotIncludeTests.class)
class DroolsStaysInPricingRulesTest {

  @ArchTest
  static final ArchRule nothing_outside_the_drools_adapter_uses_drools =
      noClasses()
          .that()
          .resideOutsideOfPackage("fr.guichet.pricing.drools..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.kie..", "org.drools..");

  @ArchTest
  static final ArchRule aggregates_price_only_through_the_port =
      noClasses()
          .that()
          .resideInAnyPackage("fr.guichet.command..", "fr.guichet.api..")
          .and()
          .doNotHaveSimpleName("PricingConfiguration")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("fr.guichet.pricing.drools..")
          .because("only the pricing configuration picks the Drools implementation");
}
