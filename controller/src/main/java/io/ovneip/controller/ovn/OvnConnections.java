package io.ovneip.controller.ovn;

import io.ovneip.controller.ControllerOptions;
import io.ovneip.ovsdb.client.OvsdbClientOptions;

/** Client options for an OVN database from the controller's flags (docs/behaviour.md §2.2). */
public final class OvnConnections {
  private OvnConnections() {}

  public static OvsdbClientOptions options(String remotes, ControllerOptions.Ovn ovn) {
    OvsdbClientOptions.Builder b =
        OvsdbClientOptions.builder(remotes).callTimeout(ovn.callTimeout());
    if (ovn.sslKey().isPresent() || ovn.sslCert().isPresent() || ovn.sslCa().isPresent()) {
      if (ovn.sslKey().isEmpty() || ovn.sslCert().isEmpty() || ovn.sslCa().isEmpty()) {
        throw new IllegalArgumentException(
            "--ovn-ssl-key, --ovn-ssl-cert and --ovn-ssl-ca go together");
      }
      b.tls(ovn.sslKey().get(), ovn.sslCert().get(), ovn.sslCa().get());
    }
    return b.build();
  }
}
