package fr.guichet.pricing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "fr.guichet.pricing",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PortIsFreeOfDroolsTest {

  @ArchTest
  static final ArchRule only_the_drools_package_uses_drools =
      noClasses()
          .that()
          .resideOutsideOfPackage("fr.guichet.pricing.drools..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.kie..", "org.drools..");
}
