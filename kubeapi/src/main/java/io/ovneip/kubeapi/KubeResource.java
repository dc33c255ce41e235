package io.ovneip.kubeapi;

import java.util.List;

/**
 * One resource type the embedded API serves: what discovery advertises, what the OpenAPI stub
 * describes and what typed lists are named after.
 *
 * @param group API group, {@code ""} for the core group
 * @param version API version, e.g. {@code v1}
 * @param plural URL segment, e.g. {@code pods}
 * @param singular singular name, e.g. {@code pod}
 * @param kind kind, e.g. {@code Pod}
 * @param namespaced whether objects live in a namespace
 * @param shortNames kubectl short names, e.g. {@code po}
 * @param subresources served subresources, e.g. {@code status}
 */
record KubeResource(
    String group,
    String version,
    String plural,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> subresources) {

  KubeResource {
    shortNames = List.copyOf(shortNames);
    subresources = List.copyOf(subresources);
  }

  /** {@code v1} for the core group, {@code group/version} otherwise. */
  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The URL prefix of the group version: {@code /api/v1} or {@code /apis/group/version}. */
  String groupVersionPath() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }
}
