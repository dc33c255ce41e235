package io.ovneip.kubeapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAPI v3 document that says one thing: every served kind accepts PATCH with the {@code
 * fieldValidation} query parameter.
 *
 * <p>Why: kubectl 1.32's {@code apply} (default {@code --validate=strict}) looks in {@code
 * /openapi/v3} for a PATCH operation carrying {@code x-kubernetes-group-version-kind} and a {@code
 * fieldValidation} parameter; when it finds one it leaves validation to the server and needs no
 * schemas (notes, "What made real kubectl work"). No component schemas are published, so kubectl
 * computes strategic merge patches from its compiled-in types.
 */
final class OpenApiStub {

  private static final String ROOT = "/openapi/v3";

  private final KubeResources resources;
  private final Json json;

  OpenApiStub(KubeResources resources, Json json) {
    this.resources = resources;
    this.json = json;
  }

  /** The document at a path (query string already removed), empty when there is none. */
  Optional<ObjectNode> document(String path) {
    if (path.equals(ROOT)) {
      return Optional.of(root());
    }
    for (Map.Entry<String, List<KubeResource>> gv : resources.byGroupVersionPath().entrySet()) {
      if (path.equals(ROOT + gv.getKey())) {
        return Optional.of(groupVersion(gv.getValue()));
      }
    }
    return Optional.empty();
  }

  private ObjectNode root() {
    ObjectNode root = json.object();
    ObjectNode paths = root.putObject("paths");
    for (String gvPath : resources.byGroupVersionPath().keySet()) {
      // kubectl fetches serverRelativeURL verbatim; the hash only has to be stable.
      paths
          .putObject(gvPath.substring(1))
          .put(
              "serverRelativeURL",
              ROOT + gvPath + "?hash=" + Integer.toHexString(gvPath.hashCode()));
    }
    return root;
  }

  private ObjectNode groupVersion(List<KubeResource> kinds) {
    ObjectNode doc = json.object();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "unversioned");
    ObjectNode paths = doc.putObject("paths");
    for (KubeResource r : kinds) {
      String prefix =
          r.groupVersionPath() + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
      ObjectNode patch = paths.putObject(prefix + "/{name}").putObject("patch");
      patch.put("operationId", "patch" + r.kind());
      patch.put("x-kubernetes-action", "patch");
      patch
          .putObject("x-kubernetes-group-version-kind")
          .put("group", r.group())
          .put("version", r.version())
          .put("kind", r.kind());
      ObjectNode param = patch.putArray("parameters").addObject();
      param.put("name", "fieldValidation");
      param.put("in", "query");
      param.putObject("schema").put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    doc.putObject("components").putObject("schemas");
    return doc;
  }
}
