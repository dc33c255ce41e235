package io.ovneip.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OvsdbExtension.class)
class OvsdbServerIT {

  @Test
  void servesNorthboundOnTcpAndUnix(OvsdbServer nb) {
    assertThat(nb.isRunning()).isTrue();
    assertThat(nb.ovsdbClient("list-dbs")).contains("OVN_Northbound").contains("_Server");
    String overTcp =
        Exec.check(
            nb.dir(),
            Duration.ofSeconds(15),
            "ovsdb-client",
            "--timeout=10",
            "list-dbs",
            nb.tcpRemote());
    assertThat(overTcp).contains("OVN_Northbound");
  }

  @Test
  void servesOpenVswitch(@WithSchema(Schema.OPEN_VSWITCH) OvsdbServer ovs) {
    assertThat(ovs.dbName()).isEqualTo("Open_vSwitch");
    assertThat(ovs.ovsdbClient("list-dbs")).contains("Open_vSwitch");
  }

  @Test
  void killAndRestartKeepPortAndData(@WithSchema(Schema.SB) OvsdbServer sb) {
    String remote = sb.tcpRemote();
    sb.ovsdbClient(
        "transact", "[\"OVN_Southbound\",{\"op\":\"insert\",\"table\":\"SB_Global\",\"row\":{}}]");
    long pid = sb.pid();

    sb.kill();
    assertThat(sb.isRunning()).isFalse();
    assertThat(Processes.alive(pid)).isFalse();

    sb.restart();
    assertThat(sb.tcpRemote()).isEqualTo(remote);
    assertThat(sb.pid()).isNotEqualTo(pid);
    assertThat(sb.ovsdbClient("dump", "OVN_Southbound", "SB_Global")).contains("SB_Global table");
    String rows =
        sb.ovsdbClient(
            "transact",
            "[\"OVN_Southbound\",{\"op\":\"select\",\"table\":\"SB_Global\",\"where\":[]}]");
    assertThat(rows).contains("_uuid");
  }

  @Test
  void closeStopsTheDaemonAndDeletesItsDir() {
    OvsdbServer server = OvsdbServer.start(Schema.NB);
    long pid = server.pid();
    Path dir = server.dir();
    assertThat(Processes.alive(pid)).isTrue();

    server.close();

    assertThat(Processes.alive(pid)).isFalse();
    assertThat(Files.exists(dir)).isFalse();
    server.close(); // idempotent
  }
}
