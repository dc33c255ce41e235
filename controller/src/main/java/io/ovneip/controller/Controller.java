package io.ovneip.controller;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A running controller: informers, leader election, the work queue and the Northbound writer.
 * {@link #start} returns at once; {@link #close} stops everything and releases the Lease.
 */
public final class Controller implements AutoCloseable {
  private Controller() {}

  /** Starts a controller against {@code client} (the caller keeps ownership of the client). */
  public static Controller start(ControllerOptions options, KubernetesClient client) {
    throw new UnsupportedOperationException("being written: see issue 3");
  }

  @Override
  public void close() {}
}
