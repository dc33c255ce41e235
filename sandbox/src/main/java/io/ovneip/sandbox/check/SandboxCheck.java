package io.ovneip.sandbox.check;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ovneip.controller.kube.KubeInputs;
import io.ovneip.controller.status.FreshRead;
import io.ovneip.controller.status.OvnStateReader;
import io.ovneip.controller.status.StatusCollector;
import io.ovneip.model.desired.DesiredNb;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.desired.PodOutcome;
import io.ovneip.model.diff.Plan;
import io.ovneip.model.input.Annotations;
import io.ovneip.model.input.GatewaySettings;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ObservedNb;
import io.ovneip.ovsdb.client.OvsdbClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The invariants that must hold whatever faults came before, once the system has converged, checked
 * from a fresh read of the API and NB (never the controller's memory):
 *
 * <ol>
 *   <li>the rows ovn-eip owns in NB are exactly what {@link DesiredNb} computes from the API now
 *       (none missing, none different, none without a pod or gateway that asks for it);
 *   <li>no duplicate NAT (same type, external IP and logical IP), and no two non-SNAT NAT rows with
 *       one external IP;
 *   <li>every recorded foreign row ({@code DIR/foreign-rows}) is still there;
 *   <li>every pod whose condition {@code ovn-eip.io/ready} is True has its rows.
 * </ol>
 *
 * When the ConfigMap is invalid the fresh read builds, as the controller does, on the last good
 * config the gateway router port records (docs/behaviour.md §2.1); only with none (held) is the
 * first invariant not checked (and said so), the others are.
 */
public final class SandboxCheck {
  private SandboxCheck() {}

  /** What was checked and each violation, one line each. */
  public record Result(List<String> violations, List<String> notes, int ownedRows, int pods) {
    public boolean ok() {
      return violations.isEmpty();
    }
  }

  public static Result run(
      KubernetesClient client,
      OvsdbClient nb,
      OvsdbClient sb,
      Collection<String> foreign,
      Duration timeout) {
    GatewaySettings settings = GatewaySettings.defaults();
    StatusCollector.OvnState ovn = OvnStateReader.read(nb, sb, settings, timeout);
    NatRows nat = NatRows.read(nb, timeout);
    FreshRead read = FreshRead.of(client, settings, ovn);
    List<Pod> pods = read.pods();
    DesiredResult desired = read.desired();

    List<String> violations = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (read.plan().isPresent()) {
      Plan plan = read.plan().get();
      plan.inserts().forEach(r -> violations.add("missing owned row: " + r));
      plan.updates()
          .forEach(
              u ->
                  violations.add(
                      "owned row differs: "
                          + u.key()
                          + " "
                          + u.uuid()
                          + " should get "
                          + u.columns()));
      plan.deletes()
          .forEach(
              d ->
                  violations.add(
                      "owned row nobody asks for: "
                          + d.key()
                          + " "
                          + d.uuid()
                          + " owner "
                          + d.owner()));
      plan.problems()
          .forEach(p -> violations.add("cannot apply for " + p.owner() + ": " + p.message()));
    } else {
      notes.add(
          "the gateway ConfigMap is invalid and NB records no last good config: owned rows not"
              + " compared with a desired state");
    }
    duplicates(nat, violations);
    foreign(nat, foreign, violations);
    conditions(pods, desired, ovn.nb(), read.pending(), violations);
    int owned = (int) nat.rows().stream().filter(NatRows.Line::owned).count();
    return new Result(List.copyOf(violations), List.copyOf(notes), owned, pods.size());
  }

  private static void duplicates(NatRows nat, List<String> violations) {
    Map<String, Integer> same = new HashMap<>();
    Map<String, List<String>> byExternal = new HashMap<>();
    for (NatRows.Line l : nat.rows()) {
      if (!l.table().equals("NAT")) {
        continue;
      }
      same.merge(l.text(), 1, Integer::sum);
      if (!l.text().startsWith("type=snat ")) {
        String ext = l.text().replaceAll(".*external_ip=(\\S+).*", "$1");
        byExternal.computeIfAbsent(ext, k -> new ArrayList<>()).add(l.text());
      }
    }
    same.forEach(
        (text, n) -> {
          if (n > 1) {
            violations.add("duplicate NAT (" + n + " rows): " + text);
          }
        });
    byExternal.forEach(
        (ext, rows) -> {
          if (rows.size() > 1) {
            violations.add(
                "external IP " + ext + " in " + rows.size() + " non-SNAT NAT rows: " + rows);
          }
        });
  }

  private static void foreign(NatRows nat, Collection<String> foreign, List<String> violations) {
    Set<String> present = new java.util.HashSet<>();
    nat.rows().forEach(l -> present.add(l.key()));
    for (String f : foreign) {
      if (!f.isBlank() && !present.contains(f)) {
        violations.add("foreign row gone: " + f);
      }
    }
  }

  private static void conditions(
      List<Pod> pods,
      DesiredResult desired,
      ObservedNb observed,
      Set<OwnerKey> pending,
      List<String> violations) {
    for (Pod pod : pods) {
      if (!conditionTrue(pod)) {
        continue;
      }
      PodRef ref = KubeInputs.ref(pod);
      OwnerKey owner = OwnerKey.pod(ref);
      String name = ref.namespace() + "/" + ref.name();
      Optional<PodOutcome> outcome = desired.pod(ref);
      if (desired.state().isPresent()
          && outcome.map(o -> o.status() != PodOutcome.Status.APPLIED).orElse(true)) {
        violations.add(
            "pod "
                + name
                + " shows "
                + Annotations.READY_CONDITION
                + "=True but its outcome is "
                + outcome.map(o -> o.status() + " (" + o.reason() + ")").orElse("none"));
      } else if (observed.rows(owner).isEmpty()) {
        violations.add(
            "pod " + name + " shows " + Annotations.READY_CONDITION + "=True but has no NB rows");
      } else if (pending.contains(owner)) {
        violations.add(
            "pod "
                + name
                + " shows "
                + Annotations.READY_CONDITION
                + "=True but its NB rows differ from what it asks for");
      }
    }
  }

  private static boolean conditionTrue(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    for (PodCondition c : pod.getStatus().getConditions()) {
      if (Annotations.READY_CONDITION.equals(c.getType())) {
        return "True".equals(c.getStatus());
      }
    }
    return false;
  }
}
