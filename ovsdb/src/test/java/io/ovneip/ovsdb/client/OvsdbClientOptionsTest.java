package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OvsdbClientOptionsTest {
  @Test
  void parsesARemoteListWithEveryKind() {
    OvsdbClientOptions o =
        OvsdbClientOptions.builder("tcp:127.0.0.1:6641, ssl:[::1]:6643,unix:/run/ovn/nb.sock")
            .tls(Path.of("k"), Path.of("c"), Path.of("ca"))
            .build();
    assertThat(o.remotes())
        .containsExactly(
            new Remote(Remote.Kind.TCP, "127.0.0.1", 6641, null),
            new Remote(Remote.Kind.SSL, "::1", 6643, null),
            new Remote(Remote.Kind.UNIX, null, 0, Path.of("/run/ovn/nb.sock")));
    assertThat(o.remotes())
        .extracting(Remote::toString)
        .containsExactly("tcp:127.0.0.1:6641", "ssl:[::1]:6643", "unix:/run/ovn/nb.sock");
    assertThat(o.callTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.leaderOnly()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "tcp:", "tcp:1.2.3.4", "tcp:1.2.3.4:x", "udp:1.2.3.4:5", "unix:", "tcp:h:0"})
  void rejectsBadRemotes(String remotes) {
    assertThatThrownBy(() -> OvsdbClientOptions.of(remotes))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sslNeedsTlsFiles() {
    assertThatThrownBy(() -> OvsdbClientOptions.of("ssl:1.2.3.4:6641")).hasMessageContaining("TLS");
  }

  @Test
  void theLargestMessageFitsTheHeap() {
    long heap = Runtime.getRuntime().maxMemory();
    int byDefault = OvsdbClientOptions.of("tcp:127.0.0.1:6641").maxMessageBytes();
    assertThat(byDefault).isEqualTo(OvsdbClientOptions.defaultMaxMessageBytes(heap));
    assertThat((double) byDefault).isLessThanOrEqualTo(heap * OvsdbClientOptions.HEAP_SHARE_MAX);
    // The controller's deployed heap (deploy/base: -Xmx256m) gets 16 MiB; a tiny one 1 MiB; a big
    // one no more than 256 MiB.
    assertThat(OvsdbClientOptions.defaultMaxMessageBytes(256L << 20)).isEqualTo(16 << 20);
    assertThat(OvsdbClientOptions.defaultMaxMessageBytes(8L << 20)).isEqualTo(1 << 20);
    assertThat(OvsdbClientOptions.defaultMaxMessageBytes(64L << 30)).isEqualTo(256 << 20);

    long deployed = 256L << 20;
    OvsdbClientOptions.requireFitsHeap(32 << 20, deployed);
    assertThatThrownBy(() -> OvsdbClientOptions.requireFitsHeap((32 << 20) + 1, deployed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit this JVM's heap of 256 MiB")
        .hasMessageContaining("-Xmx");
  }
}
