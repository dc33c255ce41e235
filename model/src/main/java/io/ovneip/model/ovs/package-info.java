/**
 * Layer: model/ovs (pure core). What the node agent wants in the local Open_vSwitch database and
 * how to get there: the parsed agent input, the typed desired rows ({@link
 * io.ovneip.model.ovs.OvsBridge}, {@link io.ovneip.model.ovs.OvsPort}, {@link
 * io.ovneip.model.ovs.OvsInterface}), the observed rows read from a replica ({@link
 * io.ovneip.model.ovs.ObservedOvs}) and the diff that turns both into one transaction ({@link
 * io.ovneip.model.ovs.OvsDiff}).
 *
 * <p>No I/O, no clock, no Kubernetes: the agent reads Kubernetes and the database at the edge,
 * builds an {@link io.ovneip.model.ovs.AgentInput} and an {@link io.ovneip.model.ovs.ObservedOvs},
 * and sends the {@link io.ovneip.model.ovs.OvsPlan}'s operations as they are.
 */
package io.ovneip.model.ovs;
