package io.ovneip.model.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The config recorded in our gateway router port (docs/behaviour.md §2.1). */
class RecordedConfigTest {

  private static GatewayConfig parsed(Map<String, String> data) {
    return GatewayConfigParser.parse(data).value().orElseThrow();
  }

  private static Map<String, String> centralized() {
    Map<String, String> data = new HashMap<>();
    data.put("enable-external-gw", "true");
    data.put("type", "centrailized");
    data.put("external-gw-nodes", " node-b , node-a ");
    data.put("external-gw-nic", "eth1");
    data.put("external-gw-addr", "172.56.0.1/16");
    data.put("nic-ip", "172.56.0.254/16");
    return data;
  }

  @Test
  void centralizedConfigWithDerivedMacRoundTrips() {
    GatewayConfig config = parsed(centralized());
    assertEquals(Optional.of(config), RecordedConfig.decode(RecordedConfig.encode(config).get()));
  }

  @Test
  void dualStackPreemptiveDistributedConfigWithBfdRoundTrips() {
    Map<String, String> data = new HashMap<>(centralized());
    data.put("type", "distributed");
    data.remove("external-gw-nodes");
    data.put("external-gw-addr", "172.56.0.1/16,fd00:56::1/64");
    data.put("nic-ip", "fd00:56::fe/64, 172.56.0.254/16");
    data.put("nic-mac", "0A:00:00:00:00:01");
    data.put("gateway-failback", "preemptive");
    data.put("gateway-bfd-interval-ms", "200");
    GatewayConfig config = parsed(data);
    assertEquals(Optional.of(config), RecordedConfig.decode(RecordedConfig.encode(config).get()));
  }

  @Test
  void separatorsInValuesAreEscaped() {
    Map<String, String> data = new HashMap<>(centralized());
    data.put("external-gw-nic", "e&t=h%1");
    GatewayConfig config = parsed(data);
    String record = RecordedConfig.encode(config).get();
    assertEquals(Optional.of(config), RecordedConfig.decode(record));
    assertTrue(record.contains("external-gw-nic=e%26t%3Dh%251"), record);
  }

  @Test
  void encodingIsCanonicalSortedKeyValuePairs() {
    GatewayConfig config = parsed(centralized());
    assertEquals(
        "enable-external-gw=true&external-gw-addr=172.56.0.1/16&external-gw-nic=eth1"
            + "&external-gw-nodes=node-b,node-a&gateway-failback=non-preemptive"
            + "&nic-ip=172.56.0.254/16&nic-mac="
            + config.mac().orElseThrow().text()
            + "&type=centralized",
        RecordedConfig.encode(config).get());
  }

  @Test
  void disabledConfigIsNotRecorded() {
    assertEquals(Optional.empty(), RecordedConfig.encode(GatewayConfig.disabled()));
  }

  @Test
  void aConfigLargerThanTheBoundIsNotRecorded() {
    Map<String, String> data = new HashMap<>(centralized());
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      nodes.append(i == 0 ? "" : ",").append("gateway-node-number-").append(i);
    }
    data.put("external-gw-nodes", nodes.toString());
    assertEquals(Optional.empty(), RecordedConfig.encode(parsed(data)));
  }

  @Test
  void malformedOrInvalidRecordsGiveNoConfig() {
    assertEquals(Optional.empty(), RecordedConfig.decode(null));
    assertEquals(Optional.empty(), RecordedConfig.decode(""));
    assertEquals(Optional.empty(), RecordedConfig.decode("enable-external-gw"));
    assertEquals(Optional.empty(), RecordedConfig.decode("enable-external-gw=%zz"));
    assertEquals(
        Optional.empty(), RecordedConfig.decode("enable-external-gw=true&enable-external-gw=true"));
    // Valid encoding, but the parser refuses it (no nic): never a config the parser would refuse.
    assertEquals(
        Optional.empty(),
        RecordedConfig.decode("enable-external-gw=true&type=distributed&nic-ip=1.2.3.4%2F24"));
    // A disabled config builds no gateway rows, so it is never a last good config to take.
    assertEquals(Optional.empty(), RecordedConfig.decode("enable-external-gw=false"));
  }
}
