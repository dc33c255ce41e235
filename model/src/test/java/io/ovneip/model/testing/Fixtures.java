package io.ovneip.model.testing;

import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.GatewayConfigParser;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.NodeInfo;
import io.ovneip.model.input.NodeInventory;
import io.ovneip.model.input.NorthboundFacts;
import io.ovneip.model.input.PodFacts;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodIntentParser;
import io.ovneip.model.input.PodRef;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seed's example and a Kube-OVN-like base topology, as test inputs. */
public final class Fixtures {
  private Fixtures() {}

  public static final GatewaySettings SETTINGS = GatewaySettings.defaults();

  /** The seed's ConfigMap data (docs/behaviour.md §2.1). */
  public static Map<String, String> seedConfigData() {
    Map<String, String> m = new HashMap<>();
    m.put("enable-external-gw", "true");
    m.put("external-gw-nodes", "kube-ovn-worker");
    m.put("external-gw-nic", "eth1");
    m.put("external-gw-addr", "172.56.0.1/16");
    m.put("nic-ip", "172.56.0.254/16");
    m.put("nic-mac", "16:52:f3:13:6a:25");
    return m;
  }

  public static Map<String, String> with(Map<String, String> data, String key, String value) {
    Map<String, String> m = new HashMap<>(data);
    if (value == null) {
      m.remove(key);
    } else {
      m.put(key, value);
    }
    return m;
  }

  public static GatewayConfig seedConfig() {
    return GatewayConfigParser.parse(seedConfigData()).orElseThrow();
  }

  public static GatewayConfig config(Map<String, String> data) {
    return GatewayConfigParser.parse(data).orElseThrow();
  }

  /** Dual stack: the seed plus an IPv6 gateway network. */
  public static GatewayConfig dualStackConfig() {
    Map<String, String> m = seedConfigData();
    m.put("external-gw-addr", "172.56.0.1/16,fd00:56::1/64");
    m.put("nic-ip", "172.56.0.254/16,fd00:56::fe/64");
    return config(m);
  }

  public static final List<String> NODE_NAMES =
      List.of("kube-ovn-control-plane", "kube-ovn-worker", "kube-ovn-worker2");

  /** The sandbox's three nodes, each annotated with a chassis {@code chassis-<node>}. */
  public static NodeInventory nodes() {
    return NodeInventory.of(
        NODE_NAMES.stream().map(n -> new NodeInfo(n, Optional.of("chassis-" + n))).toList());
  }

  public static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** A ready pod on a worker with IPv4 {@code 10.16.0.<n>}; extra annotations on top. */
  public static PodFacts pod(String name, int n, Map<String, String> extra) {
    return pod("default", name, T0.plusSeconds(n), "10.16.0." + n, extra);
  }

  public static PodFacts pod(
      String ns, String name, Instant created, String ips, Map<String, String> extra) {
    Map<String, String> a = new HashMap<>();
    a.put(Annotations.ALLOCATED, "true");
    a.put(Annotations.IP_ADDRESS, ips);
    a.put(
        Annotations.MAC_ADDRESS,
        "00:00:00:aa:bb:" + String.format("%02x", Math.abs(name.hashCode()) % 256));
    a.putAll(extra);
    return new PodFacts(
        new PodRef(ns, name), "uid-" + name, created, "kube-ovn-worker", false, a, false);
  }

  public static PodIntent intent(PodFacts facts) {
    return PodIntentParser.parse(facts);
  }

  public static Map<String, String> eip(String address) {
    return Map.of(Annotations.EIP, address);
  }

  public static Map<String, String> snat(String address) {
    return Map.of(Annotations.SNAT, address);
  }

  /**
   * A fake NB with what Kube-OVN creates: router {@code ovn-cluster} with a 31000 "inside the
   * cluster: allow" policy and its port to {@code ovn-default}, and that switch with its router
   * port. None of these rows is ours.
   */
  public static FakeNb baseTopology() {
    FakeNb nb = new FakeNb();
    FakeNb.Result r =
        nb.transact(
            List.of(
                new Operation.Insert(
                    "Logical_Router_Policy",
                    Row.of(
                        Map.of(
                            "priority",
                            31000L,
                            "match",
                            "ip4.dst == 10.16.0.0/16",
                            "action",
                            "allow",
                            "external_ids",
                            OvsdbMap.of(Map.of("vendor", "kube-ovn")))),
                    "pol"),
                new Operation.Insert(
                    "Logical_Router_Port",
                    Row.of(
                        Map.of(
                            "name",
                            "ovn-cluster-ovn-default",
                            "mac",
                            "00:00:00:01:02:03",
                            "networks",
                            OvsdbSet.of("10.16.0.1/16"))),
                    "lrp"),
                new Operation.Insert(
                    "Logical_Router",
                    Row.of(
                        Map.of(
                            "name", "ovn-cluster",
                            "policies", OvsdbSet.of(new NamedUuid("pol")),
                            "ports", OvsdbSet.of(new NamedUuid("lrp")))),
                    "lr"),
                new Operation.Insert(
                    "Logical_Switch_Port",
                    Row.of(
                        Map.of(
                            "name",
                            "ovn-default-ovn-cluster",
                            "type",
                            "router",
                            "addresses",
                            OvsdbSet.of("router"),
                            "options",
                            OvsdbMap.of(Map.of("router-port", "ovn-cluster-ovn-default")))),
                    "lsp"),
                new Operation.Insert(
                    "Logical_Switch",
                    Row.of(
                        Map.of("name", "ovn-default", "ports", OvsdbSet.of(new NamedUuid("lsp")))),
                    "ls")));
    if (!r.ok()) {
      throw new IllegalStateException(r.error());
    }
    return nb;
  }

  /**
   * NB facts in which every given pod has its port on a subnet of the cluster router with its
   * annotated IPs and MAC, as the CNI writes it, and no row not ours claims anything.
   */
  public static NorthboundFacts portsOf(java.util.Collection<PodIntent> pods) {
    Map<PodRef, PodIntent> byRef = new HashMap<>();
    pods.forEach(p -> byRef.put(p.pod(), p));
    return new NorthboundFacts() {
      @Override
      public Optional<PodPort> podPort(PodRef pod) {
        PodIntent p = byRef.get(pod);
        if (p == null) {
          return Optional.empty();
        }
        String mac = p.mac().map(m -> m.text()).orElse("00:00:00:00:00:01");
        String ips =
            String.join(" ", p.ips().stream().map(io.ovneip.model.input.IpAddress::text).toList());
        return Optional.of(
            new PodPort(
                pod.logicalPortName(),
                "ovn-default",
                SwitchKind.CLUSTER,
                List.of((mac + " " + ips).trim())));
      }

      @Override
      public List<ForeignNat> foreignNats(io.ovneip.model.input.IpAddress externalIp) {
        return List.of();
      }

      @Override
      public List<ForeignPolicy> foreignPolicies(String match) {
        return List.of();
      }
    };
  }

  /** The router's UUID in a fake NB. */
  public static Uuid router(FakeNb nb) {
    return nb.table("Logical_Router").entrySet().stream()
        .filter(e -> "ovn-cluster".equals(e.getValue().columns().get("name")))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }
}
