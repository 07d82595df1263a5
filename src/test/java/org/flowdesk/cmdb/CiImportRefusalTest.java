package org.flowdesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What a refused import says first: the rows refused, each counted once however many problems it has. */
class CiImportRefusalTest {

  static CiTransfer.RowError problem(int row, String field) {
    return new CiTransfer.RowError(row, "zz-" + row, field, "wrong");
  }

  @Test
  void rowsAreCountedOnceAndTheProblemsSaidWhenThereAreMore() {
    assertThat(new CiTransfer.Refused(List.of(problem(2, "class"))).getMessage())
        .isEqualTo("1 row refused, nothing imported");
    assertThat(new CiTransfer.Refused(List.of(problem(2, "class"), problem(3, "name"))).getMessage())
        .isEqualTo("2 rows refused, nothing imported");
    assertThat(new CiTransfer.Refused(List.of(problem(2, "class"), problem(3, "name"), problem(3, "ownerGroup"),
        problem(3, "relations"))).getMessage()).isEqualTo("2 rows refused (4 problems), nothing imported");
  }
}
