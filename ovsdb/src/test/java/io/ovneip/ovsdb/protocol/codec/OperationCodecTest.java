package io.ovneip.ovsdb.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovneip.ovsdb.protocol.Condition;
import io.ovneip.ovsdb.protocol.Mutation;
import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.Operation;
import io.ovneip.ovsdb.protocol.OperationResult;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OperationCodecTest {
  static final String U = "b2a5f8a4-1e24-4c46-a8a1-4a3b2c1d0e9f";

  static Stream<Arguments> operations() {
    return Stream.of(
        Arguments.of(
            new Operation.Insert("NAT", Row.of(Map.of("type", "snat")), "nat0"),
            "{\"op\":\"insert\",\"table\":\"NAT\",\"row\":{\"type\":\"snat\"},\"uuid-name\":\"nat0\"}"),
        Arguments.of(
            new Operation.Insert("NAT", Row.of(Map.of()), null),
            "{\"op\":\"insert\",\"table\":\"NAT\",\"row\":{}}"),
        Arguments.of(
            new Operation.Select("NAT", List.of(Condition.eq("type", "snat")), List.of("_uuid")),
            "{\"op\":\"select\",\"table\":\"NAT\",\"where\":[[\"type\",\"==\",\"snat\"]],"
                + "\"columns\":[\"_uuid\"]}"),
        Arguments.of(
            new Operation.Select("NAT", List.of(), null),
            "{\"op\":\"select\",\"table\":\"NAT\",\"where\":[]}"),
        Arguments.of(
            new Operation.Update(
                "NAT", List.of(Condition.eq("_uuid", Uuid.of(U))), Row.of(Map.of("priority", 5L))),
            "{\"op\":\"update\",\"table\":\"NAT\",\"where\":[[\"_uuid\",\"==\",[\"uuid\",\""
                + U
                + "\"]]],\"row\":{\"priority\":5}}"),
        Arguments.of(
            new Operation.Mutate(
                "Logical_Router",
                List.of(Condition.eq("name", "r")),
                List.of(Mutation.insert("nat", OvsdbSet.of(new NamedUuid("nat0"))))),
            "{\"op\":\"mutate\",\"table\":\"Logical_Router\",\"where\":[[\"name\",\"==\",\"r\"]],"
                + "\"mutations\":[[\"nat\",\"insert\",[\"set\",[[\"named-uuid\",\"nat0\"]]]]]}"),
        Arguments.of(
            new Operation.Delete(
                "NAT", List.of(new Condition("priority", Condition.Function.GT, 3L))),
            "{\"op\":\"delete\",\"table\":\"NAT\",\"where\":[[\"priority\",\">\",3]]}"),
        Arguments.of(
            new Operation.Wait(
                "NAT",
                List.of(),
                List.of("type"),
                "==",
                List.of(Row.of(Map.of("type", "snat"))),
                0L),
            "{\"op\":\"wait\",\"table\":\"NAT\",\"where\":[],\"columns\":[\"type\"],\"until\":\"==\","
                + "\"rows\":[{\"type\":\"snat\"}],\"timeout\":0}"),
        Arguments.of(
            new Operation.Wait(
                "NB_Global",
                List.of(),
                List.of("_uuid"),
                "==",
                List.of(
                    Row.of(
                        Map.of(
                            "_uuid",
                            new io.ovneip.ovsdb.protocol.Uuid(
                                "6f62cf16-26f6-415e-9fc7-79db141a4aaf")))),
                0L),
            "{\"op\":\"wait\",\"table\":\"NB_Global\",\"where\":[],\"columns\":[\"_uuid\"],"
                + "\"until\":\"==\",\"rows\":[{\"_uuid\":[\"uuid\","
                + "\"6f62cf16-26f6-415e-9fc7-79db141a4aaf\"]}],\"timeout\":0}"),
        Arguments.of(new Operation.Commit(true), "{\"op\":\"commit\",\"durable\":true}"),
        Arguments.of(new Operation.Abort(), "{\"op\":\"abort\"}"),
        Arguments.of(new Operation.Comment("hi"), "{\"op\":\"comment\",\"comment\":\"hi\"}"),
        Arguments.of(new Operation.Assert("l"), "{\"op\":\"assert\",\"lock\":\"l\"}"));
  }

  @ParameterizedTest
  @MethodSource("operations")
  void encodesEveryOperation(Operation op, String json) {
    assertThat(ValueCodecTest.normalized(OperationCodec.encode(op))).isEqualTo(Json.read(json));
  }

  @Test
  void transactParamsStartWithTheDatabase() {
    assertThat(OperationCodec.transactParams("db", List.of(new Operation.Abort())))
        .isEqualTo(Json.read("[\"db\",{\"op\":\"abort\"}]"));
  }

  @Test
  void decodesResultsWithTheTableSchema() {
    DatabaseSchema s = SchemaParser.parse(Json.read(SchemaParserTest.SCHEMA));
    Operation select = new Operation.Select("Logical_Router", List.of(), null);
    OperationResult r =
        OperationCodec.decodeResult(
            Json.read(
                "{\"rows\":[{\"name\":\"r\",\"enabled\":[\"set\",[]],\"nat\":[\"uuid\",\""
                    + U
                    + "\"]}]}"),
            select,
            s);
    assertThat(r.selectedRows())
        .containsExactly(
            Row.of(
                Map.of("name", "r", "enabled", OvsdbSet.empty(), "nat", OvsdbSet.of(Uuid.of(U)))));

    OperationResult ins =
        OperationCodec.decodeResult(
            Json.read("{\"uuid\":[\"uuid\",\"" + U + "\"]}"),
            new Operation.Insert("NAT", Row.of(Map.of()), null),
            s);
    assertThat(ins.insertedUuid()).contains(Uuid.of(U));
    assertThat(
            OperationCodec.decodeResult(Json.read("{\"count\":2}"), new Operation.Abort(), s)
                .countOrZero())
        .isEqualTo(2);
  }
}
