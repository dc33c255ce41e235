package io.ovneip.agent;

/** Placeholder until the OVSDB client lands on this branch. */
final class ReplicaOvsLink {
  private ReplicaOvsLink() {}

  static OvsLink connect(AgentOptions options) {
    throw new UnsupportedOperationException("OVSDB client not merged yet: " + options.ovsDb());
  }
}
