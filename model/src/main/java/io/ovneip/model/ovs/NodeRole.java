package io.ovneip.model.ovs;

import io.ovneip.model.input.Annotations;
import java.util.Map;

/** What this node's label {@code ovn-eip.io/gateway} says (docs/behaviour.md §2.4). */
public enum NodeRole {
  /** Labelled {@code "true"} by the controller. */
  GATEWAY,
  /** Label absent or anything but {@code "true"}. */
  NOT_GATEWAY,
  /** The Node object is not (yet) known: the agent holds its state rather than guess. */
  UNKNOWN;

  public static final String LABEL = Annotations.GATEWAY_LABEL;

  /** {@code labels == null} means the Node does not exist. */
  public static NodeRole fromLabels(Map<String, String> labels) {
    if (labels == null) {
      return UNKNOWN;
    }
    return "true".equals(labels.get(LABEL)) ? GATEWAY : NOT_GATEWAY;
  }
}
