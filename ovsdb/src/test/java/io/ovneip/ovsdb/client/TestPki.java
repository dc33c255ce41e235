package io.ovneip.ovsdb.client;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA issuing PEM certificates, as ovs-pki would, generated inside the test. */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** PEM files of one identity. */
  record Identity(Path key, Path cert) {}

  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate caCert;
  private final Path dir;

  TestPki(Path dir, String name) throws Exception {
    this.dir = dir;
    this.name = name;
    this.caKeys = rsa();
    this.caCert = sign(name, caKeys, true, caKeys, name);
    write(dir.resolve(name + "-ca.pem"), caCert);
  }

  Path caCertFile() {
    return dir.resolve(name + "-ca.pem");
  }

  /**
   * A key and certificate signed by this CA. {@code pkcs8} chooses the key format: PKCS#8 ({@code
   * PRIVATE KEY}) or the traditional PKCS#1 ({@code RSA PRIVATE KEY}) older ovs-pki writes.
   */
  Identity issue(String cn, boolean pkcs8) throws Exception {
    KeyPair keys = rsa();
    X509Certificate cert = sign(cn, keys, false, caKeys, name);
    Path key = dir.resolve(name + "-" + cn + "-key.pem");
    Path crt = dir.resolve(name + "-" + cn + "-cert.pem");
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      if (pkcs8) {
        w.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
      } else {
        w.writeObject(keys.getPrivate());
      }
    }
    Files.writeString(key, sw.toString());
    write(crt, cert);
    return new Identity(key, crt);
  }

  /**
   * A P-256 key in SEC1 form ({@code EC PRIVATE KEY}, as cert-manager writes ECDSA keys) and its
   * certificate signed by this CA.
   */
  Identity issueEc(String cn) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    KeyPair keys = g.generateKeyPair();
    X509Certificate cert = sign(cn, keys, false, caKeys, name);
    Path key = dir.resolve(name + "-" + cn + "-key.pem");
    Path crt = dir.resolve(name + "-" + cn + "-cert.pem");
    Path pkcs8 = dir.resolve(name + "-" + cn + "-key.p8");
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
    }
    Files.writeString(pkcs8, sw.toString());
    // The real openssl writes the SEC1 form, with the curve in the key as cert-manager has it.
    io.ovneip.testkit.Exec.check(
        dir,
        Duration.ofSeconds(30),
        "openssl",
        "ec",
        "-in",
        pkcs8.toString(),
        "-out",
        key.toString());
    write(crt, cert);
    return new Identity(key, crt);
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static X509Certificate sign(
      String cn, KeyPair subject, boolean ca, KeyPair issuerKeys, String issuer)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + issuer),
            BigInteger.valueOf(SERIAL.incrementAndGet()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            new X500Name("CN=" + cn),
            subject.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
  }

  private static void write(Path file, Object pem) throws IOException {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(pem);
    }
    Files.writeString(file, sw.toString());
  }
}
