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
}
