package io.ovneip.ovsdb.protocol;

import java.util.Objects;

/** A {@code <mutation>} of RFC 7047 5.1: {@code [column, mutator, value]}. */
public record Mutation(String column, Mutator mutator, Object value) {
  public Mutation {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(mutator, "mutator");
    Objects.requireNonNull(value, "value");
  }

  public static Mutation insert(String column, Object value) {
    return new Mutation(column, Mutator.INSERT, value);
  }

  public static Mutation delete(String column, Object value) {
    return new Mutation(column, Mutator.DELETE, value);
  }

  /** The mutators of RFC 7047 5.1, with their wire spelling. */
  public enum Mutator {
    ADD("+="),
    SUBTRACT("-="),
    MULTIPLY("*="),
    DIVIDE("/="),
    MODULO("%="),
    INSERT("insert"),
    DELETE("delete");

    private final String wire;

    Mutator(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }
}
