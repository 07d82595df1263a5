package org.flowdesk;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which of FlowDesk's two databases a data source is (H2 or PostgreSQL), for the few statements that differ. */
public final class Database {

  private Database() {
  }

  public static boolean isPostgres(DataSource dataSource) {
    try {
      String product = JdbcUtils.extractDatabaseMetaData(dataSource, m -> m.getDatabaseProductName());
      return product.toLowerCase().contains("postgres");
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("The database cannot be told: " + e.getMessage(), e);
    }
  }

  /** The statement that takes the next value of a sequence. */
  public static String nextValue(boolean postgres, String sequence) {
    return postgres ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence;
  }
}
