package io.ovneip.model.ovs;

/**
 * Linux network interface names, as the kernel's {@code dev_valid_name()} accepts them: 1 to 15
 * bytes ({@code IFNAMSIZ} 16 with the NUL), not "." or "..", no '/', ':' or whitespace. A name the
 * kernel would refuse can never become a usable OVS port, so it is rejected as bad config.
 */
public final class InterfaceNames {
  private static final int MAX_LENGTH = 15;

  private InterfaceNames() {}

  public static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    if (name.equals(".") || name.equals("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == ':' || Character.isWhitespace(c) || c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
