package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;

/** A process added to processes/ without a fast process test (and so without a coverage threshold) fails the build. */
class ProcessFlowTestsTest {

  @Test
  void everyProcessHasAFastProcessTestWithCoverage() throws IOException {
    List<String> testClasses;
    try (Stream<Path> files = Files.walk(Path.of("target", "test-classes"))) {
      testClasses = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith("ProcessFlowTest.class"))
          .map(name -> name.substring(0, name.length() - ".class".length())).toList();
    }
    for (String process : ProcessFlow.processKeys()) {
      String expected = Arrays.stream(process.split("-"))
          .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1)).collect(Collectors.joining())
          + "ProcessFlowTest";
      assertThat(testClasses).as("processes/%s.bpmn needs a %s", process, expected).contains(expected);
    }
  }

  @Test
  void eachFastProcessTestRegistersTheCoverageExtension() throws Exception {
    try (Stream<Path> files = Files.walk(Path.of("target", "test-classes"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith("ProcessFlowTest.class")).toList()) {
        String name = Path.of("target", "test-classes").relativize(file).toString().replace('/', '.')
            .replace(".class", "");
        Class<?> test = Class.forName(name, false, getClass().getClassLoader());
        assertThat(Arrays.stream(test.getDeclaredFields()).filter(field -> Modifier.isStatic(field.getModifiers()))
            .map(Field::getType)).as(name).contains(ProcessEngineCoverageExtension.class);
      }
    }
  }
}
