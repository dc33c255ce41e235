package io.ovneip.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.OwnerKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueKeyTest {

  @Test
  void everyKindParsesBackFromItsPrintedForm() {
    List<QueueKey> keys =
        List.of(
            QueueKey.pod("default", "a"),
            QueueKey.GATEWAY,
            QueueKey.RESYNC,
            QueueKey.nb(OwnerKey.GATEWAY),
            QueueKey.nb(OwnerKey.pod(new PodRef("ns", "b"))));
    for (QueueKey key : keys) {
      assertThat(QueueKey.parse(key.print())).isEqualTo(key);
    }
  }

  @Test
  void printedFormsAreTheOnesTheQueuesHaveAlwaysCarried() {
    assertThat(QueueKey.pod("default", "a").print()).isEqualTo("pod/default/a");
    assertThat(QueueKey.GATEWAY.print()).isEqualTo("gateway");
    assertThat(QueueKey.RESYNC.print()).isEqualTo("resync");
    assertThat(QueueKey.nb(OwnerKey.pod(new PodRef("ns", "b"))).print()).isEqualTo("nb/pod/ns/b");
  }

  @Test
  void theOwnerOfRowsIsItsPodElseTheGateway() {
    assertThat(QueueKey.ownerOf(OwnerKey.pod(new PodRef("ns", "b"))))
        .isEqualTo(QueueKey.pod("ns", "b"));
    assertThat(QueueKey.ownerOf(OwnerKey.GATEWAY)).isEqualTo(QueueKey.GATEWAY);
  }

  @Test
  void anythingElseIsNotAKey() {
    assertThatThrownBy(() -> QueueKey.parse("pod/no-slash"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QueueKey.parse("node/x")).isInstanceOf(IllegalArgumentException.class);
  }
}
