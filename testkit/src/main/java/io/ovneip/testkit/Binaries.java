package io.ovneip.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Open vSwitch / OVN executables on {@code PATH} (plus the sbin dirs Debian uses). */
public final class Binaries {
  /** The command that installs every binary the testkit uses on Debian 12. */
  public static final String INSTALL_COMMAND =
      "apt-get install -y openvswitch-switch ovn-central ovn-host ovn-common";

  private Binaries() {}

  /**
   * Returns the absolute path of {@code name}, or throws naming the install command. Debian puts
   * {@code ovsdb-server} and {@code ovs-vswitchd} in {@code /usr/sbin}, which a non-root {@code
   * PATH} may lack, so the sbin dirs are searched too.
   */
  public static Path require(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    String searched = path + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
    for (String dir : searched.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "required binary '"
            + name
            + "' not found on PATH ("
            + searched
            + "); install it with: "
            + INSTALL_COMMAND);
  }

  /** The schema file path, or an exception naming the package that ships it. */
  public static Path requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "required file " + file + " not found; install it with: " + INSTALL_COMMAND);
    }
    return file;
  }
}
