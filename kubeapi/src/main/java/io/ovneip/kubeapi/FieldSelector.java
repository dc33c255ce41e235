package io.ovneip.kubeapi;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A field selector ({@code spec.nodeName=n1,status.phase!=Failed}) evaluated on the stored JSON.
 *
 * <p>Why: the stock mock turns every requirement other than {@code metadata.name} and {@code
 * metadata.namespace} into an attribute no stored object has, so the list or watch silently matches
 * nothing (trap 3) — {@code kubectl describe} would never find a pod's events, nor a node's pods.
 * Any dotted path is accepted (a superset of what the real API allows per kind); a missing field
 * reads as {@code ""}, as in the real API.
 */
final class FieldSelector {

  private record Requirement(String field, String value, boolean equal) {}

  private final List<Requirement> requirements;

  private FieldSelector(List<Requirement> requirements) {
    this.requirements = List.copyOf(requirements);
  }

  static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  /** Parses a decoded field selector; an empty one selects everything. */
  static FieldSelector parse(String selector) {
    List<Requirement> requirements = new ArrayList<>();
    for (String term : selector.split(",")) {
      String t = term.trim();
      if (t.isEmpty()) {
        continue;
      }
      int ne = t.indexOf("!=");
      if (ne >= 0) {
        requirements.add(new Requirement(t.substring(0, ne), t.substring(ne + 2), false));
        continue;
      }
      int eq = t.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("invalid field selector term: " + t);
      }
      String value = t.substring(eq + 1);
      requirements.add(
          new Requirement(
              t.substring(0, eq), value.startsWith("=") ? value.substring(1) : value, true));
    }
    return new FieldSelector(requirements);
  }

  boolean matches(JsonNode object) {
    for (Requirement r : requirements) {
      if (Json.text(object, r.field()).equals(r.value()) != r.equal()) {
        return false;
      }
    }
    return true;
  }
}
