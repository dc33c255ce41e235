package io.ovneip.sandbox.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@code ovn-nbctl show}, parsed into switches and routers with their ports and NAT
 * entries. Layout (ovn-nbctl 23.03): an entity line {@code switch|router UUID (NAME)}, then
 * 4-space-indented {@code port NAME} / {@code nat UUID} lines, each followed by 8-space-indented
 * {@code key: value} lines. Values keep their quoting ({@code "16:52:..."}, {@code ["unknown"]}).
 */
record NbShow(List<Entity> entities) {
  private static final Pattern ENTITY = Pattern.compile("^(switch|router) (\\S+) \\((.*)\\)$");
  private static final Pattern CHILD = Pattern.compile("^ {4}(port|nat) (.+)$");
  private static final Pattern PROPERTY = Pattern.compile("^ {8}([^:]+): (.*)$");

  NbShow {
    entities = List.copyOf(entities);
  }

  /** A switch or router, its ports by name and its NAT entries in order. */
  record Entity(
      String kind,
      String name,
      Map<String, Map<String, String>> ports,
      List<Map<String, String>> nats) {}

  static NbShow parse(String text) {
    List<Entity> entities = new ArrayList<>();
    Map<String, Map<String, String>> ports = null;
    List<Map<String, String>> nats = null;
    Map<String, String> current = null;
    for (String line : text.split("\n")) {
      Matcher m;
      if ((m = ENTITY.matcher(line)).matches()) {
        ports = new LinkedHashMap<>();
        nats = new ArrayList<>();
        entities.add(new Entity(m.group(1), m.group(3), ports, nats));
        current = null;
      } else if (ports != null && (m = CHILD.matcher(line)).matches()) {
        current = new LinkedHashMap<>();
        if (m.group(1).equals("port")) {
          ports.put(m.group(2), current);
        } else {
          nats.add(current);
        }
      } else if (current != null && (m = PROPERTY.matcher(line)).matches()) {
        current.put(m.group(1), m.group(2));
      }
    }
    return new NbShow(entities);
  }

  Optional<Entity> find(String kind, String name) {
    return entities.stream()
        .filter(e -> e.kind().equals(kind) && e.name().equals(name))
        .findFirst();
  }

  /** The port's properties, empty when the entity or the port is missing. */
  Map<String, String> port(String kind, String entity, String port) {
    return find(kind, entity).map(e -> e.ports().get(port)).orElse(Map.of());
  }

  /** The router's NAT entries as (type, external ip, logical ip), quotes removed. */
  List<NatList.Nat> nats(String router) {
    return find("router", router).map(Entity::nats).orElse(List.of()).stream()
        .map(
            n ->
                new NatList.Nat(
                    unquote(n.get("type")),
                    unquote(n.get("external ip")),
                    unquote(n.get("logical ip"))))
        .toList();
  }

  static String unquote(String v) {
    if (v == null) {
      return "";
    }
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }
}
