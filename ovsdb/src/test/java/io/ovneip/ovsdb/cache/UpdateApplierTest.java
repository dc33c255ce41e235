package io.ovneip.ovsdb.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.ovsdb.protocol.codec.CodecException;
import io.ovneip.ovsdb.protocol.codec.Json;
import io.ovneip.ovsdb.protocol.codec.SchemaParser;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateApplierTest {
  static final String U = "11111111-1111-1111-1111-111111111111";
  static final DatabaseSchema SCHEMA =
      SchemaParser.parse(
          Json.read(
              """
              {"name":"T","tables":{"R":{"columns":{
                "s":{"type":"string"},
                "o":{"type":{"key":"string","min":0,"max":1}},
                "set":{"type":{"key":"string","min":0,"max":"unlimited"}},
                "m":{"type":{"key":"string","value":"string","min":0,"max":"unlimited"}}}}}}
              """));
  static final UpdateApplier APPLIER = new UpdateApplier(SCHEMA, MonitorRequest.of("R"));

  static Map<String, Map<Uuid, Row>> base() {
    Row r =
        Row.of(
            Map.of(
                "_uuid", Uuid.of(U),
                "s", "a",
                "o", OvsdbSet.of("x"),
                "set", OvsdbSet.of("1", "2"),
                "m", OvsdbMap.of(Map.of("k", "v", "drop", "d"))));
    return Map.of("R", Map.of(Uuid.of(U), r));
  }

  static Stream<Arguments> modifications() {
    return Stream.of(
        Arguments.of("{\"s\":\"b\"}", "s", "b"),
        // at most one element: the new value, not a toggle (ovsdb_datum_diff)
        Arguments.of("{\"o\":\"y\"}", "o", OvsdbSet.of("y")),
        Arguments.of("{\"o\":[\"set\",[]]}", "o", OvsdbSet.empty()),
        // larger sets: elements toggle
        Arguments.of("{\"set\":[\"set\",[\"2\",\"3\"]]}", "set", OvsdbSet.of("1", "3")),
        Arguments.of("{\"set\":\"1\"}", "set", OvsdbSet.of("2")),
        // maps: new key adds, same pair removes, new value replaces
        Arguments.of(
            "{\"m\":[\"map\",[[\"n\",\"1\"],[\"drop\",\"d\"],[\"k\",\"w\"]]]}",
            "m",
            OvsdbMap.of(Map.of("n", "1", "k", "w"))));
  }

  @ParameterizedTest
  @MethodSource("modifications")
  void modifyAppliesTheDiffOfEachColumnKind(String diff, String column, Object expected) {
    UpdateApplier.Result r =
        APPLIER.apply(base(), Json.read("{\"R\":{\"" + U + "\":{\"modify\":" + diff + "}}}"));
    assertThat(r.tables().get("R").get(Uuid.of(U)).columns()).containsEntry(column, expected);
    assertThat(r.changes().table("R").modified()).containsExactly(Uuid.of(U));
    assertThat(base().get("R").get(Uuid.of(U)).columns().get(column))
        .as("the input is never changed")
        .isNotEqualTo(expected);
  }

  @Test
  void insertFillsDefaultsAndDeleteRemoves() {
    String other = "22222222-2222-2222-2222-222222222222";
    UpdateApplier.Result r =
        APPLIER.apply(
            base(),
            Json.read(
                "{\"R\":{\""
                    + other
                    + "\":{\"insert\":{\"s\":\"new\"}},\""
                    + U
                    + "\":{\"delete\":null}}}"));
    assertThat(r.tables().get("R")).containsOnlyKeys(Uuid.of(other));
    assertThat(r.tables().get("R").get(Uuid.of(other)).columns())
        .containsEntry("_uuid", Uuid.of(other))
        .containsEntry("o", OvsdbSet.empty())
        .containsEntry("set", OvsdbSet.empty())
        .containsEntry("m", OvsdbMap.empty());
    assertThat(r.changes().table("R").inserted()).containsExactly(Uuid.of(other));
    assertThat(r.changes().table("R").deleted()).containsExactly(Uuid.of(U));
  }

  @Test
  void replaceReportsTheDifferenceWithTheOldContent() {
    UpdateApplier.Result r = APPLIER.replace(base(), Json.read("{}"));
    assertThat(r.tables().get("R")).isEmpty();
    assertThat(r.changes().table("R").deleted()).containsExactly(Uuid.of(U));
  }

  @Test
  void modifyOfAnUnknownRowFails() {
    assertThatThrownBy(
            () ->
                APPLIER.apply(
                    Map.of(), Json.read("{\"R\":{\"" + U + "\":{\"modify\":{\"s\":\"b\"}}}}")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(U);
  }

  @Test
  void rowsShareOneInstanceOfTheStringsTheirMapsRepeat() {
    String a = "33333333-3333-3333-3333-333333333333";
    String b = "44444444-4444-4444-4444-444444444444";
    String m = "{\"m\":[\"map\",[[\"vendor\",\"kube-ovn\"]]]}";
    UpdateApplier applier = new UpdateApplier(SCHEMA, MonitorRequest.of("R"));
    UpdateApplier.Result r =
        applier.apply(
            Map.of(),
            Json.read(
                "{\"R\":{\""
                    + a
                    + "\":{\"insert\":"
                    + m
                    + "},\""
                    + b
                    + "\":{\"insert\":"
                    + m
                    + "}}}"));
    Map<Object, Object> ma =
        ((OvsdbMap) r.tables().get("R").get(Uuid.of(a)).columns().get("m")).entries();
    Map<Object, Object> mb =
        ((OvsdbMap) r.tables().get("R").get(Uuid.of(b)).columns().get("m")).entries();
    assertThat(ma).isEqualTo(Map.of("vendor", "kube-ovn")).isEqualTo(mb);
    assertThat(ma.keySet().iterator().next()).isSameAs(mb.keySet().iterator().next());
    assertThat(ma.get("vendor")).isSameAs(mb.get("vendor"));
  }
}
