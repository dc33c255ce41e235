package io.ovneip.ovsdb.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.ovsdb.protocol.schema.AtomicType;
import io.ovneip.ovsdb.protocol.schema.ColumnType;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import io.ovneip.ovsdb.protocol.schema.TableSchema;
import org.junit.jupiter.api.Test;

class SchemaParserTest {
  static final String SCHEMA =
      """
      {"name": "OVN_Northbound", "version": "7.0.0",
       "tables": {
         "Logical_Router": {
           "columns": {
             "name": {"type": "string"},
             "nat": {"type": {"key": {"type": "uuid", "refTable": "NAT", "refType": "strong"},
                              "min": 0, "max": "unlimited"}},
             "enabled": {"type": {"key": "boolean", "min": 0, "max": 1}},
             "external_ids": {"type": {"key": "string", "value": "string",
                                       "min": 0, "max": "unlimited"}}},
           "isRoot": true},
         "NAT": {
           "columns": {
             "type": {"type": {"key": {"type": "string",
                                       "enum": ["set", ["dnat", "snat", "dnat_and_snat"]]}}},
             "priority": {"type": {"key": {"type": "integer", "minInteger": 0,
                                           "maxInteger": 32767}}, "mutable": false},
             "gateway_port": {"type": {"key": {"type": "uuid", "refTable": "Logical_Router_Port",
                                               "refType": "weak"}, "min": 0, "max": 1}}},
           "isRoot": false, "indexes": [["type", "priority"]], "maxRows": 100}}}
      """;

  @Test
  void parsesTablesColumnsAndConstraints() {
    DatabaseSchema s = SchemaParser.parse(Json.read(SCHEMA));
    assertThat(s.name()).isEqualTo("OVN_Northbound");
    assertThat(s.version()).isEqualTo("7.0.0");

    TableSchema lr = s.requireTable("Logical_Router");
    assertThat(lr.root()).isTrue();
    assertThat(lr.requireColumn("name").type().isScalar()).isTrue();
    ColumnType nat = lr.requireColumn("nat").type();
    assertThat(nat.isSet()).isTrue();
    assertThat(nat.max()).isEqualTo(ColumnType.UNLIMITED);
    assertThat(nat.key().refTable()).isEqualTo("NAT");
    assertThat(nat.key().weakRef()).isFalse();
    assertThat(lr.requireColumn("enabled").type().isOptional()).isTrue();
    assertThat(lr.requireColumn("external_ids").type().isMap()).isTrue();
    assertThat(lr.requireColumn("_uuid").type()).isEqualTo(ColumnType.scalar(AtomicType.UUID));
    assertThat(lr.column("_version")).isPresent();

    TableSchema natT = s.requireTable("NAT");
    assertThat(natT.root()).isFalse();
    assertThat(natT.maxRows()).isEqualTo(100L);
    assertThat(natT.indexes()).containsExactly(java.util.List.of("type", "priority"));
    assertThat(natT.requireColumn("type").type().key().enumValues())
        .containsExactlyInAnyOrder("dnat", "snat", "dnat_and_snat");
    assertThat(natT.requireColumn("priority").type().key().maxInteger()).isEqualTo(32767L);
    assertThat(natT.requireColumn("priority").mutable()).isFalse();
    assertThat(natT.requireColumn("gateway_port").type().key().weakRef()).isTrue();
  }

  @Test
  void rejectsMalformedSchemas() {
    assertThatThrownBy(() -> SchemaParser.parse(Json.read("{\"name\":\"x\"}")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("tables");
    assertThatThrownBy(
            () ->
                SchemaParser.parse(
                    Json.read(
                        "{\"name\":\"x\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":\"float\"}}}}}")))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("float");
  }

  @Test
  void lookupsNameWhatIsMissing() {
    DatabaseSchema s = SchemaParser.parse(Json.read(SCHEMA));
    assertThatThrownBy(() -> s.requireTable("Nope")).hasMessageContaining("Nope");
    assertThatThrownBy(() -> s.requireTable("NAT").requireColumn("nope"))
        .hasMessageContaining("NAT")
        .hasMessageContaining("nope");
  }
}
