package io.ovneip.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * A real {@code ovn-northd} translating an NB database into an SB database. Files live in the given
 * dir (usually the dir of one of the servers); {@link #close()} stops it.
 */
public final class OvnNorthd implements AutoCloseable {
  private final Daemon daemon;

  private OvnNorthd(Daemon daemon) {
    this.daemon = daemon;
  }

  /**
   * Starts {@code ovn-northd --ovnnb-db=nbRemote --ovnsb-db=sbRemote} with files in {@code dir}.
   */
  public static OvnNorthd start(Path dir, String nbRemote, String sbRemote) {
    return new OvnNorthd(
        Daemon.start(
            dir,
            "ovn-northd",
            "ovn-northd",
            List.of("--ovnnb-db=" + nbRemote, "--ovnsb-db=" + sbRemote)));
  }

  public long pid() {
    return daemon.pid();
  }

  public boolean isRunning() {
    return daemon.alive();
  }

  public Path logFile() {
    return daemon.log();
  }

  /** Stops the daemon (SIGTERM, then SIGKILL). Idempotent. */
  @Override
  public void close() {
    daemon.stop();
  }
}
