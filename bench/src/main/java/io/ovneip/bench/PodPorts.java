package io.ovneip.bench;

import io.ovneip.testkit.KubeOvnBaseTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Every pod's Logical_Switch_Port, as Kube-OVN's controller writes it when the pod is created: name
 * {@code <pod>.<namespace>} on switch {@code ovn-default}, {@code addresses} "MAC IP", Kube-OVN's
 * {@code external_ids} ({@code vendor}, {@code ls}, {@code pod}); the shape of {@link
 * KubeOvnBaseTopology#podPortArgs}. The controller trusts a pod's IP only through this port
 * (docs/behaviour.md §2.3), so a pod without one gets no rows.
 *
 * <p>They are the cluster the work happens in, not the work: written before anything is timed, in a
 * few big pre-built JSON transactions (ovn-nbctl takes minutes for 100,000 ports).
 */
public final class PodPorts {
  /** Ports per transaction: 10,000 ports are about 3 MB of JSON. */
  private static final int CHUNK = 10_000;

  private static final Duration CALL = Duration.ofMinutes(10);

  private PodPorts() {}

  /** Writes the ports of {@code pods} (namespace {@code default}) to {@code remote}. */
  public static void write(String remote, List<BenchPod> pods) {
    try (RawOvsdb raw = RawOvsdb.connect(remote)) {
      for (int i = 0, id = 1; i < pods.size(); i += CHUNK, id++) {
        List<BenchPod> chunk = pods.subList(i, Math.min(pods.size(), i + CHUNK));
        raw.call(transactJson(id, chunk).getBytes(StandardCharsets.UTF_8), id, CALL).checked();
      }
    }
  }

  /** One {@code transact}: the ports inserted with uuid-names, then added to the switch. */
  static String transactJson(int id, List<BenchPod> pods) {
    StringBuilder sb = new StringBuilder(pods.size() * 300 + 256);
    sb.append("{\"id\":").append(id).append(",\"method\":\"transact\",\"params\":[\"");
    sb.append(RowOps.DB).append('"');
    for (BenchPod p : pods) {
      String port = p.name() + ".default";
      sb.append(",{\"op\":\"insert\",\"table\":\"Logical_Switch_Port\",\"uuid-name\":\"lsp")
          .append(p.index())
          .append("\",\"row\":{\"name\":\"")
          .append(port)
          .append("\",\"addresses\":\"")
          .append(p.mac())
          .append(' ')
          .append(p.ip())
          .append("\",\"external_ids\":[\"map\",[[\"ls\",\"")
          .append(KubeOvnBaseTopology.SWITCH)
          .append("\"],[\"pod\",\"default/")
          .append(p.name())
          .append("\"],[\"vendor\",\"kube-ovn\"]]]}}");
    }
    sb.append(",{\"op\":\"mutate\",\"table\":\"Logical_Switch\",\"where\":[[\"name\",\"==\",\"")
        .append(KubeOvnBaseTopology.SWITCH)
        .append("\"]],\"mutations\":[[\"ports\",\"insert\",[\"set\",[");
    for (int i = 0; i < pods.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("[\"named-uuid\",\"lsp").append(pods.get(i).index()).append("\"]");
    }
    return sb.append("]]]]}]}").toString();
  }
}
