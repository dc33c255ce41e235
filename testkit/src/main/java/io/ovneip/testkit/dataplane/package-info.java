/**
 * Layer: testkit (dataplane). A real packet path on this machine for end-to-end tests and the
 * sandbox: an Open_vSwitch database, {@code ovs-vswitchd} with the userspace datapath and {@code
 * ovn-controller} for one chassis (the gateway node), "pods" that are network namespaces attached
 * to {@code br-int}, and an "outside host" namespace behind the gateway NIC.
 *
 * <p>Entry point: {@link io.ovneip.testkit.dataplane.Dataplane#start}. Traffic helpers: {@link
 * io.ovneip.testkit.dataplane.Netns} (run commands inside a namespace), {@link
 * io.ovneip.testkit.dataplane.Capture} (tcpdump: what really was on the wire) and {@link
 * io.ovneip.testkit.dataplane.Probes} (TCP, UDP and ICMP probes with short deadlines).
 *
 * <p>Pitfall numbers in comments refer to {@code ovn-lab-notes.md} ("Pitfalls, each seen here").
 * Network links and namespaces are machine-wide: one dataplane per machine at a time, guarded by
 * {@link io.ovneip.testkit.dataplane.HostLock}, which also reclaims what a crashed owner left.
 * Every command and every wait has a deadline.
 */
package io.ovneip.testkit.dataplane;
