package org.flowdesk.history;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.flowdesk.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;

/**
 * Makes {@link FlowDeskHistoryLevel} known to the engine (chosen by
 * {@code camunda.bpm.history-level: flowdesk}), and moves a database that was set up with full
 * history to it: the engine refuses to start when the level it is configured with differs from
 * the one stored, and FlowDesk's level records a part of what full history did, so the history
 * already written stays as it is.
 */
@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HistoryConfiguration.class);

  @Bean
  AbstractProcessEnginePlugin flowDeskHistoryLevel(DataSource dataSource, CamundaBpmProperties camunda) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomHistoryLevels());
        custom.add(FlowDeskHistoryLevel.INSTANCE);
        configuration.setCustomHistoryLevels(custom);
        List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners =
            configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new PassingSteps());
        configuration.setCustomPostBPMNParseListeners(listeners);
        if (FlowDeskHistoryLevel.NAME.equalsIgnoreCase(camunda.getHistoryLevel())) {
          fromFullHistory(dataSource, configuration.getDatabaseTablePrefix());
        }
      }
    };
  }

  /**
   * The engine's ids come from {@link SequenceIds} (Camunda's Spring Boot starter takes an
   * {@link IdGenerator} bean instead of its random UUIDs). The sequence is one of FlowDesk's
   * migrations, so they run before the engine takes its first id.
   */
  @Bean
  IdGenerator engineIds(DataSource dataSource, ObjectProvider<FlywayMigrationInitializer> migrations) {
    migrations.getIfAvailable();
    DataFieldMaxValueIncrementer sequence = Database.isPostgres(dataSource)
        ? new PostgresSequenceMaxValueIncrementer(dataSource, "fd_engine_id")
        : new H2SequenceMaxValueIncrementer(dataSource, "fd_engine_id");
    return new SequenceIds(sequence);
  }

  private static void fromFullHistory(DataSource dataSource, String tablePrefix) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    String table = (tablePrefix == null ? "" : tablePrefix) + "ACT_GE_PROPERTY";
    try {
      int moved = jdbc.update("UPDATE " + table + " SET VALUE_ = ? WHERE NAME_ = 'historyLevel' AND VALUE_ = ?",
          String.valueOf(FlowDeskHistoryLevel.ID), String.valueOf(HistoryLevel.HISTORY_LEVEL_FULL.getId()));
      if (moved > 0) {
        log.info("The engine's history level moves from full to flowdesk: variables' history is no longer "
            + "written; the history already written is kept");
      }
    } catch (org.springframework.dao.DataAccessException e) {
      log.debug("No engine tables yet ({}): a new database starts with FlowDesk's history level", e.getMessage());
    }
  }
}
