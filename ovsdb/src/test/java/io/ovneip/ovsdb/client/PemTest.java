package io.ovneip.ovsdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovneip.testkit.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files as the real {@code openssl} writes them (installed by scripts/setup). */
class PemTest {
  private static final Duration T = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void sec1EcKeyFromOpensslEcparam() throws Exception {
    // "EC PARAMETERS" then "EC PRIVATE KEY", the way openssl ecparam -genkey writes them.
    Path key = dir.resolve("ec.pem");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", key.toString());
    assertThat(Files.readString(key)).contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");
    assertThat(Pem.privateKey(key)).isInstanceOf(ECPrivateKey.class);

    Path noParams = dir.resolve("ec-noparams.pem");
    openssl("ec", "-in", key.toString(), "-out", noParams.toString());
    assertThat(Files.readString(noParams)).doesNotContain("EC PARAMETERS");
    ECPrivateKey k = (ECPrivateKey) Pem.privateKey(noParams);
    assertThat(k.getS()).isEqualTo(((ECPrivateKey) Pem.privateKey(key)).getS());
  }

  @Test
  void encryptedPkcs8KeyIsRefusedSayingWhy() throws Exception {
    Path key = dir.resolve("enc8.pem");
    openssl(
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        "rsa_keygen_bits:2048",
        "-aes-256-cbc",
        "-pass",
        "pass:secret",
        "-out",
        key.toString());
    assertThat(Files.readString(key)).contains("BEGIN ENCRYPTED PRIVATE KEY");
    assertThatThrownBy(() -> Pem.privateKey(key))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining(key.toString())
        .hasMessageContaining("is encrypted");
  }

  @Test
  void encryptedTraditionalEcKeyIsRefusedSayingWhy() throws Exception {
    Path plain = dir.resolve("ec.pem");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", plain.toString());
    Path key = dir.resolve("enc-ec.pem");
    openssl(
        "ec",
        "-in",
        plain.toString(),
        "-aes256",
        "-passout",
        "pass:secret",
        "-out",
        key.toString());
    assertThat(Files.readString(key)).contains("Proc-Type: 4,ENCRYPTED");
    assertThatThrownBy(() -> Pem.privateKey(key)).hasMessageContaining("is encrypted");
  }

  private void openssl(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "openssl";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Exec.check(dir, T, cmd);
  }
}
