package io.ovneip.model.input;

import java.util.regex.Pattern;

/** Syntax rules for names that come from users: Kubernetes node names and Linux interface names. */
public final class Names {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private Names() {}

  /**
   * A Linux interface name as the kernel's {@code dev_valid_name()} accepts it: 1..15 bytes (16
   * with the NUL is {@code IFNAMSIZ}), not {@code .} or {@code ..}, no {@code /}, {@code :} (alias
   * syntax) or whitespace. We also require printable ASCII, since the name ends up in OVSDB rows
   * and shell commands an operator types. A name the kernel would refuse can never become a usable
   * OVS port, so it is rejected as bad config. The one rule for the controller and the agent.
   */
  public static boolean isInterfaceName(String name) {
    if (name == null
        || name.isEmpty()
        || name.length() > 15
        || name.equals(".")
        || name.equals("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c > '~' || c == '/' || c == ':') {
        return false;
      }
    }
    return true;
  }

  /** A Kubernetes object name of the DNS-subdomain kind (RFC 1123), which node names are. */
  public static boolean isNodeName(String name) {
    return name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
  }
}
