package io.ovneip.model.input;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Northbound database says about things this system does not own but must respect (spec
 * sections 2.3 and 4.5): the pod's own Logical_Switch_Port, which proves its IP (annotations can be
 * written by anyone who can create pods), and NAT rows and reroute policies someone else wrote,
 * which are claimants that always win until they go. Read from the replica at the edge; the model
 * decides with it.
 */
public interface NorthboundFacts {

  /** The pod's port {@code <name>.<namespace>}, if NB holds it. */
  Optional<PodPort> podPort(PodRef pod);

  /** NAT rows not ours whose {@code external_ip} is {@code externalIp} (canonical text). */
  List<ForeignNat> foreignNats(IpAddress externalIp);

  /** Policies not ours whose {@code match} is exactly {@code match}. */
  List<ForeignPolicy> foreignPolicies(String match);

  /**
   * The same pod ports, without NAT rows and policies not ours: what a pod would get if those were
   * this system's (what {@code ovn-eip adopt} compares them with).
   */
  default NorthboundFacts withoutForeignClaims() {
    NorthboundFacts all = this;
    return new NorthboundFacts() {
      @Override
      public Optional<PodPort> podPort(PodRef pod) {
        return all.podPort(pod);
      }

      @Override
      public List<ForeignNat> foreignNats(IpAddress externalIp) {
        return List.of();
      }

      @Override
      public List<ForeignPolicy> foreignPolicies(String match) {
        return List.of();
      }
    };
  }

  /** Where a switch sits, as far as pods on it are concerned. */
  enum SwitchKind {
    /** Joined to the cluster router by a router port: a subnet of the default VPC. */
    CLUSTER,
    /** An underlay (VLAN) subnet: the switch has a localnet port. Ignored, as the reference. */
    UNDERLAY,
    /** Joined to another router (another VPC), or to none. Ignored, as the reference. */
    OTHER
  }

  /**
   * A pod's Logical_Switch_Port as the CNI wrote it.
   *
   * @param addresses the port's {@code addresses} entries, each {@code "MAC IP [IP]"} (or {@code
   *     dynamic}, {@code unknown}...)
   */
  record PodPort(String name, String switchName, SwitchKind kind, List<String> addresses) {
    public PodPort {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(switchName, "switchName");
      Objects.requireNonNull(kind, "kind");
      addresses = List.copyOf(addresses);
    }
  }

  /** A NAT row without our owner key; {@code uuid} names it in reports. */
  record ForeignNat(String uuid, String type, String externalIp, String logicalIp) {
    public ForeignNat {
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(externalIp, "externalIp");
      Objects.requireNonNull(logicalIp, "logicalIp");
    }

    /** How reports name the row: what {@code ovn-nbctl lr-nat-list} shows, and its UUID. */
    public String describe() {
      return "NAT " + uuid + " (" + type + " " + externalIp + " -> " + logicalIp + ", not ours)";
    }
  }

  /** A Logical_Router_Policy without our owner key. */
  record ForeignPolicy(String uuid, long priority, String match, String action) {
    public ForeignPolicy {
      Objects.requireNonNull(uuid, "uuid");
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(action, "action");
    }

    public String describe() {
      return "Logical_Router_Policy "
          + uuid
          + " ("
          + priority
          + " "
          + match
          + " "
          + action
          + ", not ours)";
    }
  }
}
