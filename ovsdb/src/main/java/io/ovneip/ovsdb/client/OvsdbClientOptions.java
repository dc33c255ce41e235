package io.ovneip.ovsdb.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link OvsdbClient} connects. Build with {@link #of(String)} or {@link #builder(String)}.
 *
 * @param remotes where to connect, tried in turn (several = a clustered database's members)
 * @param callTimeout bound of every call, including the wait for a connection
 * @param connectTimeout bound of {@link OvsdbClient#connect} and of one TCP/TLS connection attempt
 * @param inactivityProbe after this much silence from the server the client sends {@code echo} and
 *     drops the connection if no answer comes within the same time; zero disables it
 * @param leaderOnly use only the RAFT leader of a clustered database, with one remote (e.g. a
 *     Service address) as with several (checked through the {@code _Server} database, as {@code
 *     ovn-nbctl} does) and move on when it stops leading; a standalone server always qualifies
 * @param tls PEM files for {@code ssl:} remotes; null when none is used
 * @param backoffMin first delay between reconnect attempts
 * @param backoffMax largest delay between reconnect attempts (doubling from {@code backoffMin})
 * @param maxMessageBytes largest JSON-RPC message accepted from the server; a bigger one drops the
 *     connection. It must fit the heap: a message is held as bytes, then as a parsed tree, then as
 *     rows, several times its size at once, so it may be at most {@link #HEAP_SHARE_MAX} of the
 *     JVM's largest heap; by default {@link #defaultMaxMessageBytes} (a sixteenth).
 */
public record OvsdbClientOptions(
    List<Remote> remotes,
    Duration callTimeout,
    Duration connectTimeout,
    Duration inactivityProbe,
    boolean leaderOnly,
    TlsFiles tls,
    Duration backoffMin,
    Duration backoffMax,
    int maxMessageBytes) {

  /** The largest share of the heap ({@code Runtime.maxMemory}) one message may take: 1/8. */
  public static final double HEAP_SHARE_MAX = 1.0 / 8;

  /** Never more than this, whatever the heap: RFC 7047 has no limit, ovsdb-server none either. */
  public static final int MAX_MESSAGE_BYTES_CEILING = 256 << 20;

  /**
   * A sixteenth of {@code maxHeap}, between 1 MiB and 256 MiB: with the controller's 256 MiB heap,
   * 16 MiB (the initial content of an NB with some 50,000 pods' ports, column lists applied).
   */
  public static int defaultMaxMessageBytes(long maxHeap) {
    return (int) Math.max(1 << 20, Math.min(MAX_MESSAGE_BYTES_CEILING, maxHeap / 16));
  }

  /** PEM files for mutual TLS: our private key, our certificate, and the CA that signs peers. */
  public record TlsFiles(Path privateKey, Path certificate, Path caCert) {
    public TlsFiles {
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(caCert, "caCert");
    }
  }

  public OvsdbClientOptions {
    remotes = List.copyOf(remotes);
    if (remotes.isEmpty()) {
      throw new IllegalArgumentException("at least one remote is needed");
    }
    requirePositive(callTimeout, "callTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    Objects.requireNonNull(inactivityProbe, "inactivityProbe");
    requirePositive(backoffMin, "backoffMin");
    requirePositive(backoffMax, "backoffMax");
    if (backoffMax.compareTo(backoffMin) < 0) {
      throw new IllegalArgumentException("backoffMax < backoffMin");
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("maxMessageBytes too small: " + maxMessageBytes);
    }
    requireFitsHeap(maxMessageBytes, Runtime.getRuntime().maxMemory());
    if (tls == null && remotes.stream().anyMatch(r -> r.kind() == Remote.Kind.SSL)) {
      throw new IllegalArgumentException("ssl: remote given without TLS key, certificate and CA");
    }
  }

  /** Fails, saying what to do, when one message of {@code bytes} would not fit {@code heap}. */
  static void requireFitsHeap(int bytes, long heap) {
    if (bytes > heap * HEAP_SHARE_MAX) {
      throw new IllegalArgumentException(
          "maxMessageBytes "
              + bytes
              + " does not fit this JVM's heap of "
              + (heap >> 20)
              + " MiB: a message takes several times its size while it is parsed, so at most"
              + " 1/8 of the heap is allowed; give the JVM more heap (-Xmx) or accept smaller"
              + " messages");
    }
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }

  /** Defaults for {@code remotes} ("tcp:IP:PORT,ssl:IP:PORT,unix:PATH"). */
  public static OvsdbClientOptions of(String remotes) {
    return builder(remotes).build();
  }

  public static Builder builder(String remotes) {
    return new Builder(Remote.parseList(remotes));
  }

  /**
   * Defaults: call 10 s, connect 10 s, probe 5 s, leader only, backoff 100 ms to 8 s, messages up
   * to {@link #defaultMaxMessageBytes} of this JVM's heap.
   */
  public static final class Builder {
    private final List<Remote> remotes;
    private Duration callTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration inactivityProbe = Duration.ofSeconds(5);
    private boolean leaderOnly = true;
    private TlsFiles tls;
    private Duration backoffMin = Duration.ofMillis(100);
    private Duration backoffMax = Duration.ofSeconds(8);
    private int maxMessageBytes = defaultMaxMessageBytes(Runtime.getRuntime().maxMemory());

    private Builder(List<Remote> remotes) {
      this.remotes = remotes;
    }

    public Builder callTimeout(Duration d) {
      this.callTimeout = d;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder inactivityProbe(Duration d) {
      this.inactivityProbe = d;
      return this;
    }

    public Builder leaderOnly(boolean b) {
      this.leaderOnly = b;
      return this;
    }

    public Builder tls(Path privateKey, Path certificate, Path caCert) {
      this.tls = new TlsFiles(privateKey, certificate, caCert);
      return this;
    }

    public Builder backoff(Duration min, Duration max) {
      this.backoffMin = min;
      this.backoffMax = max;
      return this;
    }

    public Builder maxMessageBytes(int bytes) {
      this.maxMessageBytes = bytes;
      return this;
    }

    public OvsdbClientOptions build() {
      return new OvsdbClientOptions(
          remotes,
          callTimeout,
          connectTimeout,
          inactivityProbe,
          leaderOnly,
          tls,
          backoffMin,
          backoffMax,
          maxMessageBytes);
    }
  }
}
