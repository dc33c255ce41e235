package io.ovneip.controller.reconcile;

import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.controller.queue.QueueKey;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ObservedNb;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The owners one batch diffs: every owner, or only the owners of the batch's keys plus the pods
 * whose outcome changed since the last committed reconcile (an address handed over after a conflict
 * reaches pods nobody touched; a batch that failed to commit leaves its changes in that set). A
 * one-pod change among 10,000 then reads and compares one pod's rows, while the first run, the
 * periodic resync and gateway changes still compare everything (level-triggered: desired vs
 * observed, whatever happened in between).
 *
 * @param owners empty = every owner
 */
record ReconcileScope(Optional<Set<OwnerKey>> owners) {
  static final ReconcileScope ALL = new ReconcileScope(Optional.empty());

  /**
   * @param last the result of the last reconcile that committed, or null (then: everything)
   */
  static ReconcileScope of(Set<String> keys, DesiredResult now, DesiredResult last) {
    if (last == null || !now.sameGateway(last)) {
      return ALL;
    }
    Set<OwnerKey> owners = new TreeSet<>();
    for (String key : keys) {
      Optional<OwnerKey> owner = ownerOf(key);
      if (owner.isEmpty()) {
        return ALL; // resync, or a gateway key (ConfigMap, nodes, chassis): anything can change
      }
      owners.add(owner.get());
    }
    now.podsChangedSince(last).forEach(p -> owners.add(OwnerKey.pod(p)));
    return new ReconcileScope(Optional.of(owners));
  }

  /**
   * The one owner a key concerns: a pod key's pod, an NB key's owner (an NB change to the gateway's
   * rows, the router's references included, concerns the gateway's rows only). Empty for keys that
   * concern every owner.
   */
  private static Optional<OwnerKey> ownerOf(String key) {
    QueueKey parsed = QueueKey.parse(key);
    if (parsed instanceof QueueKey.Pod p) {
      return Optional.of(OwnerKey.pod(p.pod()));
    }
    if (parsed instanceof QueueKey.NbOwner n) {
      return Optional.of(n.owner());
    }
    return Optional.empty();
  }

  ObservedNb observed(NorthboundDb nb) {
    return owners.map(nb::observed).orElseGet(nb::observed);
  }

  NbState desired(DesiredResult result) {
    return owners.map(result::state).orElseGet(result::state).orElseThrow();
  }

  Predicate<OwnerKey> test() {
    return owners.<Predicate<OwnerKey>>map(o -> o::contains).orElse(o -> true);
  }

  /** The pods whose status to show after this batch. */
  Collection<PodRef> pods(DesiredResult result) {
    return owners
        .<Collection<PodRef>>map(o -> o.stream().flatMap(k -> k.pod().stream()).toList())
        .orElseGet(() -> result.pods().keySet());
  }
}
