package org.flowdesk.cmdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import org.camunda.bpm.engine.authorization.Groups;
import org.flowdesk.UtcColumns;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's CMDB (demo/cmdb.yaml, a few hundred CIs behind the demo services), imported once by
 * sam, an administrator of the demo, when the application first starts with demo data.
 */
@Component
class DemoCmdb {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCmdb.class);
  static final String STEP = "demo-cmdb";
  static final String FILE = "demo/cmdb.yaml";

  private final CiTransfer transfer;
  private final CiClasses classes;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final boolean enabled;

  DemoCmdb(CiTransfer transfer, CiClasses classes, JdbcClient jdbc, Clock clock,
      @Value("${flowdesk.demo-data:false}") boolean demoData) {
    this.transfer = transfer;
    this.classes = classes;
    this.jdbc = jdbc;
    this.clock = clock;
    this.enabled = demoData;
  }

  static String read() {
    try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  public void seed() {
    if (!enabled || jdbc.sql("SELECT COUNT(*) FROM fd_setup_step WHERE step = ?").param(STEP).query(Long.class)
        .single() > 0) {
      return;
    }
    if (classes.current().classes().isEmpty()) {
      // Models of their own (a test's, a desk's that keeps no CMDB) declare no CI classes: the demo's
      // CIs would stand on classes and services they do not have.
      LOG.info("Demo CMDB not imported: the models in force declare no CI classes (catalog/ci-classes.yaml)");
      return;
    }
    CiTransfer.Report report;
    try {
      // Imported by FlowDesk, as its other automatic steps are recorded, not by a demo person.
      report = transfer.importRows(new CurrentUser(TicketService.SYSTEM, Set.of(Groups.CAMUNDA_ADMIN)),
          CiTransfer.yaml(() -> new java.io.StringReader(read())));
    } catch (CiTransfer.Refused e) {
      throw new IllegalStateException(FILE + " does not import: " + e.rows(), e);
    }
    jdbc.sql("INSERT INTO fd_setup_step (step, done_at) VALUES (?, ?)").params(STEP, UtcColumns.utc(clock.instant()))
        .update();
    LOG.info("Demo CMDB: {} configuration items imported", report.created());
  }
}
