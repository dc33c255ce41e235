/**
 * The sandbox's optional dataplane ({@code sandbox up --dataplane}): the testkit's {@link
 * io.ovneip.testkit.dataplane.Dataplane} standing for the gateway node, and every pod the CNI
 * stand-in placed on that node attached to it as a network namespace. Sits beside the CNI stand-in:
 * it reads pods' CNI annotations, never the controller's state.
 */
package io.ovneip.sandbox.dataplane;
