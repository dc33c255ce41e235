package io.ovneip.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OneLineTest {
  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void shortTextStaysAsItIsButOnOneLine() {
    assertThat(OneLine.of("EIP 172.56.0.9 is in effect")).isEqualTo("EIP 172.56.0.9 is in effect");
    assertThat(OneLine.of("a\nb\r\nc\td\u0007e\u0000f")).isEqualTo("a b  c def");
  }

  @Test
  void longTextIsCutToOneKibibyteWithAnEllipsis() {
    String cut = OneLine.of("x".repeat(300_000));
    assertThat(bytes(cut)).isEqualTo(1024);
    assertThat(cut).endsWith("…").startsWith("xxx");
  }

  @Test
  void multiByteCharactersAreNeverSplit() {
    String cut = OneLine.of("é".repeat(2000)); // 2 bytes each
    assertThat(bytes(cut)).isLessThanOrEqualTo(1024);
    assertThat(cut.replace("…", "")).matches("é+");
    String exact = "é".repeat(512); // exactly 1024 bytes: not cut
    assertThat(OneLine.of(exact)).isEqualTo(exact);
  }
}
