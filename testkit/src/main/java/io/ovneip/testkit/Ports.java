package io.ovneip.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports, for listeners whose port must be known before the daemon starts. */
public final class Ports {
  private Ports() {}

  /**
   * A port that was free a moment ago. Racy by nature; used only where a daemon cannot pick its own
   * port and report it (RAFT addresses are written into the database file before start).
   */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
