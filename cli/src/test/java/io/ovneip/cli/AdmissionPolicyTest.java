package io.ovneip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CEL of deploy's ValidatingAdmissionPolicy, evaluated with the CEL library (cel-java, with the
 * optional-types library Kubernetes enables) against requests the controller makes and requests a
 * stolen controller token could make. The embedded API server does not run admission, so this is
 * where the expressions are proven.
 */
class AdmissionPolicyTest {
  static final String CONTROLLER = "system:serviceaccount:kube-system:ovn-eip-controller";
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  static ValidatingAdmissionPolicy policy;
  static ValidatingAdmissionPolicyBinding binding;
  static Cel cel;

  @BeforeAll
  static void load() throws IOException {
    Path file;
    try (Stream<Path> all = Files.walk(Path.of("..", "deploy"))) {
      file =
          all.filter(p -> p.getFileName().toString().endsWith("admission-policy.yaml"))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no *admission-policy.yaml in deploy"));
    }
    Object parsed = JSON.unmarshal(Files.readString(file));
    List<?> docs =
        parsed instanceof KubernetesList l
            ? l.getItems()
            : parsed instanceof List<?> list ? list : List.of(parsed);
    for (Object d : docs) {
      if (d instanceof ValidatingAdmissionPolicy p) {
        policy = p;
      } else if (d instanceof ValidatingAdmissionPolicyBinding b) {
        binding = b;
      }
    }
    cel =
        CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.optional())
            .addRuntimeLibraries(CelExtensions.optional())
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
  }

  /** A request, a name for the report, and the message of the rule that must deny it (or none). */
  record Case(String name, String resource, String user, Object old, Object now, String denial) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    Pod pod = pod();
    Node node = node();
    return Stream.of(
        allowed(
            "pod: routed set",
            pod,
            edit(pod, p -> annotate(p, "ovn.kubernetes.io/routed", "true"))),
        allowed("pod: routed removed", annotate(pod(), "ovn.kubernetes.io/routed", "true"), pod),
        allowed(
            "pod: ovn-eip.io/applied set",
            pod,
            edit(pod, p -> annotate(p, "ovn-eip.io/applied", "eip=172.56.0.221"))),
        allowed(
            "pod: own condition added",
            pod,
            edit(pod, p -> condition(p, "ovn-eip.io/ready", "True"))),
        allowed(
            "pod: condition of earlier releases changed",
            condition(pod(), "ovn.kubernetes.io/eip-snat-ready", "False"),
            condition(pod(), "ovn.kubernetes.io/eip-snat-ready", "True")),
        allowed(
            "node: gateway label set, legacy label removed",
            label(node(), "ovn.kubernetes.io/external-gw", "true"),
            label(node(), "ovn-eip.io/gateway", "true")),
        allowed(
            "node without labels: gateway label added",
            new NodeBuilder().withNewMetadata().withName("bare").endMetadata().build(),
            new NodeBuilder()
                .withNewMetadata()
                .withName("bare")
                .addToLabels("ovn-eip.io/gateway", "true")
                .endMetadata()
                .build()),
        denied(
            "pod: spec changed", pod, edit(pod, p -> p.getSpec().setNodeName("elsewhere")), "spec"),
        denied(
            "pod: the user's eip annotation changed",
            pod,
            edit(pod, p -> annotate(p, "ovn.kubernetes.io/eip", "172.56.0.99")),
            "annotations"),
        denied(
            "pod: an annotation of another domain added",
            pod,
            edit(pod, p -> annotate(p, "example.com/owned", "yes")),
            "annotations"),
        denied(
            "pod: another annotation removed",
            pod,
            edit(pod, p -> p.getMetadata().getAnnotations().remove("ovn.kubernetes.io/ip_address")),
            "annotations"),
        denied(
            "pod: label changed",
            pod,
            edit(pod, p -> p.getMetadata().getLabels().put("app", "other")),
            "labels"),
        denied(
            "pod: finalizer added",
            pod,
            edit(pod, p -> p.getMetadata().setFinalizers(List.of("example.com/hold"))),
            "finalizers"),
        denied(
            "pod: kubelet's Ready condition changed",
            pod,
            edit(pod, p -> p.getStatus().getConditions().get(0).setStatus("False")),
            "conditions"),
        denied(
            "pod: another condition removed",
            pod,
            edit(pod, p -> p.getStatus().getConditions().clear()),
            "conditions"),
        denied(
            "pod: podIP rewritten",
            pod,
            edit(pod, p -> p.getStatus().setPodIP("10.16.0.99")),
            "status"),
        denied(
            "node: another label changed",
            node,
            edit(node, n -> n.getMetadata().getLabels().put("kubernetes.io/hostname", "x")),
            "gateway label"),
        denied(
            "node: a label removed",
            node,
            edit(node, n -> n.getMetadata().getLabels().remove("kubernetes.io/hostname")),
            "gateway label"),
        denied(
            "node: taint added",
            node,
            edit(
                node,
                n ->
                    n.getSpec()
                        .setTaints(List.of(new Taint("NoSchedule", "example.com/t", null, null)))),
            "spec"),
        denied(
            "node: annotation changed",
            node,
            edit(node, n -> n.getMetadata().getAnnotations().put("ovn.kubernetes.io/chassis", "x")),
            "annotations"),
        new Case(
            "another user: not this policy's business",
            "pods",
            "system:serviceaccount:kube-system:kube-ovn-controller",
            pod,
            edit(pod, p -> p.getSpec().setNodeName("elsewhere")),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) throws Exception {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("object", plain(c.now()));
    vars.put("oldObject", plain(c.old()));
    vars.put(
        "request",
        Map.of(
            "operation",
            "UPDATE",
            "userInfo",
            Map.of("username", c.user()),
            "resource",
            Map.of("group", "", "version", "v1", "resource", c.resource())));

    boolean matches = true;
    for (var m : policy.getSpec().getMatchConditions()) {
      matches &= (Boolean) eval(m.getExpression(), vars);
    }
    List<String> denials = new ArrayList<>();
    if (matches) {
      Map<String, Object> variables = new LinkedHashMap<>();
      vars.put("variables", variables);
      for (Variable v : policy.getSpec().getVariables()) {
        variables.put(v.getName(), eval(v.getExpression(), vars));
      }
      for (Validation v : policy.getSpec().getValidations()) {
        if (!(Boolean) eval(v.getExpression(), vars)) {
          denials.add(v.getMessage());
        }
      }
    }
    if (c.denial() == null) {
      assertThat(denials).as("allowed").isEmpty();
    } else {
      assertThat(matches).as("the policy applies to the controller").isTrue();
      assertThat(denials).as("denied").isNotEmpty();
      assertThat(denials).anySatisfy(m -> assertThat(m).contains(c.denial()));
    }
  }

  @Test
  void bindingDeniesWithThePolicy() {
    assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
    assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
    assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
  }

  // --- fixtures --------------------------------------------------------------------------------

  private static Object eval(String expression, Map<String, Object> vars) throws Exception {
    var ast = cel.compile(expression).getAst();
    Object out = cel.createProgram(ast).eval(vars);
    return out instanceof Optional<?> o ? o.orElse(null) : out;
  }

  private static Case allowed(String name, HasMetadata old, HasMetadata now) {
    return new Case(name, resource(now), CONTROLLER, old, now, null);
  }

  private static Case denied(String name, HasMetadata old, HasMetadata now, String message) {
    return new Case(name, resource(now), CONTROLLER, old, now, message);
  }

  private static String resource(HasMetadata o) {
    return o instanceof Pod ? "pods" : "nodes";
  }

  /** The object as the API server hands it to CEL: JSON maps and lists, integers as int64. */
  @SuppressWarnings("unchecked")
  private static Object plain(Object o) {
    Object tree = o instanceof HasMetadata ? JSON.convertValue(o, Map.class) : o;
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (tree instanceof List<?> l) {
      return l.stream().map(AdmissionPolicyTest::plain).toList();
    }
    return tree instanceof Integer i ? Long.valueOf(i) : tree;
  }

  private static <T extends HasMetadata> T edit(T o, java.util.function.Consumer<T> change) {
    @SuppressWarnings("unchecked")
    T copy = (T) JSON.clone(o);
    change.accept(copy);
    return copy;
  }

  private static Pod annotate(Pod p, String key, String value) {
    p.getMetadata().getAnnotations().put(key, value);
    return p;
  }

  private static Node label(Node n, String key, String value) {
    n.getMetadata().getLabels().put(key, value);
    return n;
  }

  private static Pod condition(Pod p, String type, String status) {
    p.getStatus()
        .getConditions()
        .add(
            new PodConditionBuilder().withType(type).withStatus(status).withReason("Test").build());
    return p;
  }

  static Pod pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace("default")
        .addToLabels("app", "web")
        .addToAnnotations("ovn.kubernetes.io/eip", "172.56.0.221")
        .addToAnnotations("ovn.kubernetes.io/ip_address", "10.16.0.5")
        .endMetadata()
        .withNewSpec()
        .withNodeName("kube-ovn-worker")
        .addNewContainer()
        .withName("c")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP("10.16.0.5")
        .addToConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
        .addNewContainerStatus()
        .withName("c")
        .withRestartCount(2)
        .withReady(true)
        .endContainerStatus()
        .endStatus()
        .build();
  }

  static Node node() {
    return new NodeBuilder()
        .withNewMetadata()
        .withName("kube-ovn-worker")
        .addToLabels("kubernetes.io/hostname", "kube-ovn-worker")
        .addToAnnotations("ovn.kubernetes.io/chassis", "c1")
        .endMetadata()
        .withNewSpec()
        .withPodCIDR("10.244.1.0/24")
        .endSpec()
        .build();
  }
}
