package io.ovneip.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The model is pure (architecture rule 1): no Kubernetes client, no {@code java.net} (no DNS, no
 * sockets), no OVSDB client or cache, no files, no clock, no environment, no randomness, no
 * threads, no logging, no static mutable state; and its packages depend one way: input, nb,
 * desired, observed, diff (observed knows neither desired nor diff).
 */
@AnalyzeClasses(packages = "io.ovneip.model", importOptions = ImportOption.DoNotIncludeTests.class)
class PureCoreArchitectureTest {

  @ArchTest
  static final ArchRule noIoOrKubernetes =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.net..",
              "java.nio.channels..",
              "java.nio.file..",
              "java.io..",
              "java.util.concurrent..",
              "java.util.random..",
              "java.lang.reflect..",
              "io.fabric8..",
              "io.ovneip.ovsdb.client..",
              "io.ovneip.ovsdb.cache..",
              "io.ovneip.controller..",
              "io.ovneip.agent..",
              "tools.jackson..",
              "com.fasterxml..",
              "org.slf4j..",
              "ch.qos..")
          .because(
              "the model decides without I/O; only io.ovneip.ovsdb.protocol values are allowed");

  @ArchTest
  static final ArchRule noClockEnvironmentRandomnessOrThreads =
      noClasses()
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Clock.class)
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(System.class, "getenv", String.class)
          .orShould()
          .callMethod(System.class, "getenv")
          .orShould()
          .callMethod(System.class, "getProperty", String.class)
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(LocalDate.class, "now")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(OffsetDateTime.class, "now")
          .orShould()
          .callMethod(ZonedDateTime.class, "now")
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(java.util.Random.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(Thread.class)
          .because("same input, same output: time, environment and randomness come from the edge");

  @ArchTest
  static final ArchRule staticFieldsAreFinal =
      fields().that().areStatic().should().beFinal().because("no static mutable state");

  @ArchTest
  static final ArchRule staticCollectionsAreNotOfMutableTypes =
      noFields()
          .that()
          .areStatic()
          .should()
          .haveRawType(java.util.HashMap.class)
          .orShould()
          .haveRawType(java.util.ArrayList.class)
          .orShould()
          .haveRawType(java.util.HashSet.class)
          .orShould()
          .haveRawType(java.util.TreeMap.class)
          .orShould()
          .haveRawType(java.util.LinkedHashMap.class)
          .because("static collections must be immutable (Map.of, List.of)");

  @ArchTest
  static final ArchRule inputDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("io.ovneip.model.input..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.ovneip.model.nb..",
              "io.ovneip.model.desired..",
              "io.ovneip.model.observed..",
              "io.ovneip.model.diff..",
              "io.ovneip.ovsdb..");

  @ArchTest
  static final ArchRule rowsDoNotKnowDesiredOrDiff =
      noClasses()
          .that()
          .resideInAPackage("io.ovneip.model.nb..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.ovneip.model.desired..", "io.ovneip.model.observed..", "io.ovneip.model.diff..");

  @ArchTest
  static final ArchRule desiredDoesNotKnowDiff =
      noClasses()
          .that()
          .resideInAPackage("io.ovneip.model.desired..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.ovneip.model.diff..", "io.ovneip.ovsdb..");

  @ArchTest
  static final ArchRule observedDoesNotKnowDesiredOrDiff =
      noClasses()
          .that()
          .resideInAPackage("io.ovneip.model.observed..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.ovneip.model.desired..", "io.ovneip.model.diff..")
          .because(
              "the diff reads the observed rows; what is observed does not depend on what is wanted");
}
