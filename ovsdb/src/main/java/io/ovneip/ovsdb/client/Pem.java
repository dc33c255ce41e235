package io.ovneip.ovsdb.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds an {@link SSLContext} from the PEM files OVN deployments use ({@code --private-key},
 * {@code --certificate}, {@code --ca-cert}): mutual TLS, peer verified against the CA only (OVS
 * does not check host names either).
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----", Pattern.DOTALL);

  private Pem() {}

  static SSLContext context(OvsdbClientOptions.TlsFiles files) {
    try {
      PrivateKey key = privateKey(files.privateKey());
      List<? extends Certificate> chain = certificates(files.certificate());
      List<? extends Certificate> cas = certificates(files.caCert());
      char[] pw = new char[0];
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("client", key, pw, chain.toArray(Certificate[]::new));
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        ts.setCertificateEntry("ca" + i, cas.get(i));
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new OvsdbException("cannot load TLS files " + files + ": " + e.getMessage(), e);
    }
  }

  static List<? extends Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    List<? extends Certificate> certs =
        List.copyOf(
            CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))));
    if (certs.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + file);
    }
    return certs;
  }

  /** PKCS#8 ({@code PRIVATE KEY}) with RSA, EC or EdDSA, or PKCS#1 ({@code RSA PRIVATE KEY}). */
  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    Matcher m = BLOCK.matcher(Files.readString(file));
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (m.group(1)) {
        case "PRIVATE KEY":
          return pkcs8(der);
        case "RSA PRIVATE KEY":
          return KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(wrapRsa(der)));
        default:
          break; // e.g. EC PARAMETERS before the key
      }
    }
    throw new GeneralSecurityException(
        "no unencrypted PKCS#8 or PKCS#1 RSA private key in "
            + file
            + " (convert with: openssl pkcs8 -topk8 -nocrypt)");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  /** PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo with the rsaEncryption algorithm. */
  private static byte[] wrapRsa(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] octets = der(0x04, pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(algorithm);
    body.writeBytes(octets);
    return der(0x30, body.toByteArray());
  }

  private static byte[] der(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else {
      int bytes = len > 0xffffff ? 4 : len > 0xffff ? 3 : len > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(len >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
