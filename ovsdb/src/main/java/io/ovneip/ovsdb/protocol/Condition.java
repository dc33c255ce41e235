package io.ovneip.ovsdb.protocol;

import java.util.Objects;

/** A {@code <condition>} of RFC 7047 5.1: {@code [column, function, value]}. */
public record Condition(String column, Function function, Object value) {
  public Condition {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(value, "value");
  }

  public static Condition eq(String column, Object value) {
    return new Condition(column, Function.EQ, value);
  }

  public static Condition includes(String column, Object value) {
    return new Condition(column, Function.INCLUDES, value);
  }

  /** The condition functions of RFC 7047 5.1, with their wire spelling. */
  public enum Function {
    LT("<"),
    LE("<="),
    EQ("=="),
    NE("!="),
    GE(">="),
    GT(">"),
    INCLUDES("includes"),
    EXCLUDES("excludes");

    private final String wire;

    Function(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Function fromWire(String wire) {
      for (Function f : values()) {
        if (f.wire.equals(wire)) {
          return f;
        }
      }
      throw new IllegalArgumentException("unknown condition function: " + wire);
    }
  }
}
