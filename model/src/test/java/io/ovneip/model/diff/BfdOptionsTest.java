package io.ovneip.model.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** NB_Global BFD options of docs/behaviour.md §3.2: only when asked, never over someone else's. */
class BfdOptionsTest {
  static final String OURS_100 = "bfd-min-rx=100,bfd-min-tx=100,bfd-mult=3";

  @Test
  void notAskedAndNothingOfOursChangesNothingEvenBesideForeignOptions() {
    BfdOptions.Change c =
        BfdOptions.plan(Optional.empty(), Map.of("bfd-min-rx", "500", "other", "x"), Map.of());
    assertThat(c.isEmpty()).isTrue();
    assertThat(c.conflicts()).isEmpty();
  }

  @Test
  void askedOnAnEmptyNbGlobalSetsAllThreeAndRemembersThem() {
    BfdOptions.Change c = BfdOptions.plan(Optional.of(100), Map.of(), Map.of());
    assertThat(c.set())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("bfd-min-rx", "100", "bfd-min-tx", "100", "bfd-mult", "3"));
    assertThat(c.remove()).isEmpty();
    assertThat(c.marker()).contains(OURS_100);
  }

  @Test
  void appliedTwiceChangesNothing() {
    Map<String, String> options = Map.of("bfd-min-rx", "100", "bfd-min-tx", "100", "bfd-mult", "3");
    BfdOptions.Change c =
        BfdOptions.plan(Optional.of(100), options, Map.of(BfdOptions.MARKER, OURS_100));
    assertThat(c.isEmpty()).isTrue();
  }

  @Test
  void aNewIntervalReplacesOurValues() {
    Map<String, String> options = Map.of("bfd-min-rx", "100", "bfd-min-tx", "100", "bfd-mult", "3");
    BfdOptions.Change c =
        BfdOptions.plan(Optional.of(300), options, Map.of(BfdOptions.MARKER, OURS_100));
    assertThat(c.set())
        .containsExactlyInAnyOrderEntriesOf(Map.of("bfd-min-rx", "300", "bfd-min-tx", "300"));
    assertThat(c.marker()).contains("bfd-min-rx=300,bfd-min-tx=300,bfd-mult=3");
  }

  @Test
  void someoneElsesValueIsKeptAndReported() {
    BfdOptions.Change c = BfdOptions.plan(Optional.of(100), Map.of("bfd-min-rx", "250"), Map.of());
    assertThat(c.set()).containsOnlyKeys("bfd-min-tx", "bfd-mult");
    assertThat(c.conflicts())
        .singleElement()
        .satisfies(s -> assertThat(s).contains("bfd-min-rx=250").contains("not overwritten"));
    assertThat(c.marker()).contains("bfd-min-tx=100,bfd-mult=3");
  }

  @Test
  void notAskedAnyMoreRemovesOnlyWhatStillHasOurValue() {
    // Someone changed bfd-min-tx after we set it: it is theirs now and stays.
    Map<String, String> options = Map.of("bfd-min-rx", "100", "bfd-min-tx", "700", "bfd-mult", "3");
    BfdOptions.Change c =
        BfdOptions.plan(Optional.empty(), options, Map.of(BfdOptions.MARKER, OURS_100));
    assertThat(c.remove()).containsExactlyInAnyOrder("bfd-min-rx", "bfd-mult");
    assertThat(c.set()).isEmpty();
    assertThat(c.marker()).isEmpty();
    assertThat(c.markerChanged()).isTrue();
  }

  @Test
  void theMutationDeletesBeforeItInserts() {
    BfdOptions.Change c =
        BfdOptions.plan(
            Optional.of(300),
            Map.of("bfd-min-rx", "100"),
            Map.of(BfdOptions.MARKER, "bfd-min-rx=100"));
    var op =
        (io.ovneip.ovsdb.protocol.Operation.Mutate)
            BfdOptions.encode(
                io.ovneip.ovsdb.protocol.Uuid.of(java.util.UUID.randomUUID().toString()),
                c,
                Map.of(BfdOptions.MARKER, "bfd-min-rx=100"));
    List<String> order = op.mutations().stream().map(m -> m.column() + " " + m.mutator()).toList();
    assertThat(order)
        .containsExactly(
            "options DELETE", "options INSERT", "external_ids DELETE", "external_ids INSERT");
  }
}
