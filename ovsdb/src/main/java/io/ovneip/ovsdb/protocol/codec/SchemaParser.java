package io.ovneip.ovsdb.protocol.codec;

import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.schema.AtomicType;
import io.ovneip.ovsdb.protocol.schema.BaseType;
import io.ovneip.ovsdb.protocol.schema.ColumnSchema;
import io.ovneip.ovsdb.protocol.schema.ColumnType;
import io.ovneip.ovsdb.protocol.schema.DatabaseSchema;
import io.ovneip.ovsdb.protocol.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Parses a {@code <database-schema>} (RFC 7047 section 3.2) as {@code get_schema} returns it. */
public final class SchemaParser {
  private static final ColumnSchema UUID_COLUMN =
      new ColumnSchema("_uuid", ColumnType.scalar(AtomicType.UUID), false, false);
  private static final ColumnSchema VERSION_COLUMN =
      new ColumnSchema("_version", ColumnType.scalar(AtomicType.UUID), false, false);

  private SchemaParser() {}

  public static DatabaseSchema parse(JsonNode node) {
    try {
      Map<String, TableSchema> tables = new HashMap<>();
      for (Map.Entry<String, JsonNode> t : required(node, "tables").properties()) {
        tables.put(t.getKey(), parseTable(t.getKey(), t.getValue()));
      }
      JsonNode version = node.get("version");
      return new DatabaseSchema(
          required(node, "name").stringValue(),
          version == null ? null : version.stringValue(),
          tables);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CodecException("invalid schema: " + e.getMessage(), e);
    }
  }

  private static TableSchema parseTable(String name, JsonNode node) {
    Map<String, ColumnSchema> columns = new HashMap<>();
    columns.put("_uuid", UUID_COLUMN);
    columns.put("_version", VERSION_COLUMN);
    for (Map.Entry<String, JsonNode> c : required(node, "columns").properties()) {
      JsonNode col = c.getValue();
      columns.put(
          c.getKey(),
          new ColumnSchema(
              c.getKey(),
              parseType(required(col, "type")),
              col.path("ephemeral").asBoolean(false),
              col.path("mutable").asBoolean(true)));
    }
    List<List<String>> indexes = new ArrayList<>();
    for (JsonNode index : node.path("indexes")) {
      List<String> cols = new ArrayList<>();
      index.forEach(c -> cols.add(c.stringValue()));
      indexes.add(cols);
    }
    JsonNode maxRows = node.get("maxRows");
    return new TableSchema(
        name,
        columns,
        node.path("isRoot").asBoolean(false),
        maxRows == null ? null : maxRows.longValue(),
        indexes);
  }

  /** {@code <type>}: an atomic-type string, or an object with key, value, min and max. */
  static ColumnType parseType(JsonNode node) {
    if (node.isString()) {
      return ColumnType.scalar(AtomicType.fromWire(node.stringValue()));
    }
    BaseType key = parseBase(required(node, "key"));
    BaseType value = node.has("value") ? parseBase(node.get("value")) : null;
    long min = node.has("min") ? node.get("min").longValue() : 1;
    JsonNode maxNode = node.get("max");
    long max;
    if (maxNode == null) {
      max = 1;
    } else if (maxNode.isString() && "unlimited".equals(maxNode.stringValue())) {
      max = ColumnType.UNLIMITED;
    } else {
      max = maxNode.longValue();
    }
    return new ColumnType(key, value, min, max);
  }

  /** {@code <base-type>}: an atomic-type string, or an object with type and constraints. */
  static BaseType parseBase(JsonNode node) {
    if (node.isString()) {
      return BaseType.of(AtomicType.fromWire(node.stringValue()));
    }
    AtomicType type = AtomicType.fromWire(required(node, "type").stringValue());
    Set<Object> enumValues = Set.of();
    if (node.has("enum")) {
      // The enum is a <set> of atoms of this type (or a single bare atom).
      ColumnType set = new ColumnType(BaseType.of(type), null, 0, ColumnType.UNLIMITED);
      enumValues = ((OvsdbSet) ValueCodec.decode(node.get("enum"), set)).elements();
    }
    JsonNode refType = node.get("refType");
    return new BaseType(
        type,
        enumValues,
        node.has("refTable") ? node.get("refTable").stringValue() : null,
        refType != null && "weak".equals(refType.stringValue()),
        optLong(node, "minInteger"),
        optLong(node, "maxInteger"),
        optDouble(node, "minReal"),
        optDouble(node, "maxReal"),
        optLong(node, "minLength"),
        optLong(node, "maxLength"));
  }

  private static Long optLong(JsonNode node, String field) {
    return node.has(field) ? node.get(field).longValue() : null;
  }

  private static Double optDouble(JsonNode node, String field) {
    return node.has(field) ? node.get(field).doubleValue() : null;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new CodecException("schema element lacks \"" + field + "\": " + node);
    }
    return v;
  }
}
