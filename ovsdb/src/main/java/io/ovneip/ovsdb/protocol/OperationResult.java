package io.ovneip.ovsdb.protocol;

import java.util.List;
import java.util.Optional;

/**
 * The result of one successful operation (RFC 7047 5.2): the new row's UUID for insert, the rows
 * for select, the count of rows touched for update, mutate and delete; nothing for the others.
 */
public record OperationResult(Uuid uuid, List<Row> rows, Long count) {
  public OperationResult {
    rows = rows == null ? null : List.copyOf(rows);
  }

  public static OperationResult empty() {
    return new OperationResult(null, null, null);
  }

  public Optional<Uuid> insertedUuid() {
    return Optional.ofNullable(uuid);
  }

  public List<Row> selectedRows() {
    return rows == null ? List.of() : rows;
  }

  public long countOrZero() {
    return count == null ? 0 : count;
  }
}
