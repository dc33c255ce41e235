package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ovneip.testkit.OvsdbServer;
import io.ovneip.testkit.Schema;
import io.ovneip.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  @Test
  void sec1EcKeyAsCertManagerWritesIt() throws Exception {
    TestPki.Identity me = pki.issueEc("controller-ec");
    assertThat(Files.readString(me.key())).contains("BEGIN EC PRIVATE KEY");
    try (OvsdbClient client = OvsdbClient.connect(options(me, pki.caCertFile()))) {
      assertThat(client.transact(Nb.DB, List.of(Nb.insertRouter("tls-ec")))).hasSize(1);
    }
  }

  /**
   * The files are read again on every reconnect. Rotated to a certificate the server does not
   * trust, the next connection is refused (a client still holding the old, valid one would have
   * reconnected); rotated again to a fresh valid one, the client is back without a restart.
   */
  @Test
  void rotatedFilesAreUsedOnTheNextConnection() throws Exception {
    Path key = pkiDir.resolve("rotating-key.pem");
    Path cert = pkiDir.resolve("rotating-cert.pem");
    install(pki.issue("before-rotation", true), key, cert);
    OvsdbClientOptions o =
        OvsdbClientOptions.builder(server.sslRemote())
            .tls(key, cert, pki.caCertFile())
            .connectTimeout(Duration.ofSeconds(3))
            .callTimeout(Duration.ofSeconds(3))
            .backoff(Duration.ofMillis(100), Duration.ofMillis(500))
            .build();
    try (OvsdbClient client = OvsdbClient.connect(o)) {
      assertThat(client.transact(Nb.DB, List.of(Nb.insertRouter("rot-1")))).hasSize(1);

      install(otherPki.issue("rotated-to-untrusted", true), key, cert);
      server.appctl("ovsdb-server/reconnect"); // the server drops every connection
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(client.isConnected()).isFalse());
      Thread.sleep(1500); // several attempts, each with the untrusted certificate
      assertThat(client.isConnected()).as("refused with the rotated certificate").isFalse();

      install(pki.issueEc("after-rotation"), key, cert);
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(client.isConnected()).isTrue());
      assertThat(client.transact(Nb.DB, List.of(Nb.insertRouter("rot-2")))).hasSize(1);
    }
  }

  private static void install(TestPki.Identity id, Path key, Path cert) throws Exception {
    // As a Secret volume updates: new files, then atomically in place.
    Path k = Files.copy(id.key(), key.resolveSibling(key.getFileName() + ".new"));
    Path c = Files.copy(id.cert(), cert.resolveSibling(cert.getFileName() + ".new"));
    Files.move(k, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.move(c, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
