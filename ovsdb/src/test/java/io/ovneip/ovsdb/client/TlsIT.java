package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mutual TLS against ovsdb-server's pssl: remote, with certificates generated here. */
class TlsIT {
  static Path pkiDir;
  static TestPki pki;
  static TestPki otherPki;
  static OvsdbServer server;

  @BeforeAll
  static void start() throws Exception {
    pkiDir = TempDirs.create("ovsdb-pki-");
    pki = new TestPki(pkiDir, "ovneip");
    otherPki = new TestPki(pkiDir, "intruder");
    TestPki.Identity s = pki.issue("ovsdb-server", true);
    server =
        OvsdbServer.builder(Schema.NB)
            .tls(new OvsdbServer.Tls(s.key(), s.cert(), pki.caCertFile()))
            .start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    TempDirs.delete(pkiDir);
  }

  static OvsdbClientOptions options(TestPki.Identity me, Path ca) {
    return OvsdbClientOptions.builder(server.sslRemote())
        .tls(me.key(), me.cert(), ca)
        .connectTimeout(Duration.ofSeconds(3))
        .build();
  }

  @Test
  void mutualTlsWithPkcs1AndPkcs8Keys() throws Exception {
    for (boolean pkcs8 : List.of(false, true)) {
      TestPki.Identity me = pki.issue("controller-" + pkcs8, pkcs8);
      assertThat(Files.readString(me.key()))
          .contains(pkcs8 ? "BEGIN PRIVATE KEY" : "BEGIN RSA PRIVATE KEY");
      try (OvsdbClient client = OvsdbClient.connect(options(me, pki.caCertFile()))) {
        assertThat(client.listDatabases()).contains("OVN_Northbound");
        assertThat(client.transact(Nb.DB, List.of(Nb.insertRouter("tls-" + pkcs8)))).hasSize(1);
      }
    }
  }

  @Test
  void refusesAServerSignedByAnotherCa() throws Exception {
    TestPki.Identity me = pki.issue("wrong-trust", true);
    assertThatThrownBy(() -> OvsdbClient.connect(options(me, otherPki.caCertFile())))
        .isInstanceOf(OvsdbTimeoutException.class)
        .hasMessageContaining("could not connect")
        .hasMessageContaining("SSLHandshakeException");
  }

  @Test
  void serverRefusesAClientSignedByAnotherCa() throws Exception {
    TestPki.Identity stranger = otherPki.issue("stranger", true);
    assertThatThrownBy(() -> OvsdbClient.connect(options(stranger, pki.caCertFile())))
        .isInstanceOf(OvsdbTimeoutException.class)
        .hasMessageContaining("could not connect")
        .hasMessageContaining(server.sslRemote());
  }
}
