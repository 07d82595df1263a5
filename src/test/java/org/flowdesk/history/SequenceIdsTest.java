package org.flowdesk.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;

class SequenceIdsTest {

  private final JdbcDataSource database = new JdbcDataSource();

  SequenceIdsTest() {
    database.setURL("jdbc:h2:mem:sequence-ids-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    new JdbcTemplate(database).execute("CREATE SEQUENCE fd_engine_id START WITH 1 INCREMENT BY 1");
  }

  private SequenceIds node() {
    return new SequenceIds(new H2SequenceMaxValueIncrementer(database, "fd_engine_id"));
  }

  @Test
  void idsAreShortRisingNumbersInBlocks() {
    SequenceIds ids = node();
    List<Long> first = java.util.stream.Stream.generate(ids::getNextId).limit(2500).map(Long::valueOf).toList();
    assertThat(first).isSorted().doesNotHaveDuplicates();
    assertThat(first.get(0)).isEqualTo(SequenceIds.BLOCK);
    assertThat(first.get(2499)).isEqualTo(3 * SequenceIds.BLOCK + 499);
    assertThat(Long.toString(first.get(2499))).hasSizeLessThan(10);
  }

  @Test
  void twoNodesOnOneDatabaseNeverHandOutTheSameId() throws Exception {
    List<SequenceIds> nodes = List.of(node(), node());
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Set<String>>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        SequenceIds ids = nodes.get(t % 2);
        runs.add(threads.submit(() -> {
          Set<String> mine = new HashSet<>();
          for (int i = 0; i < 5000; i++) {
            mine.add(ids.getNextId());
          }
          return mine;
        }));
      }
      for (Future<Set<String>> run : runs) {
        for (String id : run.get()) {
          assertThat(seen.add(id)).as("id %s handed out twice", id).isTrue();
        }
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(seen).hasSize(40_000);
  }
}
