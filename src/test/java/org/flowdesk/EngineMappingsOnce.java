package org.flowdesk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.TransactionIsolationLevel;
import org.apache.ibatis.session.defaults.DefaultSqlSession;
import org.apache.ibatis.transaction.Transaction;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.util.ReflectUtil;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The engine's MyBatis mappings read once per test JVM, not once per application context. The suite starts about twenty
 * contexts, each with an engine of its own, and each engine parsed Camunda's 60-odd mapping files anew: about 1.1 s of
 * a 2–3 s context start on the CI machine (docs/benchmarks.md, "Work the suite did for nothing"). In production a
 * JVM has one engine, which reads them once either way, so this lives in the tests only (an auto-configuration of the
 * test classpath, META-INF/spring/…AutoConfiguration.imports).
 *
 * <p>Camunda's own {@code useSharedSqlSessionFactory} would share the whole session factory, and with it the first
 * engine's data source. Here only the parsed {@link Configuration} (the mapped statements, result maps, type handlers)
 * is shared, by everything that shapes it: the database type, the table prefix, the statement timeout and the batch
 * mode. Each engine opens its sessions on its own data source and transaction factory, as
 * {@code DefaultSqlSessionFactory} would with an environment of its own; the environment is the only part of the
 * configuration a session factory reads for the connection.
 */
@AutoConfiguration
public class EngineMappingsOnce {

  private static final Map<List<Object>, Configuration> MAPPINGS = new ConcurrentHashMap<>();

  @Bean
  ProcessEnginePlugin engineMappingsOnce() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl engine) {
        if (engine.getSqlSessionFactory() == null && !engine.isUseSharedSqlSessionFactory()) {
          engine.setSqlSessionFactory(new Sessions(engine));
        }
      }
    };
  }

  /** The engine's session factory: the shared mappings, the engine's own connections. */
  static final class Sessions implements SqlSessionFactory {

    private final ProcessEngineConfigurationImpl engine;
    private volatile Configuration configuration;
    private volatile Environment environment;

    Sessions(ProcessEngineConfigurationImpl engine) {
      this.engine = engine;
    }

    /**
     * Asked for first once the engine knows its database (its data source, and the type read from it, come before
     * the schema is checked), so the key is complete.
     */
    @Override
    public Configuration getConfiguration() {
      Configuration read = configuration;
      if (read == null) {
        List<Object> key = List.of(String.valueOf(engine.getDatabaseType()), String.valueOf(engine.getDatabaseTablePrefix()),
            String.valueOf(engine.getJdbcStatementTimeout()), engine.isJdbcBatchProcessing());
        read = MAPPINGS.computeIfAbsent(key, k -> parse(engine));
        configuration = read;
      }
      return read;
    }

    private Environment environment() {
      Environment own = environment;
      if (own == null) {
        own = new Environment("default", engine.getTransactionFactory(), engine.getDataSource());
        environment = own;
      }
      return own;
    }

    /** What ProcessEngineConfigurationImpl.initSqlSessionFactory reads, the same way. */
    private static Configuration parse(ProcessEngineConfigurationImpl engine) {
      Properties properties = new Properties();
      properties.put("prefix", engine.getDatabaseTablePrefix());
      ProcessEngineConfigurationImpl.initSqlSessionFactoryProperties(properties, engine.getDatabaseTablePrefix(),
          engine.getDatabaseType());
      try (InputStream mappings = ReflectUtil.getResourceAsStream(ProcessEngineConfigurationImpl.DEFAULT_MYBATIS_MAPPING_FILE);
           Reader reader = new InputStreamReader(mappings, StandardCharsets.UTF_8)) {
        Configuration parsed = new XMLConfigBuilder(reader, "", properties).parse();
        parsed.setDefaultStatementTimeout(engine.getJdbcStatementTimeout());
        if (engine.isJdbcBatchProcessing()) {
          parsed.setDefaultExecutorType(ExecutorType.BATCH);
        }
        return parsed;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        throw new ProcessEngineException("Error while building ibatis SqlSessionFactory: " + e.getMessage(), e);
      }
    }

    private SqlSession open(ExecutorType type, TransactionIsolationLevel level, boolean autoCommit) {
      Environment own = environment();
      Transaction transaction = own.getTransactionFactory().newTransaction(own.getDataSource(), level, autoCommit);
      return session(transaction, type, autoCommit);
    }

    private SqlSession open(ExecutorType type, Connection connection) {
      boolean autoCommit;
      try {
        autoCommit = connection.getAutoCommit();
      } catch (SQLException e) {
        autoCommit = true; // as DefaultSqlSessionFactory assumes for drivers that cannot tell
      }
      return session(environment().getTransactionFactory().newTransaction(connection), type, autoCommit);
    }

    private SqlSession session(Transaction transaction, ExecutorType type, boolean autoCommit) {
      Configuration shared = getConfiguration();
      try {
        Executor executor = shared.newExecutor(transaction, type);
        return new DefaultSqlSession(shared, executor, autoCommit);
      } catch (RuntimeException e) {
        try {
          transaction.close();
        } catch (SQLException ignored) {
          // the first failure is the one to report
        }
        throw e;
      }
    }

    @Override
    public SqlSession openSession() {
      return open(getConfiguration().getDefaultExecutorType(), null, false);
    }

    @Override
    public SqlSession openSession(boolean autoCommit) {
      return open(getConfiguration().getDefaultExecutorType(), null, autoCommit);
    }

    @Override
    public SqlSession openSession(Connection connection) {
      return open(getConfiguration().getDefaultExecutorType(), connection);
    }

    @Override
    public SqlSession openSession(TransactionIsolationLevel level) {
      return open(getConfiguration().getDefaultExecutorType(), level, false);
    }

    @Override
    public SqlSession openSession(ExecutorType type) {
      return open(type, null, false);
    }

    @Override
    public SqlSession openSession(ExecutorType type, boolean autoCommit) {
      return open(type, null, autoCommit);
    }

    @Override
    public SqlSession openSession(ExecutorType type, TransactionIsolationLevel level) {
      return open(type, level, false);
    }

    @Override
    public SqlSession openSession(ExecutorType type, Connection connection) {
      return open(type, connection);
    }
  }
}
