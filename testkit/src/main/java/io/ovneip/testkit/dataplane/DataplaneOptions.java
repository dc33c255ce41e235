package io.ovneip.testkit.dataplane;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link Dataplane} is built from.
 *
 * @param sbRemote the OVN Southbound DB ovn-controller connects to, e.g. {@code tcp:127.0.0.1:N}
 * @param chassis the chassis name (OVS {@code system-id}) of the gateway node
 * @param hostname the node's name; ovn-controller writes it into {@code Chassis.hostname}
 * @param gatewayNic the NIC named in the ConfigMap ({@code external-gw-nic}): the host end of the
 *     veth whose peer is the outside host; it must not exist yet
 * @param outsideAddress {@code external-gw-addr}, {@code IP/prefix}: the outside host's address; on
 *     a dual-stack external network the pair {@code v4/prefix,v6/prefix}, as the ConfigMap takes it
 * @param bridges bridges the agent will create in this OVS (e.g. {@code br-external}); they must
 *     not exist yet, and their taps are removed on teardown and on reclaim after a crash
 * @param encapIp the chassis' Geneve encap address ({@code ovn-encap-ip}); the SB indexes Encap by
 *     (type, ip), so next to other (simulated) chassis in the same SB it must be unique
 */
public record DataplaneOptions(
    String sbRemote,
    String chassis,
    String hostname,
    String gatewayNic,
    String outsideAddress,
    List<String> bridges,
    String encapIp) {

  private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
  private static final Pattern CIDR4_6 =
      Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d{1,2}(,[0-9a-fA-F:]+/\\d{1,3})?");

  public DataplaneOptions {
    Objects.requireNonNull(sbRemote, "sbRemote");
    Objects.requireNonNull(chassis, "chassis");
    Objects.requireNonNull(hostname, "hostname");
    if (!IFNAME.matcher(gatewayNic).matches()) {
      throw new IllegalArgumentException("not a Linux interface name: " + gatewayNic);
    }
    if (!CIDR4_6.matcher(outsideAddress).matches()) {
      throw new IllegalArgumentException(
          "outside address must be IPv4 IP/prefix, or IPv4,IPv6 pair: " + outsideAddress);
    }
    bridges = List.copyOf(bridges);
    Objects.requireNonNull(encapIp, "encapIp");
  }

  /** The seed's values: NIC {@code eth1}, gateway {@code 172.56.0.1/16}, {@code br-external}. */
  public static DataplaneOptions seed(String sbRemote, String chassis, String hostname) {
    return new DataplaneOptions(
        sbRemote, chassis, hostname, "eth1", "172.56.0.1/16", List.of("br-external"), "127.0.0.1");
  }

  public DataplaneOptions withGatewayNic(String nic) {
    return new DataplaneOptions(sbRemote, chassis, hostname, nic, outsideAddress, bridges, encapIp);
  }

  public DataplaneOptions withOutsideAddress(String cidr) {
    return new DataplaneOptions(sbRemote, chassis, hostname, gatewayNic, cidr, bridges, encapIp);
  }

  public DataplaneOptions withBridges(List<String> names) {
    return new DataplaneOptions(
        sbRemote, chassis, hostname, gatewayNic, outsideAddress, names, encapIp);
  }

  public DataplaneOptions withEncapIp(String ip) {
    return new DataplaneOptions(
        sbRemote, chassis, hostname, gatewayNic, outsideAddress, bridges, ip);
  }
}
