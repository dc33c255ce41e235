package io.ovneip.sandbox.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of {@code ovn-nbctl lr-nat-list ROUTER}: a header line ({@code TYPE GATEWAY_PORT
 * EXTERNAL_IP EXTERNAL_PORT LOGICAL_IP EXTERNAL_MAC LOGICAL_PORT}) and one row per NAT. Empty
 * columns print as blanks, so a row is read as its type followed by its first two IP addresses: the
 * external and the logical one.
 */
record NatList(List<Nat> rows) {
  private static final Pattern IP = Pattern.compile("[0-9a-fA-F.:]+(/\\d+)?");

  NatList {
    rows = List.copyOf(rows);
  }

  /** One NAT rule as the user reads it. */
  record Nat(String type, String externalIp, String logicalIp) {
    @Override
    public String toString() {
      return type + " " + externalIp + " -> " + logicalIp;
    }
  }

  static NatList parse(String text) {
    List<Nat> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] t = line.trim().split("\\s+");
      if (t.length < 3 || t[0].equals("TYPE") || !t[0].matches("[a-z_]+")) {
        continue;
      }
      List<String> ips = new ArrayList<>();
      for (int i = 1; i < t.length && ips.size() < 2; i++) {
        if (IP.matcher(t[i]).matches() && (t[i].contains(".") || t[i].contains(":"))) {
          ips.add(t[i]);
        }
      }
      if (ips.size() == 2) {
        rows.add(new Nat(t[0], ips.get(0), ips.get(1)));
      }
    }
    return new NatList(rows);
  }

  boolean has(String type, String externalIp, String logicalIp) {
    return rows.contains(new Nat(type, externalIp, logicalIp));
  }

  boolean hasExternal(String externalIp) {
    return rows.stream().anyMatch(n -> n.externalIp().equals(externalIp));
  }
}
