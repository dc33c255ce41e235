package io.ovneip.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --key value} and {@code --flag} arguments. */
public record Args(Map<String, String> values) {
  public Args {
    values = Map.copyOf(values);
  }

  public static Args parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      String key = args[i].substring(2);
      int eq = key.indexOf('=');
      if (eq > 0) {
        m.put(key.substring(0, eq), key.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        m.put(key, args[++i]);
      } else {
        m.put(key, "true");
      }
    }
    return new Args(m);
  }

  /**
   * Fails on a key the program does not know (a typo, or {@code --help}): a benchmark that silently
   * ignores its arguments runs for an hour with the wrong ones.
   */
  public Args allow(String usage, String... keys) {
    java.util.Set<String> known = java.util.Set.of(keys);
    for (String k : values.keySet()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            (k.equals("help") ? "" : "unknown option --" + k + "\n") + "usage: " + usage);
      }
    }
    return this;
  }

  public String string(String key, String dflt) {
    return values.getOrDefault(key, dflt);
  }

  public int integer(String key, int dflt) {
    return values.containsKey(key) ? Integer.parseInt(values.get(key)) : dflt;
  }

  public boolean flag(String key) {
    return Boolean.parseBoolean(values.getOrDefault(key, "false"));
  }
}
