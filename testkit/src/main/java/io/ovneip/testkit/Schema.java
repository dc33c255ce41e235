package io.ovneip.testkit;

import java.nio.file.Path;

/** The databases the testkit can serve, with the schema files Debian's packages install. */
public enum Schema {
  NB("OVN_Northbound", Path.of("/usr/share/ovn/ovn-nb.ovsschema")),
  SB("OVN_Southbound", Path.of("/usr/share/ovn/ovn-sb.ovsschema")),
  OPEN_VSWITCH("Open_vSwitch", Path.of("/usr/share/openvswitch/vswitch.ovsschema"));

  private final String dbName;
  private final Path file;

  Schema(String dbName, Path file) {
    this.dbName = dbName;
    this.file = file;
  }

  /** The database name inside the schema, as clients address it. */
  public String dbName() {
    return dbName;
  }

  /** The schema file; fails with the install command when it is missing. */
  public Path file() {
    return Binaries.requireFile(file);
  }
}
