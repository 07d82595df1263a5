package org.flowdesk.knowledge;

import java.time.Clock;

import org.flowdesk.UtcColumns;
import org.flowdesk.search.SearchEntries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Articles published before the search indexed their plain text were indexed with their Markdown, and their
 * excerpts showed its marks ("**TCP**"). Once, at the first start that has this, their entries are written again as
 * plain text; the step is remembered in fd_setup_step, as the demo's seeding is.
 */
@Component
class ArticleSearchText {

  private static final Logger LOG = LoggerFactory.getLogger(ArticleSearchText.class);
  static final String STEP = "article-search-plain-text";

  private final JdbcClient jdbc;
  private final SearchEntries entries;
  private final Clock clock;

  ArticleSearchText(JdbcClient jdbc, SearchEntries entries, Clock clock) {
    this.jdbc = jdbc;
    this.entries = entries;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  public void once() {
    if (jdbc.sql("SELECT COUNT(*) FROM fd_setup_step WHERE step = ?").param(STEP).query(Long.class).single() > 0) {
      return;
    }
    int written = entries.rewriteBodies(Articles.ARTICLE, ArticleMarkdown::toText, clock.instant());
    jdbc.sql("INSERT INTO fd_setup_step (step, done_at) VALUES (?, ?)").params(STEP, UtcColumns.utc(clock.instant()))
        .update();
    LOG.info("Search: {} articles indexed as plain text", written);
  }
}
