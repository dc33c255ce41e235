package io.ovneip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege as the manifests in deploy/ state it: RBAC names the ConfigMap and the Lease,
 * grants no verb the programs never send, the metrics port admits only the monitoring namespace,
 * and both JVMs exit on OutOfMemoryError.
 */
class DeployManifestsTest {
  static final List<HasMetadata> OBJECTS = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    KubernetesSerialization json = new KubernetesSerialization();
    List<Path> files;
    try (Stream<Path> all = Files.walk(Path.of("..", "deploy"))) {
      // The base manifests: deploy/ itself or deploy/base/ (overlays hold partial patches).
      files =
          all.filter(p -> p.toString().endsWith(".yaml"))
              .filter(
                  p ->
                      p.getParent().getFileName().toString().equals("deploy")
                          || p.getParent().getFileName().toString().equals("base"))
              .sorted()
              .toList();
    }
    for (Path f : files) {
      String text = Files.readString(f);
      if (!text.contains("apiVersion:") || f.toString().contains("kustomization")) {
        continue;
      }
      Object parsed = json.unmarshal(text);
      List<?> docs =
          parsed instanceof KubernetesList l
              ? l.getItems()
              : parsed instanceof List<?> list ? list : List.of(parsed);
      docs.stream()
          .filter(HasMetadata.class::isInstance)
          .map(HasMetadata.class::cast)
          .forEach(OBJECTS::add);
    }
  }

  @Test
  void configMapAndLeaseAreGrantedByName() {
    for (Role role : all(Role.class)) {
      for (PolicyRule r : role.getRules()) {
        if (r.getResources().contains("configmaps")
            || (r.getResources().contains("leases") && !r.getVerbs().equals(List.of("create")))) {
          assertThat(r.getResourceNames())
              .as("%s: %s %s", role.getMetadata().getName(), r.getResources(), r.getVerbs())
              .containsExactlyInAnyOrder(expectedName(r));
        }
      }
    }
    List<PolicyRule> leaseCreate =
        rules("ovn-eip-controller").stream()
            .filter(r -> r.getResources().contains("leases") && r.getVerbs().contains("create"))
            .toList();
    assertThat(leaseCreate).hasSize(1);
    assertThat(leaseCreate.get(0).getVerbs()).containsExactly("create");
  }

  @Test
  void noVerbTheProgramsDoNotSend() {
    // What the code sends: informers list and watch; JSON patches; Events created; the LeaseLock
    // of fabric8 8.0 gets, creates and patches.
    assertThat(verbs("ovn-eip-controller", "pods"))
        .containsExactlyInAnyOrder("list", "watch", "patch");
    assertThat(verbs("ovn-eip-controller", "pods/status")).containsExactly("patch");
    assertThat(verbs("ovn-eip-controller", "nodes"))
        .containsExactlyInAnyOrder("list", "watch", "patch");
    assertThat(verbs("ovn-eip-controller", "events")).containsExactly("create");
    assertThat(verbs("ovn-eip-controller", "configmaps"))
        .containsExactlyInAnyOrder("list", "watch");
    assertThat(verbs("ovn-eip-controller", "leases"))
        .containsExactlyInAnyOrder("get", "patch", "create");
    assertThat(verbs("ovn-eip-agent", "nodes")).containsExactlyInAnyOrder("list", "watch");
    assertThat(verbs("ovn-eip-agent", "events")).containsExactly("create");
    assertThat(verbs("ovn-eip-agent", "configmaps")).containsExactlyInAnyOrder("list", "watch");
  }

  @Test
  void metricsAdmitOnlyTheMonitoringNamespace() {
    List<NetworkPolicy> policies = all(NetworkPolicy.class);
    assertThat(policies).hasSize(1);
    NetworkPolicy np = policies.get(0);
    assertThat(np.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app", "ovn-eip-controller");
    assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(np.getSpec().getIngress()).hasSize(1);
    NetworkPolicyIngressRule rule = np.getSpec().getIngress().get(0);
    assertThat(rule.getFrom()).hasSize(1);
    assertThat(rule.getFrom().get(0).getPodSelector()).isNull();
    assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .containsExactlyEntriesOf(java.util.Map.of("kubernetes.io/metadata.name", "monitoring"));
    assertThat(rule.getPorts()).hasSize(1);
    assertThat(rule.getPorts().get(0).getPort().getStrVal()).isEqualTo("metrics");
    PodSpec controller = all(Deployment.class).get(0).getSpec().getTemplate().getSpec();
    assertThat(controller.getContainers().get(0).getPorts())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo("metrics"));
  }

  @Test
  void bothJvmsExitOnOutOfMemory() {
    List<PodSpec> specs = new ArrayList<>();
    all(Deployment.class).forEach(d -> specs.add(d.getSpec().getTemplate().getSpec()));
    all(DaemonSet.class).forEach(d -> specs.add(d.getSpec().getTemplate().getSpec()));
    assertThat(specs).hasSize(2);
    for (PodSpec spec : specs) {
      String opts =
          spec.getContainers().get(0).getEnv().stream()
              .filter(e -> e.getName().equals("OVN_EIP_JAVA_OPTS"))
              .map(EnvVar::getValue)
              .findFirst()
              .orElse("");
      assertThat(opts).contains("-XX:+ExitOnOutOfMemoryError");
    }
  }

  private static String[] expectedName(PolicyRule r) {
    return r.getResources().contains("configmaps")
        ? new String[] {"ovn-external-gw-config"}
        : new String[] {"ovn-eip-controller"};
  }

  private static <T> List<T> all(Class<T> type) {
    return OBJECTS.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Rules of the Role and ClusterRole named {@code name}. */
  private static List<PolicyRule> rules(String name) {
    List<PolicyRule> out = new ArrayList<>();
    for (HasMetadata o : OBJECTS) {
      if (!name.equals(o.getMetadata().getName())) {
        continue;
      }
      if (o instanceof Role r) {
        out.addAll(r.getRules());
      } else if (o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole r) {
        out.addAll(r.getRules());
      }
    }
    return out;
  }

  private static Set<String> verbs(String name, String resource) {
    return rules(name).stream()
        .filter(r -> r.getResources().contains(resource))
        .flatMap(r -> r.getVerbs().stream())
        .collect(java.util.stream.Collectors.toSet());
  }
}
