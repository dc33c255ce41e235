/**
 * Layer: agent (edge and runtime). One per node: Kubernetes (its own Node's gateway label, the
 * ConfigMap {@code ovn-external-gw-config}) and the local Open_vSwitch DB replica in, one OVSDB
 * transaction out, Events on the Node back. Decisions are the pure {@code io.ovneip.model.ovs}
 * package's; this package only reads, triggers, sends and reports.
 *
 * <p>Entry point: {@link io.ovneip.agent.Agent#run(AgentOptions)} (blocks until the JVM stops);
 * {@link io.ovneip.agent.Agent#start} for embedding and tests.
 */
package io.ovneip.agent;
