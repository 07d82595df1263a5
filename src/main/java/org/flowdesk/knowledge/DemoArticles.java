package org.flowdesk.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.authorization.Groups;
import org.flowdesk.UtcColumns;
import org.flowdesk.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The demo's knowledge base (demo/articles.yaml), written by sam and approved through the article's
 * process once, when the application first starts with demo data.
 */
@Component
class DemoArticles {

  private static final Logger LOG = LoggerFactory.getLogger(DemoArticles.class);
  static final String STEP = "demo-articles";
  private static final String AUTHOR = "sam";

  record File(List<Entry> articles) {
  }

  record Entry(String service, String language, String title, String keywords, String body) {
  }

  private final Articles articles;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final boolean enabled;

  DemoArticles(Articles articles, JdbcClient jdbc, Clock clock,
      @Value("${flowdesk.demo-data:false}") boolean demoData,
      @Value("${flowdesk.knowledge.demo-articles:true}") boolean demoArticles) {
    this.articles = articles;
    this.jdbc = jdbc;
    this.clock = clock;
    this.enabled = demoData && demoArticles;
  }

  static List<Entry> read() {
    try (InputStream in = new ClassPathResource("demo/articles.yaml").getInputStream()) {
      return new ObjectMapper(new YAMLFactory()).readValue(in, File.class).articles();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    if (!enabled || jdbc.sql("SELECT COUNT(*) FROM fd_setup_step WHERE step = ?").param(STEP).query(Long.class)
        .single() > 0) {
      return;
    }
    // sam is an agent of the service desk; as administrator he may also approve for every service's owners.
    CurrentUser sam = new CurrentUser(AUTHOR, Set.of(Groups.CAMUNDA_ADMIN));
    for (Entry entry : read()) {
      Article draft = articles.create(sam, entry.service(), new Article.Text(entry.title(), entry.body(), null,
          "everyone", entry.language(), entry.keywords()), null);
      articles.submit(sam, draft.id());
      articles.review(sam, draft.id(), "approve", null);
    }
    jdbc.sql("INSERT INTO fd_setup_step (step, done_at) VALUES (?, ?)").params(STEP, UtcColumns.utc(clock.instant()))
        .update();
    LOG.info("Demo knowledge base: {} articles published", read().size());
  }
}
