package io.ovneip.kubeapi;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The non-resource endpoints kubectl and fabric8 read: {@code /version}, legacy discovery ({@code
 * /api}, {@code /apis}, {@code /api/v1}, {@code /apis/GROUP[/VERSION]}), the OpenAPI v3 stub and
 * the health checks.
 *
 * <p>Why: the stock mock answers every one of these with a List of every stored object (trap 4).
 * Paths are matched without their query string: kubectl adds {@code ?timeout=32s} and the OpenAPI
 * root hands out URLs with {@code ?hash=}.
 */
final class Discovery {

  private static final List<String> OBJECT_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

  private final KubeResources resources;
  private final Json json;
  private final OpenApiStub openApi;
  private final String gitVersion;

  Discovery(KubeResources resources, Json json, String gitVersion) {
    this.resources = resources;
    this.json = json;
    this.openApi = new OpenApiStub(resources, json);
    this.gitVersion = gitVersion;
  }

  /** The answer for a non-resource path, empty when the path is a resource path. */
  Optional<MockResponse> answer(String path) {
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    switch (p) {
      case "/version":
        return ok(version());
      case "/api":
        return ok(apiVersions());
      case "/apis":
        return ok(groupList());
      case "/healthz":
      case "/livez":
      case "/readyz":
        return Optional.of(new MockResponse().setResponseCode(200).setBody("ok"));
      default:
        break;
    }
    if (p.startsWith("/openapi/")) {
      return Optional.of(
          openApi
              .document(p)
              .map(doc -> ok(doc).orElseThrow())
              .orElseGet(() -> new MockResponse().setResponseCode(404)));
    }
    for (Map.Entry<String, List<KubeResource>> gv : resources.byGroupVersionPath().entrySet()) {
      if (gv.getKey().equals(p)) {
        return ok(resourceList(gv.getValue()));
      }
    }
    String[] segments = p.split("/");
    if (segments.length == 3 && segments[1].equals("apis")) {
      return group(segments[2]).flatMap(this::ok);
    }
    return Optional.empty();
  }

  private Optional<MockResponse> ok(ObjectNode body) {
    return Optional.of(
        new MockResponse()
            .setResponseCode(200)
            .setHeader(Statuses.CONTENT_TYPE, Statuses.APPLICATION_JSON)
            .setBody(json.write(body)));
  }

  private ObjectNode version() {
    ObjectNode v = json.object();
    String[] parts = gitVersion.replaceFirst("^v", "").split("\\.");
    v.put("major", parts[0]);
    v.put("minor", parts.length > 1 ? parts[1] : "0");
    v.put("gitVersion", gitVersion);
    v.put("gitCommit", "0000000000000000000000000000000000000000");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2025-01-01T00:00:00Z");
    v.put("goVersion", "go1.23");
    v.put("compiler", "gc");
    v.put("platform", "linux/amd64");
    return v;
  }

  private ObjectNode apiVersions() {
    ObjectNode versions = json.object();
    versions.put("kind", "APIVersions");
    ArrayNode list = versions.putArray("versions");
    resources.all().stream()
        .filter(r -> r.group().isEmpty())
        .map(KubeResource::version)
        .distinct()
        .forEach(list::add);
    versions.putArray("serverAddressByClientCIDRs");
    return versions;
  }

  private ObjectNode groupList() {
    ObjectNode list = json.object();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    resources.all().stream()
        .map(KubeResource::group)
        .filter(g -> !g.isEmpty())
        .distinct()
        .forEach(g -> groups.add(group(g).orElseThrow()));
    return list;
  }

  private Optional<ObjectNode> group(String name) {
    List<String> versions =
        resources.all().stream()
            .filter(r -> r.group().equals(name))
            .map(KubeResource::version)
            .distinct()
            .toList();
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode group = json.object();
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    group.put("name", name);
    ArrayNode list = group.putArray("versions");
    versions.forEach(v -> list.addObject().put("groupVersion", name + "/" + v).put("version", v));
    group.set("preferredVersion", list.get(0).deepCopy());
    return Optional.of(group);
  }

  private ObjectNode resourceList(List<KubeResource> groupVersion) {
    ObjectNode list = json.object();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", groupVersion.get(0).apiVersion());
    ArrayNode items = list.putArray("resources");
    for (KubeResource r : groupVersion) {
      ObjectNode item = items.addObject();
      item.put("name", r.plural());
      item.put("singularName", r.singular());
      item.put("namespaced", r.namespaced());
      item.put("kind", r.kind());
      OBJECT_VERBS.forEach(item.putArray("verbs")::add);
      if (!r.shortNames().isEmpty()) {
        r.shortNames().forEach(item.putArray("shortNames")::add);
      }
      for (String sub : r.subresources()) {
        ObjectNode subItem = items.addObject();
        subItem.put("name", r.plural() + "/" + sub);
        subItem.put("singularName", "");
        subItem.put("namespaced", r.namespaced());
        subItem.put("kind", r.kind());
        SUBRESOURCE_VERBS.forEach(subItem.putArray("verbs")::add);
      }
    }
    return list;
  }
}
