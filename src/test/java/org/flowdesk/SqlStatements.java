package org.flowdesk;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements sent to the database while {@link #record} runs, for tests that pin
 * how much work a request does. Import it into a test's context: it wraps the {@code dataSource}
 * bean, which FlowDesk's repositories and the engine (through MyBatis) both use. A batch is one
 * statement (one round trip); FlowDesk's statements are told from the engine's by their tables.
 */
public class SqlStatements implements BeanPostProcessor {

  /**
   * The statements one piece of work sent, in order, with COMMIT and ROLLBACK where a transaction
   * ended, and the number of transactions it ran: those, and each statement sent outside a
   * transaction ("… [auto-commit]").
   */
  public record Recorded(List<String> all, int transactions) {

    /** Statements on FlowDesk's own tables and sequences ({@code fd_…}). */
    public List<String> flowDesk() {
      return all.stream().filter(sql -> sql.toLowerCase(Locale.ROOT).contains("fd_")).toList();
    }

    /** Statements on Camunda's tables ({@code ACT_…}), sent by the engine through MyBatis. */
    public List<String> engine() {
      return all.stream().filter(sql -> !sql.toLowerCase(Locale.ROOT).contains("fd_")
          && sql.toLowerCase(Locale.ROOT).contains("act_")).toList();
    }
  }

  private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate", "executeBatch", "executeLargeBatch");

  private final List<String> statements = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger transactions = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean recording;

  /** Runs the work and answers the statements it sent (any thread's, so run nothing else meanwhile). */
  public Recorded record(Runnable work) {
    synchronized (statements) {
      statements.clear();
    }
    transactions.set(0);
    recording = true;
    try {
      work.run();
    } finally {
      recording = false;
    }
    synchronized (statements) {
      return new Recorded(List.copyOf(statements), transactions.get());
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
      return proxy(DataSource.class, dataSource, (target, method, args) -> {
        Object result = invoke(target, method, args);
        return result instanceof Connection connection ? connection(connection) : result;
      });
    }
    return bean;
  }

  private Connection connection(Connection connection) {
    return proxy(Connection.class, connection, (target, method, args) -> {
      if (recording && (method.getName().equals("commit") || method.getName().equals("rollback"))
          && (args == null || args.length == 0) && !target.getAutoCommit()) {
        transactions.incrementAndGet();
        synchronized (statements) {
          statements.add(method.getName().toUpperCase(Locale.ROOT));
        }
      }
      Object result = invoke(target, method, args);
      String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
      if (result instanceof CallableStatement statement) {
        return statement(CallableStatement.class, statement, sql);
      }
      if (result instanceof PreparedStatement statement) {
        return statement(PreparedStatement.class, statement, sql);
      }
      if (result instanceof Statement statement) {
        return statement(Statement.class, statement, null);
      }
      return result;
    });
  }

  private <S extends Statement> S statement(Class<S> type, S statement, String prepared) {
    return proxy(type, statement, (target, method, args) -> {
      if (recording && EXECUTIONS.contains(method.getName())) {
        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : prepared;
        boolean alone = target.getConnection().getAutoCommit();
        // Marked at the end, so that filters on how a statement begins (a read) still find it.
        String recorded = (method.getName().contains("Batch") ? "[batch] " : "") + String.valueOf(sql).strip()
            .replaceAll("\\s+", " ") + (alone ? " [auto-commit]" : "");
        synchronized (statements) {
          statements.add(recorded);
        }
        if (alone) {
          transactions.incrementAndGet();
        }
      }
      return invoke(target, method, args);
    });
  }

  private interface Handler<T> {
    Object handle(T target, Method method, Object[] args) throws Throwable;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
    InvocationHandler invocation = (proxy, method, args) -> {
      if (method.getName().equals("unwrap") && args.length == 1 && ((Class<?>) args[0]).isInstance(target)) {
        return target;
      }
      return handler.handle(target, method, args);
    };
    return (T) Proxy.newProxyInstance(SqlStatements.class.getClassLoader(), new Class<?>[] {type}, invocation);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
