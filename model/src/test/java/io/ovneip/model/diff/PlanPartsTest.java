package io.ovneip.model.diff;

import static io.ovneip.model.testing.Fixtures.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.model.nb.NbState;
import io.ovneip.model.nb.OwnerKey;
import io.ovneip.model.testing.Converge;
import io.ovneip.model.testing.FakeNb;
import io.ovneip.model.testing.Fixtures;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A refused batch is sent again in parts (docs/behaviour.md §9.2): each owner's part of a plan
 * applies on its own, in any order, and the parts together leave nothing to do.
 */
class PlanPartsTest {

  @Test
  void eachOwnersPartAppliesOnItsOwnAndThePartsTogetherConverge() {
    NbState desired = NbDiffTest.seed();
    FakeNb nb = Fixtures.baseTopology();
    Plan whole = Converge.plan(nb, desired, o -> true);
    assertThat(whole.owners()).contains(OwnerKey.GATEWAY, NbDiffTest.POD_EIP).hasSize(3);

    // Pods first, the gateway last: no part needs another's rows.
    for (OwnerKey owner : whole.owners().stream().sorted((a, b) -> -a.compareTo(b)).toList()) {
      Plan part = whole.only(Set.of(owner));
      assertThat(part.owners()).containsExactly(owner);
      EncodedPlan encoded = PlanEncoder.encode(part, SETTINGS);
      assertThat(encoded).isInstanceOf(EncodedPlan.Transaction.class);
      FakeNb.Result r = nb.transact(((EncodedPlan.Transaction) encoded).operations());
      assertThat(r.ok()).as("%s: %s", owner, r.error()).isTrue();
    }
    assertThat(Converge.plan(nb, desired, o -> true).isEmpty()).isTrue();
  }

  @Test
  void aPartKeepsOnlyItsOwnersRowsAndProblems() {
    NbState desired = NbDiffTest.seed();
    Plan whole = Converge.plan(Fixtures.baseTopology(), desired, o -> true);
    Plan part = whole.only(Set.of(NbDiffTest.POD_EIP));
    assertThat(part.inserts()).isNotEmpty().allMatch(r -> r.owner().equals(NbDiffTest.POD_EIP));
    assertThat(part.updates()).allMatch(u -> u.owner().equals(NbDiffTest.POD_EIP));
    assertThat(part.deletes()).allMatch(d -> d.owner().equals(NbDiffTest.POD_EIP));
    assertThat(part.routers()).isEqualTo(whole.routers());
    assertThat(whole.only(Set.of()).isEmpty()).isTrue();
  }
}
