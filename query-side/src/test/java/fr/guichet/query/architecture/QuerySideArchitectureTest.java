package fr.guichet.query.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "fr.guichet.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

  @ArchTest
  static final ArchRule views_do_not_reach_into_each_other =
      slices()
          .matching("fr.guichet.query.(*)..")
          .should()
          .notDependOnEachOther()
          .ignoreDependency(
              DescribedPredicate.alwaysTrue(),
              JavaClass.Predicates.resideInAPackage("fr.guichet.query.support.."));

  @ArchTest
  static final ArchRule the_query_side_never_uses_the_command_side =
      noClasses()
          .that()
          .resideInAPackage("fr.guichet.query..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("fr.guichet.command..");

  @ArchTest
  static final ArchRule support_code_knows_no_view =
      noClasses()
          .that()
          .resideInAPackage("fr.guichet.query.support..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "fr.guichet.query.seatmap..",
              "fr.guichet.query.catalog..",
              "fr.guichet.query.orders..",
              "fr.guichet.query.dashboard..",
              "fr.guichet.query.setup..");
}
