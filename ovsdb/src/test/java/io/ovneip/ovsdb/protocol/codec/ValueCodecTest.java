package io.ovneip.ovsdb.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.ovsdb.protocol.schema.ColumnType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueCodecTest {
  static final String U = "b2a5f8a4-1e24-4c46-a8a1-4a3b2c1d0e9f";

  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of(42L, "42"),
        Arguments.of(7, "7"),
        Arguments.of(1.5, "1.5"),
        Arguments.of(true, "true"),
        Arguments.of("dnat_and_snat", "\"dnat_and_snat\""),
        Arguments.of(Uuid.of(U), "[\"uuid\",\"" + U + "\"]"),
        Arguments.of(new NamedUuid("nat0"), "[\"named-uuid\",\"nat0\"]"),
        Arguments.of(OvsdbSet.empty(), "[\"set\",[]]"),
        Arguments.of(OvsdbSet.of("a"), "[\"set\",[\"a\"]]"),
        Arguments.of(OvsdbMap.empty(), "[\"map\",[]]"),
        Arguments.of(OvsdbMap.of(Map.of("k", 1L)), "[\"map\",[[\"k\",1]]]"));
  }

  @ParameterizedTest
  @MethodSource("encodings")
  void encodes(Object value, String json) {
    assertThat(normalized(ValueCodec.encode(value))).isEqualTo(Json.read(json));
  }

  static Stream<Arguments> decodings() {
    String nb = "{\"key\":\"string\",\"min\":0,\"max\":1}";
    return Stream.of(
        Arguments.of("\"integer\"", "5", 5L),
        Arguments.of("\"real\"", "2", 2.0),
        Arguments.of("\"real\"", "2.5", 2.5),
        Arguments.of("\"boolean\"", "false", false),
        Arguments.of("\"string\"", "\"x\"", "x"),
        Arguments.of("\"uuid\"", "[\"uuid\",\"" + U + "\"]", Uuid.of(U)),
        // optional (min 0, max 1): always a set, empty or with one element
        Arguments.of(nb, "[\"set\",[]]", OvsdbSet.empty()),
        Arguments.of(nb, "\"10.0.0.1\"", OvsdbSet.of("10.0.0.1")),
        // unlimited set: a bare atom is a one-element set
        Arguments.of(
            "{\"key\":{\"type\":\"uuid\",\"refTable\":\"NAT\"},\"min\":0,\"max\":\"unlimited\"}",
            "[\"uuid\",\"" + U + "\"]",
            OvsdbSet.of(Uuid.of(U))),
        Arguments.of(
            "{\"key\":\"integer\",\"min\":0,\"max\":\"unlimited\"}",
            "[\"set\",[1,2,3]]",
            OvsdbSet.of(1L, 2L, 3L)),
        Arguments.of(
            "{\"key\":\"string\",\"value\":\"string\",\"min\":0,\"max\":\"unlimited\"}",
            "[\"map\",[[\"a\",\"1\"],[\"b\",\"2\"]]]",
            OvsdbMap.of(Map.of("a", "1", "b", "2"))),
        Arguments.of(
            "{\"key\":\"string\",\"value\":\"integer\",\"min\":0,\"max\":\"unlimited\"}",
            "[\"map\",[]]",
            OvsdbMap.empty()));
  }

  @ParameterizedTest
  @MethodSource("decodings")
  void decodesAccordingToColumnType(String type, String json, Object expected) {
    ColumnType ct = SchemaParser.parseType(Json.read(type));
    assertThat(ValueCodec.decode(Json.read(json), ct)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("decodings")
  void roundTrips(String type, String json, Object expected) {
    ColumnType ct = SchemaParser.parseType(Json.read(type));
    assertThat(ValueCodec.decode(ValueCodec.encode(expected), ct)).isEqualTo(expected);
  }

  static Stream<Arguments> mismatches() {
    return Stream.of(
        Arguments.of("\"integer\"", "\"5\""),
        Arguments.of("\"integer\"", "1.5"),
        Arguments.of("\"string\"", "5"),
        Arguments.of("\"uuid\"", "[\"uuid\",\"not-a-uuid\"]"),
        Arguments.of("\"boolean\"", "null"),
        Arguments.of(
            "{\"key\":\"string\",\"value\":\"string\",\"max\":\"unlimited\"}", "[\"set\",[]]"),
        Arguments.of(
            "{\"key\":\"string\",\"value\":\"string\",\"max\":\"unlimited\"}", "[\"map\",[[1]]]"));
  }

  @ParameterizedTest
  @MethodSource("mismatches")
  void rejectsValuesOfTheWrongType(String type, String json) {
    ColumnType ct = SchemaParser.parseType(Json.read(type));
    assertThatThrownBy(() -> ValueCodec.decode(Json.read(json), ct))
        .isInstanceOf(CodecException.class);
  }

  /** Re-parsed, so that a long 42 compares equal to the int 42 Jackson reads from text. */
  static tools.jackson.databind.JsonNode normalized(tools.jackson.databind.JsonNode node) {
    return Json.read(node.toString());
  }

  @Test
  void refusesToEncodeNonAtoms() {
    assertThatThrownBy(() -> ValueCodec.encode(new Object()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> ValueCodec.encode(null)).isInstanceOf(CodecException.class);
  }

  @Test
  void rowsLeaveOutReadOnlyColumnsAndDecodeUntypedWithoutSchema() {
    Row row = Row.of(Map.of("_uuid", Uuid.of(U), "name", "r1", "nat", OvsdbSet.empty()));
    assertThat(ValueCodec.encodeRow(row))
        .isEqualTo(Json.read("{\"name\":\"r1\",\"nat\":[\"set\",[]]}"));
    Row back = ValueCodec.decodeRow(Json.read("{\"name\":\"r1\",\"n\":3}"), null, Uuid.of(U));
    assertThat(back.columns()).containsEntry("name", "r1").containsEntry("n", 3L);
    assertThat(back.uuid()).contains(Uuid.of(U));
  }
}
