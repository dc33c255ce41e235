package io.ovneip.ovsdb.protocol.codec;

import io.ovneip.ovsdb.protocol.NamedUuid;
import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.OvsdbSet;
import io.ovneip.ovsdb.protocol.Row;
import io.ovneip.ovsdb.protocol.Uuid;
import io.ovneip.ovsdb.protocol.schema.AtomicType;
import io.ovneip.ovsdb.protocol.schema.BaseType;
import io.ovneip.ovsdb.protocol.schema.ColumnSchema;
import io.ovneip.ovsdb.protocol.schema.ColumnType;
import io.ovneip.ovsdb.protocol.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values and rows to and from the wire (RFC 7047 section 5.1, {@code <value>}, {@code <atom>},
 * {@code <set>}, {@code <map>}, {@code <row>}).
 */
public final class ValueCodec {
  private ValueCodec() {}

  /**
   * Encodes a Java value. Sets are always sent tagged ({@code ["set", [...]]}), which the RFC
   * allows for any size; integers of any boxed width are sent as integers.
   */
  public static JsonNode encode(Object value) {
    if (value instanceof OvsdbSet s) {
      ArrayNode elems = Json.array();
      s.elements().forEach(e -> elems.add(encodeAtom(e)));
      return Json.tagged("set", elems);
    }
    if (value instanceof OvsdbMap m) {
      ArrayNode pairs = Json.array();
      m.entries()
          .forEach(
              (k, v) -> {
                ArrayNode pair = pairs.addArray();
                pair.add(encodeAtom(k));
                pair.add(encodeAtom(v));
              });
      return Json.tagged("map", pairs);
    }
    return encodeAtom(value);
  }

  static JsonNode encodeAtom(Object atom) {
    if (atom instanceof String s) {
      return Json.NODES.stringNode(s);
    }
    if (atom instanceof Long || atom instanceof Integer || atom instanceof Short) {
      return Json.NODES.numberNode(((Number) atom).longValue());
    }
    if (atom instanceof Double || atom instanceof Float) {
      return Json.NODES.numberNode(((Number) atom).doubleValue());
    }
    if (atom instanceof Boolean b) {
      return Json.NODES.booleanNode(b);
    }
    if (atom instanceof Uuid u) {
      return Json.tagged("uuid", Json.NODES.stringNode(u.value()));
    }
    if (atom instanceof NamedUuid n) {
      return Json.tagged("named-uuid", Json.NODES.stringNode(n.name()));
    }
    throw new CodecException(
        "not an OVSDB atom: " + (atom == null ? "null" : atom.getClass().getName()));
  }

  /** Encodes a row, leaving out the read-only {@code _uuid} and {@code _version}. */
  public static ObjectNode encodeRow(Row row) {
    ObjectNode o = Json.object();
    row.columns().entrySet().stream()
        .filter(e -> !e.getKey().equals("_uuid") && !e.getKey().equals("_version"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> o.set(e.getKey(), encode(e.getValue())));
    return o;
  }

  /** Decodes a value of the given column type (see {@link ColumnType} for the result kinds). */
  public static Object decode(JsonNode node, ColumnType type) {
    if (type.isMap()) {
      Map<Object, Object> entries = new HashMap<>();
      for (JsonNode pair : untag(node, "map")) {
        if (!pair.isArray() || pair.size() != 2) {
          throw new CodecException("map pair is not [key, value]: " + pair);
        }
        entries.put(decodeAtom(pair.get(0), type.key()), decodeAtom(pair.get(1), type.value()));
      }
      return new OvsdbMap(entries);
    }
    if (type.isScalar()) {
      return decodeAtom(node, type.key());
    }
    if (isTagged(node, "set")) {
      List<Object> elems = new ArrayList<>();
      for (JsonNode e : untag(node, "set")) {
        elems.add(decodeAtom(e, type.key()));
      }
      return OvsdbSet.ofAll(elems);
    }
    return OvsdbSet.of(decodeAtom(node, type.key())); // a one-element set may travel bare
  }

  /** Decodes one atom of the given base type; fails when the JSON does not have that type. */
  public static Object decodeAtom(JsonNode node, BaseType base) {
    AtomicType t = base.type();
    switch (t) {
      case INTEGER:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return node.longValue();
        }
        break;
      case REAL:
        if (node.isNumber()) {
          return node.doubleValue(); // ovsdb-server prints 2.0 as 2
        }
        break;
      case BOOLEAN:
        if (node.isBoolean()) {
          return node.booleanValue();
        }
        break;
      case STRING:
        if (node.isString()) {
          return node.stringValue();
        }
        break;
      case UUID:
        if (isTagged(node, "uuid") || isTagged(node, "named-uuid")) {
          return decodeUntyped(node);
        }
        break;
      default:
        break;
    }
    throw new CodecException("expected " + t.wire() + ", got " + node);
  }

  /**
   * Decodes a value without a schema (for columns the schema does not know): one-element sets come
   * back as their bare atom, and an integral real as a Long.
   */
  public static Object decodeUntyped(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isString()) {
      return node.stringValue();
    }
    try {
      if (isTagged(node, "uuid")) {
        return new Uuid(node.get(1).stringValue());
      }
      if (isTagged(node, "named-uuid")) {
        return new NamedUuid(node.get(1).stringValue());
      }
    } catch (RuntimeException e) {
      throw new CodecException("bad uuid: " + node, e);
    }
    if (isTagged(node, "set")) {
      List<Object> elems = new ArrayList<>();
      untag(node, "set").forEach(e -> elems.add(decodeUntyped(e)));
      return OvsdbSet.ofAll(elems);
    }
    if (isTagged(node, "map")) {
      Map<Object, Object> entries = new HashMap<>();
      for (JsonNode pair : untag(node, "map")) {
        entries.put(decodeUntyped(pair.get(0)), decodeUntyped(pair.get(1)));
      }
      return new OvsdbMap(entries);
    }
    throw new CodecException("not an OVSDB value: " + node);
  }

  /**
   * Decodes a {@code <row>} object. Columns are decoded with {@code table}'s schema; a column the
   * schema lacks (or a null table) is decoded untyped. {@code uuid}, when not null, is added as
   * {@code _uuid} (monitor updates carry it outside the row).
   */
  public static Row decodeRow(JsonNode node, TableSchema table, Uuid uuid) {
    if (!node.isObject()) {
      throw new CodecException("row is not an object: " + node);
    }
    Map<String, Object> cols = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      ColumnSchema c = table == null ? null : table.column(e.getKey()).orElse(null);
      cols.put(
          e.getKey(), c == null ? decodeUntyped(e.getValue()) : decode(e.getValue(), c.type()));
    }
    if (uuid != null) {
      cols.put("_uuid", uuid);
    }
    return new Row(cols);
  }

  static boolean isTagged(JsonNode node, String tag) {
    return node.isArray()
        && node.size() == 2
        && node.get(0).isString()
        && tag.equals(node.get(0).stringValue());
  }

  private static JsonNode untag(JsonNode node, String tag) {
    if (!isTagged(node, tag) || !node.get(1).isArray()) {
      throw new CodecException("expected [\"" + tag + "\", [...]], got " + node);
    }
    return node.get(1);
  }
}
