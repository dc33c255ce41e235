package io.ovneip.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.diff.EncodedPlan;
import io.ovneip.model.diff.NbDiff;
import io.ovneip.model.diff.Plan;
import io.ovneip.model.diff.PlanEncoder;
import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.observed.ObservedNb;
import java.util.function.Predicate;

/** One reconcile pass against a {@link FakeNb}, as the controller would run it. */
public final class Converge {
  private Converge() {}

  public static Plan plan(FakeNb nb, NbState desired, Predicate<OwnerKey> scope) {
    return NbDiff.compute(desired, ObservedNb.from(nb.snapshot()), scope);
  }

  /** Diffs, encodes, applies (asserting the transaction succeeds); returns the plan applied. */
  public static Plan apply(FakeNb nb, NbState desired, Predicate<OwnerKey> scope) {
    Plan plan = plan(nb, desired, scope);
    EncodedPlan encoded = PlanEncoder.encode(plan, desired.settings());
    if (encoded instanceof EncodedPlan.Transaction t) {
      FakeNb.Result r = nb.transact(t.operations());
      assertThat(r.ok()).as("transaction of %s: %s", plan, r.error()).isTrue();
    } else {
      assertThat(encoded).as("plan %s", plan).isInstanceOf(EncodedPlan.NoChange.class);
    }
    return plan;
  }

  public static Plan apply(FakeNb nb, NbState desired) {
    return apply(nb, desired, o -> true);
  }

  /** Applies, then asserts a second diff is empty (architecture rule 3). */
  public static void applyAndAssertConverged(FakeNb nb, NbState desired) {
    apply(nb, desired);
    Plan again = plan(nb, desired, o -> true);
    assertThat(again.isEmpty()).as("second plan after applying: %s", again).isTrue();
  }
}
