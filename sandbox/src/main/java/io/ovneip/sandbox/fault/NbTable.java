package io.ovneip.sandbox.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows of {@code ovn-nbctl --format=json list TABLE}, columns as text: {@code ["uuid", X]} becomes
 * X, sets become their members joined by a space, maps {@code k=v} joined by a space.
 */
final class NbTable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private NbTable() {}

  static List<Map<String, String>> list(FaultTarget target, String table, String... columns) {
    String out =
        target.nbctl("--format=json", "--columns=" + String.join(",", columns), "list", table);
    JsonNode doc = JSON.readTree(out.substring(out.indexOf('{')));
    List<String> headings = new ArrayList<>();
    doc.get("headings").forEach(h -> headings.add(h.asString()));
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode row : doc.get("data")) {
      Map<String, String> r = new LinkedHashMap<>();
      for (int i = 0; i < headings.size(); i++) {
        r.put(headings.get(i), text(row.get(i)));
      }
      rows.add(r);
    }
    return rows;
  }

  private static String text(JsonNode v) {
    if (!v.isArray()) {
      return v.asString();
    }
    String kind = v.get(0).asString();
    return switch (kind) {
      case "uuid", "named-uuid" -> v.get(1).asString();
      case "set" -> {
        List<String> members = new ArrayList<>();
        v.get(1).forEach(m -> members.add(text(m)));
        yield String.join(" ", members);
      }
      case "map" -> {
        List<String> pairs = new ArrayList<>();
        v.get(1).forEach(p -> pairs.add(text(p.get(0)) + "=" + text(p.get(1))));
        yield String.join(" ", pairs);
      }
      default -> v.toString();
    };
  }
}
