package io.ovneip.bench;

import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.OwnerKey;

/**
 * One benchmark pod and the rows it stands for: a NAT row ({@code dnat_and_snat} for an EIP, {@code
 * snat} for SNAT) and a reroute policy, as docs/behaviour.md §3 and the controller write them.
 *
 * @param index position in the benchmark's pod list
 * @param name pod name in namespace {@code default}
 * @param ip pod IP (10.16.x.y, inside Kube-OVN's default subnet)
 * @param mac pod MAC, as the CNI annotates it
 * @param eip true: an EIP pod; false: an SNAT pod
 * @param external the EIP or the shared SNAT address (inside nic-ip 172.56.0.0/16); null for a pod
 *     that asks for no NAT (it still has its port in NB and its object in the API)
 */
public record BenchPod(
    int index, String name, String ip, String mac, boolean eip, String external) {

  /** Whether the pod asks for an EIP or SNAT. */
  public boolean nat() {
    return external != null;
  }

  /** The NAT type column as OVN spells it. */
  public String natType() {
    return eip ? "dnat_and_snat" : "snat";
  }

  /** The annotation the pod carries: {@code ovn.kubernetes.io/eip} or {@code .../snat}. */
  public String annotation() {
    return eip ? "ovn.kubernetes.io/eip" : "ovn.kubernetes.io/snat";
  }

  /** The reroute policy's match (docs/behaviour.md §3). */
  public String policyMatch() {
    return "ip4.src == " + ip;
  }

  /** The owner key the controller writes in {@code external_ids:ovn-eip-owner}. */
  public String owner() {
    return OwnerKey.pod(new PodRef("default", name)).value();
  }

  public BenchPod withExternal(String address) {
    return new BenchPod(index, name, ip, mac, eip, address);
  }
}
