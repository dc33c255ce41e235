package io.ovneip.agent;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a network device exists on this host. The agent asks before adding the NIC: a port for a
 * missing device would only carry vswitchd's "could not open network device" error, and the
 * operator gets a clearer Event this way.
 */
@FunctionalInterface
public interface NicProbe {
  boolean exists(String nic);

  /** The kernel's view: {@code /sys/class/net/<nic>} (the agent runs in the host's netns). */
  static NicProbe sysfs() {
    return nic -> Files.exists(Path.of("/sys/class/net", nic));
  }
}
