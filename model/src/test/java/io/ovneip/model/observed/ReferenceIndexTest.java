package io.ovneip.model.observed;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.PersistentHashSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Referrers follow a switch's ports whether the replica hands over plain or persistent sets. */
class ReferenceIndexTest {
  static final Uuid SWITCH = Uuid.of(new UUID(9, 9).toString());

  static Uuid port(int i) {
    return Uuid.of(new UUID(1, i).toString());
  }

  static Row switchWith(java.util.Set<Object> ports) {
    return Row.of(Map.of("name", "sw", "ports", new OvsdbSet(ports)));
  }

  @Test
  void aPersistentSetEditedInPlaceMovesOnlyWhatChanged() {
    ReferenceIndex index = new ReferenceIndex();
    PersistentHashSet<Object> ports = PersistentHashSet.empty();
    for (int i = 0; i < 1000; i++) {
      ports = ports.with(port(i));
    }
    Row first = switchWith(java.util.Set.copyOf(ports)); // decoded: a plain set
    index.apply(new RowChange("Logical_Switch", SWITCH, Optional.empty(), Optional.of(first)));
    Row second = switchWith(ports); // the replica's first toggle converts it
    assertThat(
            index.apply(
                new RowChange("Logical_Switch", SWITCH, Optional.of(first), Optional.of(second))))
        .isEmpty();
    PersistentHashSet<Object> edited = ports.without(port(3)).with(port(5000));
    Row third = switchWith(edited);

    assertThat(
            index.apply(
                new RowChange("Logical_Switch", SWITCH, Optional.of(second), Optional.of(third))))
        .containsExactlyInAnyOrder(port(3), port(5000));
    Referrer bySwitch = new Referrer("Logical_Switch", SWITCH, "ports");
    assertThat(index.of(port(3))).isEmpty();
    assertThat(index.of(port(5000))).containsExactly(bySwitch);
    assertThat(index.of(port(999))).containsExactly(bySwitch);
  }
}
