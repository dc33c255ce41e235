package io.ovneip.controller.kube;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** The patch context every write of ours uses: RFC 6902 JSON Patch (see {@link JsonPatches}). */
final class Patching {
  private Patching() {}

  static PatchContext json() {
    return PatchContext.of(PatchType.JSON);
  }
}
