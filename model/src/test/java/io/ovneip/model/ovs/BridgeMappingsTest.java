package io.ovneip.model.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BridgeMappingsTest {

  @ParameterizedTest(name = "with: \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL|external:br-external",
        "''|external:br-external",
        "physnet:br-phys|physnet:br-phys,external:br-external",
        "external:br-old|external:br-external",
        "a:br-a, external:br-old ,b:br-b|a:br-a,external:br-external,b:br-b",
        "external:br-external|external:br-external",
        "garbage,a:br-a|garbage,a:br-a,external:br-external",
        "external:br-x,external:br-y|external:br-external",
      })
  void mergesOurEntry(String value, String expected) {
    assertThat(BridgeMappings.parse(value).with("external", "br-external").render())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "without: \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "NULL|''",
        "external:br-external|''",
        "physnet:br-phys,external:br-external|physnet:br-phys",
        "external:br-other|external:br-other",
        "a:br-a , external:br-external , b:br-b|a:br-a,b:br-b",
      })
  void removesExactlyOurEntry(String value, String expected) {
    assertThat(BridgeMappings.parse(value).without("external", "br-external").render())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"'a:b, external:br-external'", "'external:br-external'"})
  void unchangedValueIsRecognised(String value) {
    BridgeMappings m = BridgeMappings.parse(value);
    assertThat(m.contains("external", "br-external")).isTrue();
    assertThat(m.with("external", "br-external")).isEqualTo(m);
  }
}
