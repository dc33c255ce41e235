package io.ovneip.controller.reconcile;

import io.ovneip.controller.ovn.NorthboundDb;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ObservedNb;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The owners one batch diffs, as {@link ReconcileMemory#scope} decided: every owner, or some. A
 * one-pod change among 10,000 then reads and compares one pod's rows, while the first run, the
 * periodic resync and gateway changes still compare everything (level-triggered: desired vs
 * observed, whatever happened in between).
 *
 * @param owners empty = every owner
 */
record ReconcileScope(Optional<Set<OwnerKey>> owners) {
  static final ReconcileScope ALL = new ReconcileScope(Optional.empty());

  ObservedNb observed(NorthboundDb nb) {
    return owners.map(nb::observed).orElseGet(nb::observed);
  }

  /** The desired rows in scope (the controller only builds under a config: there are rows). */
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
