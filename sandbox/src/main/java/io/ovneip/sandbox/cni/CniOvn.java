package io.ovneip.sandbox.cni;

import java.util.List;

/**
 * What the CNI stand-in writes to and reads from OVN's Northbound and Southbound databases. Every
 * method is idempotent: the stand-in calls them again after a restart or a failed attempt.
 */
public interface CniOvn {

  /** Router, default switch, router port and its switch peer, the 31000 in-cluster policy. */
  void ensureBaseTopology(ClusterNetwork network);

  /**
   * A Southbound {@code Chassis} named {@code systemId} with {@code hostname} and one Geneve {@code
   * Encap} on {@code encapIp} (the schema indexes Encap by type and IP, so each chassis needs its
   * own address).
   */
  void ensureChassis(String systemId, String hostname, String encapIp);

  /** The pod ports on the switch that carry {@code external_ids:pod} (ours or Kube-OVN's). */
  List<PodPort> podPorts(ClusterNetwork network);

  /** Creates the port, or corrects its addresses. */
  void ensurePodPort(ClusterNetwork network, PodPort port);

  /** Removes the port if it exists. */
  void deletePodPort(ClusterNetwork network, String portName);
}
