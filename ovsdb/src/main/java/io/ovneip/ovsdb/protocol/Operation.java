package io.ovneip.ovsdb.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One operation of a {@code transact} request (RFC 7047 5.2). Every operation of the RFC is here;
 * the JSON codec in the client turns them into the wire form.
 */
public sealed interface Operation {

  /** The table an operation acts on; empty for commit, abort, comment and assert. */
  default Optional<String> table() {
    return Optional.empty();
  }

  /**
   * RFC 7047 5.2.1. {@code uuidName} (nullable) lets later operations of the same transaction refer
   * to the new row as a {@link NamedUuid}. A row of a non-root table (OVN NB {@code NAT}, {@code
   * Logical_Router_Policy}, {@code Gateway_Chassis}...) must be referenced from a root row in the
   * same transaction, or the server garbage-collects it silently at commit.
   */
  record Insert(String tableName, Row row, String uuidName) implements Operation {
    public Insert {
      Objects.requireNonNull(tableName, "tableName");
      Objects.requireNonNull(row, "row");
      if (uuidName != null) {
        new NamedUuid(uuidName); // validates the <id>
      }
    }

    @Override
    public Optional<String> table() {
      return Optional.of(tableName);
    }
  }

  /** RFC 7047 5.2.2. {@code columns} null means every column. */
  record Select(String tableName, List<Condition> where, List<String> columns)
      implements Operation {
    public Select {
      Objects.requireNonNull(tableName, "tableName");
      where = List.copyOf(where);
      columns = columns == null ? null : List.copyOf(columns);
    }

    @Override
    public Optional<String> table() {
      return Optional.of(tableName);
    }
  }

  /** RFC 7047 5.2.3. */
  record Update(String tableName, List<Condition> where, Row row) implements Operation {
    public Update {
      Objects.requireNonNull(tableName, "tableName");
      where = List.copyOf(where);
      Objects.requireNonNull(row, "row");
    }

    @Override
    public Optional<String> table() {
      return Optional.of(tableName);
    }
  }

  /** RFC 7047 5.2.4. */
  record Mutate(String tableName, List<Condition> where, List<Mutation> mutations)
      implements Operation {
    public Mutate {
      Objects.requireNonNull(tableName, "tableName");
      where = List.copyOf(where);
      mutations = List.copyOf(mutations);
    }

    @Override
    public Optional<String> table() {
      return Optional.of(tableName);
    }
  }

  /** RFC 7047 5.2.5. */
  record Delete(String tableName, List<Condition> where) implements Operation {
    public Delete {
      Objects.requireNonNull(tableName, "tableName");
      where = List.copyOf(where);
    }

    @Override
    public Optional<String> table() {
      return Optional.of(tableName);
    }
  }

  /**
   * RFC 7047 5.2.6. {@code until} is {@code "=="} or {@code "!="}; {@code timeoutMillis} null means
   * wait forever (the server's side; the client's call timeout still applies).
   */
  record Wait(
      String tableName,
      List<Condition> where,
      List<String> columns,
      String until,
      List<Row> rows,
      Long timeoutMillis)
      implements Operation {
    public Wait {
      Objects.requireNonNull(tableName, "tableName");
      where = List.copyOf(where);
      columns = List.copyOf(columns);
      if (!"==".equals(until) && !"!=".equals(until)) {
        throw new IllegalArgumentException("until must be == or !=, got " + until);
      }
      rows = List.copyOf(rows);
    }

    @Override
    public Optional<String> table() {
      return Optional.of(tableName);
    }
  }

  /** RFC 7047 5.2.7. */
  record Commit(boolean durable) implements Operation {}

  /** RFC 7047 5.2.8: makes the whole transaction fail with error "aborted". */
  record Abort() implements Operation {}

  /** RFC 7047 5.2.9: text recorded in the database log. */
  record Comment(String comment) implements Operation {
    public Comment {
      Objects.requireNonNull(comment, "comment");
    }
  }

  /** RFC 7047 5.2.10: fails unless this client holds {@code lock}. */
  record Assert(String lock) implements Operation {
    public Assert {
      Objects.requireNonNull(lock, "lock");
    }
  }
}
