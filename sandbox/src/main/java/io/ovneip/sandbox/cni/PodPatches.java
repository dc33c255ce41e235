package io.ovneip.sandbox.cni;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Patch (RFC 6902) that brings a pod's CNI annotations and node in line with its port.
 * JSON Patch rather than merge patch because the mock's merge patch is not RFC 7386 (trap 1 of
 * {@code sandbox-api-notes.md}); a leading {@code test} of the UID makes the patch fail rather than
 * annotate a pod that was deleted and re-created under the same name.
 */
final class PodPatches {
  static final String ALLOCATED = "ovn.kubernetes.io/allocated";
  static final String IP_ADDRESS = "ovn.kubernetes.io/ip_address";
  static final String MAC_ADDRESS = "ovn.kubernetes.io/mac_address";
  static final String LOGICAL_SWITCH = "ovn.kubernetes.io/logical_switch";
  static final String ROUTED = "ovn.kubernetes.io/routed";

  private PodPatches() {}

  /**
   * Operations that set the four CNI annotations to {@code port} and {@code spec.nodeName} to
   * {@code node} (null: leave it); empty when the pod already says all that.
   */
  static List<Map<String, Object>> allocation(
      Pod pod, PodPort port, String switchName, String node) {
    Map<String, String> want = new LinkedHashMap<>();
    want.put(ALLOCATED, "true");
    want.put(IP_ADDRESS, port.ipAnnotation());
    want.put(MAC_ADDRESS, port.mac());
    want.put(LOGICAL_SWITCH, switchName);
    Map<String, String> have = pod.getMetadata().getAnnotations();
    List<Map<String, Object>> ops = new ArrayList<>();
    if (have == null || have.isEmpty()) {
      // fabric8 reads a missing map as empty, and "add" below a missing parent fails: add it whole.
      ops.add(op("add", "/metadata/annotations", want));
    } else {
      want.forEach(
          (k, v) -> {
            if (!v.equals(have.get(k))) {
              ops.add(op("add", "/metadata/annotations/" + JsonPointer.escape(k), v));
            }
          });
    }
    if (node != null) {
      ops.add(op("add", "/spec/nodeName", node));
    }
    if (!ops.isEmpty()) {
      ops.add(0, op("test", "/metadata/uid", pod.getMetadata().getUid()));
    }
    return ops;
  }

  /**
   * Adds {@code routed=true} as kube-ovn-controller does after its route step; empty when the pod
   * already carries it (Kube-OVN then skips its step) or is not allocated yet.
   */
  static List<Map<String, Object>> routed(Pod pod) {
    Map<String, String> have = pod.getMetadata().getAnnotations();
    if (have == null || !"true".equals(have.get(ALLOCATED)) || have.containsKey(ROUTED)) {
      return List.of();
    }
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(op("test", "/metadata/uid", pod.getMetadata().getUid()));
    // From the version read: a stale copy (our own earlier write not seen yet) fails and is
    // retried on the fresh one, which carries routed and is skipped (no second write).
    ops.add(op("test", "/metadata/resourceVersion", pod.getMetadata().getResourceVersion()));
    ops.add(op("add", "/metadata/annotations/" + JsonPointer.escape(ROUTED), "true"));
    return ops;
  }

  private static Map<String, Object> op(String op, String path, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("path", path);
    m.put("value", value);
    return m;
  }
}
