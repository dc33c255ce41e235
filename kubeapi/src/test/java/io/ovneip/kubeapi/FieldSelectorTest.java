package io.ovneip.kubeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class FieldSelectorTest {

  private static final JsonNode POD =
      new Json()
          .read(
              "{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\"},"
                  + "\"spec\":{\"nodeName\":\"n1\"},\"status\":{\"phase\":\"Running\"}}");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|true",
        "metadata.name=p|true",
        "metadata.name==p|true",
        "metadata.name=q|false",
        "spec.nodeName=n1,metadata.namespace=ns|true",
        "spec.nodeName=n2,metadata.namespace=ns|false",
        "status.phase!=Failed,status.phase!=Succeeded|true",
        "status.phase!=Running|false",
        "spec.missing=|true",
        "spec.missing!=|false",
        "involvedObject.uid=x|false"
      })
  void matchesLikeTheApiServer(String selector, boolean expected) {
    assertThat(FieldSelector.parse(selector).matches(POD)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void rejectsATermWithoutOperator() {
    assertThatThrownBy(() -> FieldSelector.parse("spec.nodeName"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
