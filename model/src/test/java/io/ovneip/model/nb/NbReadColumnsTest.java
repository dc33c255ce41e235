package io.ovneip.model.nb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The replica must hold every column the model reads: a missing one would look empty. */
class NbReadColumnsTest {
  static java.util.stream.Stream<NbRow> rows() {
    return NbRowsTest.rows();
  }

  @ParameterizedTest
  @MethodSource("rows")
  void everyColumnOurRowsSetIsRead(NbRow row) {
    assertThat(NbReadColumns.of(row.table().tableName())).containsAll(row.columns().keySet());
  }

  @Test
  void everyReferenceColumnIsRead() {
    NbTopology.REFERENCE_COLUMNS.forEach(
        (table, columns) -> assertThat(NbReadColumns.of(table)).containsAll(columns));
    for (NbTable t : NbTable.values()) {
      NbTopology.childColumn(t)
          .ifPresent(c -> assertThat(NbReadColumns.of(t.tableName())).contains(c));
    }
  }

  @Test
  void everyTableIsReadWithItsOwnershipAndKey() {
    for (NbTable t : NbTable.values()) {
      assertThat(NbReadColumns.of(t.tableName())).contains("external_ids");
    }
    assertThat(NbReadColumns.BY_TABLE.keySet()).contains(NbTable.LOGICAL_ROUTER);
    // Pods' ports: what PodTrust and the subnet facts read (ForeignIndex.Lsp).
    assertThat(NbReadColumns.of("Logical_Switch_Port"))
        .containsAll(List.of("name", "type", "addresses", "options"));
    assertThat(NbReadColumns.of("NAT")).containsAll(List.of("type", "external_ip", "logical_ip"));
    assertThat(NbReadColumns.of("Logical_Router_Policy"))
        .containsAll(List.of("priority", "match", "action"));
  }
}
