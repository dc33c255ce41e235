package io.ovneip.sandbox;

import io.ovneip.testkit.OvnNorthd;
import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import java.nio.file.Path;

/**
 * OVN's central part as Debian's {@code ovn-central} package runs it: NB and SB ovsdb-servers on
 * free loopback ports and ovn-northd between them. All three are detached daemons (they outlive
 * this JVM if it is killed) with their files under one dir; each pid is recorded as soon as it is
 * known so that {@code down} finds it even if this JVM dies before {@link #close}.
 */
final class OvnCentral implements AutoCloseable {
  private final OvsdbServer nb;
  private final OvsdbServer sb;
  private final OvnNorthd northd;

  private OvnCentral(OvsdbServer nb, OvsdbServer sb, OvnNorthd northd) {
    this.nb = nb;
    this.sb = sb;
    this.northd = northd;
  }

  static OvnCentral start(Path dir, Path pidsDir) {
    OvsdbServer nb = null;
    OvsdbServer sb = null;
    try {
      nb = OvsdbServer.builder(Schema.NB).dir(dir).name("ovnnb_db").start();
      PidRecords.write(pidsDir, "ovnnb_db", nb.pid());
      sb = OvsdbServer.builder(Schema.SB).dir(dir).name("ovnsb_db").start();
      PidRecords.write(pidsDir, "ovnsb_db", sb.pid());
      // TCP rather than the unix sockets: a long sandbox dir could exceed the 108-byte socket
      // limit.
      OvnNorthd northd = OvnNorthd.start(dir, nb.tcpRemote(), sb.tcpRemote());
      PidRecords.write(pidsDir, "ovn-northd", northd.pid());
      return new OvnCentral(nb, sb, northd);
    } catch (RuntimeException e) {
      stopQuietly(sb, e);
      stopQuietly(nb, e);
      throw e;
    }
  }

  String nbRemote() {
    return nb.tcpRemote();
  }

  String sbRemote() {
    return sb.tcpRemote();
  }

  /** Stops northd, then the databases (SIGTERM, SIGKILL after a while); files stay. */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (Runnable stop : new Runnable[] {northd::close, sb::stop, nb::stop}) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void stopQuietly(OvsdbServer server, RuntimeException cause) {
    if (server != null) {
      try {
        server.stop();
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
