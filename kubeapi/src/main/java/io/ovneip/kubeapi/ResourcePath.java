package io.ovneip.kubeapi;

import java.util.Arrays;
import java.util.Optional;

/**
 * A parsed resource URL path: {@code /api/v1/[namespaces/NS/]PLURAL[/NAME[/SUBRESOURCE]]} or the
 * same under {@code /apis/GROUP/VERSION}.
 *
 * @param resource the resource type
 * @param namespace the namespace, {@code null} for cluster-scoped requests and all-namespace lists
 * @param name the object name, {@code null} for collections
 * @param subresource e.g. {@code status}, {@code null} for the object itself
 */
record ResourcePath(KubeResource resource, String namespace, String name, String subresource) {

  /** Parses a path without query string; empty when it names no served resource. */
  static Optional<ResourcePath> parse(String path, KubeResources resources) {
    String[] all = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    String group;
    int next;
    if (all.length >= 3 && all[0].equals("api")) {
      group = "";
      next = 1;
    } else if (all.length >= 4 && all[0].equals("apis")) {
      group = all[1];
      next = 2;
    } else {
      return Optional.empty();
    }
    String version = all[next];
    String[] rest = Arrays.copyOfRange(all, next + 1, all.length);
    // "namespaces/NS/PLURAL..." is a namespaced request only when PLURAL is a namespaced resource;
    // otherwise it is the namespace object itself ("namespaces/NS/status").
    if (rest.length >= 3 && rest[0].equals("namespaces")) {
      Optional<KubeResource> namespaced =
          resources.find(group, version, rest[2]).filter(KubeResource::namespaced);
      if (namespaced.isPresent()) {
        return of(namespaced.get(), rest[1], Arrays.copyOfRange(rest, 3, rest.length));
      }
    }
    return resources
        .find(group, version, rest[0])
        .flatMap(r -> of(r, null, Arrays.copyOfRange(rest, 1, rest.length)));
  }

  private static Optional<ResourcePath> of(KubeResource resource, String namespace, String[] tail) {
    if (tail.length > 2 || (tail.length == 2 && !resource.subresources().contains(tail[1]))) {
      return Optional.empty();
    }
    String name = tail.length > 0 ? tail[0] : null;
    String subresource = tail.length > 1 ? tail[1] : null;
    return Optional.of(new ResourcePath(resource, namespace, name, subresource));
  }

  boolean isCollection() {
    return name == null;
  }

  /** The path of the object itself (without subresource). */
  String objectPath() {
    StringBuilder path = new StringBuilder(resource.groupVersionPath());
    if (namespace != null) {
      path.append("/namespaces/").append(namespace);
    }
    path.append('/').append(resource.plural());
    if (name != null) {
      path.append('/').append(name);
    }
    return path.toString();
  }
}
