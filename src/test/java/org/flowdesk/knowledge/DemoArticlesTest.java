package org.flowdesk.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The demo's knowledge base: at least 15 articles in English and German, for services of the demo catalog. */
class DemoArticlesTest {

  @Test
  void theDemoArticlesCoverTheCatalogInBothLanguagesAndRender() throws Exception {
    List<DemoArticles.Entry> entries = DemoArticles.read();
    String services = Files.readString(Path.of("catalog/services.yaml"));

    assertThat(entries).hasSizeGreaterThanOrEqualTo(15);
    assertThat(entries).extracting(DemoArticles.Entry::language).contains("en", "de").containsOnly("en", "de");
    assertThat(entries).allSatisfy(entry -> {
      assertThat(services).contains("- id: " + entry.service() + "\n");
      assertThat(entry.title()).isNotBlank().hasSizeLessThanOrEqualTo(200);
      assertThat(Articles.html(entry.body())).startsWith("<");
    });
  }
}
