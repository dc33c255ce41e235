package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonFramerTest {

  static Stream<Arguments> streams() {
    return Stream.of(
        Arguments.of("{}", List.of("{}")),
        Arguments.of("{\"a\":1}{\"b\":[2,{}]}", List.of("{\"a\":1}", "{\"b\":[2,{}]}")),
        Arguments.of(" \n{\"s\":\"}{][\\\"\"}\t", List.of("{\"s\":\"}{][\\\"\"}")),
        Arguments.of("{\"a\":\"\\\\\"}{}", List.of("{\"a\":\"\\\\\"}", "{}")),
        Arguments.of("{\"u\":\"h\u00e9\"}", List.of("{\"u\":\"h\u00e9\"}")));
  }

  /** Every stream is also fed one byte at a time: boundaries never depend on read sizes. */
  @ParameterizedTest
  @MethodSource("streams")
  void splitsConcatenatedMessages(String stream, List<String> messages) {
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {bytes.length, 1, 3}) {
      JsonFramer f = new JsonFramer(1024);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < bytes.length; i += chunk) {
        f.feed(
            bytes,
            i,
            Math.min(chunk, bytes.length - i),
            (b, off, len) -> out.add(new String(b, off, len, StandardCharsets.UTF_8)));
      }
      assertThat(out).isEqualTo(messages);
      assertThat(f.buffered()).isZero();
    }
  }

  static Stream<Arguments> badStreams() {
    return Stream.of(
        Arguments.of("[1]", "expected a JSON object"),
        Arguments.of("\"x\"", "expected a JSON object"),
        Arguments.of("{]", "malformed JSON"),
        Arguments.of("{\"a\":[}", "malformed JSON"),
        Arguments.of("{\"a\":\"" + "x".repeat(100) + "\"}", "exceeds the 64-byte limit"));
  }

  @ParameterizedTest
  @MethodSource("badStreams")
  void rejectsWhatIsNotAFramedObject(String stream, String message) {
    JsonFramer f = new JsonFramer(64);
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> f.feed(bytes, 0, bytes.length, (b, off, len) -> {}))
        .isInstanceOf(OvsdbProtocolException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @MethodSource("streams")
  void countsAPartialMessage(String stream, List<String> messages) {
    JsonFramer f = new JsonFramer(1024);
    byte[] bytes = stream.trim().getBytes(StandardCharsets.UTF_8);
    f.feed(bytes, 0, bytes.length - 1, (b, off, len) -> {});
    assertThat(f.buffered()).isPositive();
    assertThat(messages).isNotEmpty();
  }

  @org.junit.jupiter.api.Test
  void aBigMessageDoesNotLeaveABigBuffer() {
    JsonFramer f = new JsonFramer(8 << 20);
    byte[] big = ("{\"a\":\"" + "x".repeat(4 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
    List<Integer> sizes = new ArrayList<>();
    f.feed(big, 0, big.length, (b, off, len) -> sizes.add(len));
    assertThat(sizes).containsExactly(big.length);
    assertThat(f.capacity()).isLessThanOrEqualTo(64 * 1024);
  }
}
