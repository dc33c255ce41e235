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

  /**
   * PKCS#8 ({@code PRIVATE KEY}) with RSA, EC or EdDSA, PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
   * ({@code EC PRIVATE KEY}, cert-manager's and {@code openssl ecparam}'s format for ECDSA).
   * Encrypted keys are refused: there is no passphrase to give.
   */
  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    String text = Files.readString(file);
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        || text.contains("Proc-Type: 4,ENCRYPTED")) {
      throw new GeneralSecurityException(
          "the private key in "
              + file
              + " is encrypted; ovn-eip needs an unencrypted key (decrypt with: openssl pkey -in"
              + " KEY -out KEY.plain)");
    }
    Matcher m = BLOCK.matcher(text);
    byte[] ecParameters = null;
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (m.group(1)) {
        case "PRIVATE KEY":
          return pkcs8(der);
        case "RSA PRIVATE KEY":
          return KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(wrapRsa(der)));
        case "EC PARAMETERS":
          ecParameters = der; // openssl ecparam -genkey writes the curve first
          break;
        case "EC PRIVATE KEY":
          return KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(wrapSec1(der, ecParameters, file)));
        default:
          break;
      }
    }
    throw new GeneralSecurityException(
        "no unencrypted PKCS#8, PKCS#1 RSA or SEC1 EC private key in "
            + file
            + " (convert with: openssl pkcs8 -topk8 -nocrypt)");
  }

  /**
   * SEC1 ECPrivateKey (RFC 5915) inside a PKCS#8 PrivateKeyInfo with algorithm id-ecPublicKey and
   * the named curve, taken from the key's own {@code [0] parameters} or else from a preceding
   * {@code EC PARAMETERS} block.
   */
  private static byte[] wrapSec1(byte[] sec1, byte[] separateParameters, Path file)
      throws GeneralSecurityException {
    byte[] curve = separateParameters;
    int[] seq = Der.header(sec1, 0, 0x30);
    int pos = seq[0];
    int end = seq[0] + seq[1];
    while (pos < end) {
      int tag = sec1[pos] & 0xff;
      int[] h = Der.header(sec1, pos, tag);
      if (tag == 0xa0) { // [0] EXPLICIT ECParameters: the namedCurve OID
        curve = java.util.Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
      }
      pos = h[0] + h[1];
    }
    if (curve == null || (curve[0] & 0xff) != 0x06) {
      throw new GeneralSecurityException("EC private key in " + file + " names no curve");
    }
    byte[] idEcPublicKey = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    ByteArrayOutputStream algorithm = new ByteArrayOutputStream();
    algorithm.writeBytes(idEcPublicKey);
    algorithm.writeBytes(curve);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(der(0x30, algorithm.toByteArray()));
    body.writeBytes(der(0x04, sec1));
    return der(0x30, body.toByteArray());
  }

  /** Just enough DER reading to walk one SEQUENCE: tag check and length decoding. */
  private static final class Der {
    private Der() {}

    /**
     * {content offset, content length} of the element at {@code pos}, which must be {@code tag}.
     */
    static int[] header(byte[] b, int pos, int tag) throws GeneralSecurityException {
      if (pos + 2 > b.length || (b[pos] & 0xff) != tag) {
        throw new GeneralSecurityException("malformed key: expected DER tag " + tag);
      }
      int len = b[pos + 1] & 0xff;
      int at = pos + 2;
      if (len >= 0x80) {
        int n = len & 0x7f;
        if (n == 0 || n > 3 || at + n > b.length) {
          throw new GeneralSecurityException("malformed key: bad DER length");
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[at++] & 0xff);
        }
      }
      if (at + len > b.length) {
        throw new GeneralSecurityException("malformed key: DER element overruns");
      }
      return new int[] {at, len};
    }
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
