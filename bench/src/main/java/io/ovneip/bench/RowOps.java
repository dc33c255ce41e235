package io.ovneip.bench;

import io.ovneip.model.nb.ExternalIds;
import io.ovneip.model.nb.NbRouterPolicy;
import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's rows as one transaction: per pod a NAT row (and optionally its reroute policy),
 * inserted with a uuid-name and referenced from {@code Logical_Router(ovn-cluster)} in the same
 * transaction (NAT and Logical_Router_Policy are non-root tables: an unreferenced row would be
 * garbage-collected). Two encodings of the same rows: our client's operations, and the pre-built
 * JSON text the raw client sends.
 */
public final class RowOps {
  public static final String DB = "OVN_Northbound";
  public static final String ROUTER = "ovn-cluster";
  public static final long REROUTE_PRIORITY = NbRouterPolicy.REROUTE_PRIORITY;

  private RowOps() {}

  /** Operations for our client: inserts, then one mutate per referencing column. */
  public static List<Operation> operations(List<BenchPod> pods, boolean policies) {
    List<Operation> ops = new ArrayList<>(pods.size() * 2 + 1);
    List<Object> nats = new ArrayList<>(pods.size());
    List<Object> pols = new ArrayList<>(pods.size());
    for (BenchPod p : pods) {
      NamedUuid nat = new NamedUuid("nat" + p.index());
      ops.add(new Operation.Insert("NAT", natRow(p), nat.name()));
      nats.add(nat);
      if (policies) {
        NamedUuid pol = new NamedUuid("pol" + p.index());
        ops.add(new Operation.Insert("Logical_Router_Policy", policyRow(p), pol.name()));
        pols.add(pol);
      }
    }
    List<Mutation> mutations = new ArrayList<>();
    mutations.add(Mutation.insert("nat", OvsdbSet.ofAll(nats)));
    if (policies) {
      mutations.add(Mutation.insert("policies", OvsdbSet.ofAll(pols)));
    }
    ops.add(
        new Operation.Mutate("Logical_Router", List.of(Condition.eq("name", ROUTER)), mutations));
    return ops;
  }

  public static Row natRow(BenchPod p) {
    return Row.of(
        Map.of(
            "type", p.natType(),
            "external_ip", p.external(),
            "logical_ip", p.ip(),
            "external_ids", externalIds(p)));
  }

  public static Row policyRow(BenchPod p) {
    return Row.of(
        Map.of(
            "priority", REROUTE_PRIORITY,
            "match", p.policyMatch(),
            "action", "reroute",
            "nexthops", OvsdbSet.of(Addresses.GATEWAY),
            "external_ids", externalIds(p)));
  }

  private static OvsdbMap externalIds(BenchPod p) {
    return OvsdbMap.of(
        Map.of(ExternalIds.VENDOR_KEY, ExternalIds.VENDOR, ExternalIds.OWNER_KEY, p.owner()));
  }

  /**
   * The complete JSON-RPC {@code transact} request for the same rows, built as text ahead of time
   * so the raw client's measurement holds nothing but the socket and the server.
   */
  public static String transactJson(int id, List<BenchPod> pods, boolean policies) {
    StringBuilder sb = new StringBuilder(pods.size() * (policies ? 420 : 220) + 256);
    sb.append("{\"id\":").append(id).append(",\"method\":\"transact\",\"params\":[\"");
    sb.append(DB).append('"');
    for (BenchPod p : pods) {
      sb.append(",{\"op\":\"insert\",\"table\":\"NAT\",\"uuid-name\":\"nat")
          .append(p.index())
          .append("\",\"row\":{\"type\":\"")
          .append(p.natType())
          .append("\",\"external_ip\":\"")
          .append(p.external())
          .append("\",\"logical_ip\":\"")
          .append(p.ip())
          .append("\",\"external_ids\":");
      externalIdsJson(sb, p).append("}}");
      if (policies) {
        sb.append(",{\"op\":\"insert\",\"table\":\"Logical_Router_Policy\",\"uuid-name\":\"pol")
            .append(p.index())
            .append("\",\"row\":{\"priority\":")
            .append(REROUTE_PRIORITY)
            .append(",\"match\":\"")
            .append(p.policyMatch())
            .append("\",\"action\":\"reroute\",\"nexthops\":\"")
            .append(Addresses.GATEWAY)
            .append("\",\"external_ids\":");
        externalIdsJson(sb, p).append("}}");
      }
    }
    sb.append(",{\"op\":\"mutate\",\"table\":\"Logical_Router\",\"where\":[[\"name\",\"==\",\"")
        .append(ROUTER)
        .append("\"]],\"mutations\":[");
    refs(sb, "nat", "nat", pods);
    if (policies) {
      sb.append(',');
      refs(sb, "policies", "pol", pods);
    }
    return sb.append("]}]}").toString();
  }

  private static StringBuilder externalIdsJson(StringBuilder sb, BenchPod p) {
    return sb.append("[\"map\",[[\"")
        .append(ExternalIds.OWNER_KEY)
        .append("\",\"")
        .append(p.owner())
        .append("\"],[\"")
        .append(ExternalIds.VENDOR_KEY)
        .append("\",\"")
        .append(ExternalIds.VENDOR)
        .append("\"]]]");
  }

  private static void refs(StringBuilder sb, String column, String prefix, List<BenchPod> pods) {
    sb.append("[\"").append(column).append("\",\"insert\",[\"set\",[");
    for (int i = 0; i < pods.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("[\"named-uuid\",\"").append(prefix).append(pods.get(i).index()).append("\"]");
    }
    sb.append("]]]");
  }
}
