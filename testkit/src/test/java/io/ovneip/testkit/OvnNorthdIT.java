package io.ovneip.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OvsdbExtension.class)
class OvnNorthdIT {

  @Test
  void translatesNorthboundIntoSouthbound(OvsdbServer nb, @WithSchema(Schema.SB) OvsdbServer sb) {
    nb.ovsdbClient(
        "transact",
        "[\"OVN_Northbound\",{\"op\":\"insert\",\"table\":\"Logical_Switch\",\"row\":{\"name\":\"ls1\"}}]");
    long pid;
    try (OvnNorthd northd = OvnNorthd.start(nb.dir(), nb.unixRemote(), sb.unixRemote())) {
      pid = northd.pid();
      assertThat(northd.isRunning()).isTrue();
      Waits.require(
          Duration.ofSeconds(20),
          "ovn-northd to create the switch's Datapath_Binding",
          () -> sb.ovsdbClient("dump", "OVN_Southbound", "Datapath_Binding").contains("ls1"));
    }
    assertThat(Processes.alive(pid)).isFalse();
  }
}
