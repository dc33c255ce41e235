package io.ovneip.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code ovsdb-server} serving one database, listening on a loopback TCP port it picks
 * itself ({@code ptcp:0:127.0.0.1}), a unix socket and optionally TLS ({@code pssl:}), all under
 * one temp dir. {@link #restart()} reuses the same port and database file, so clients can reconnect
 * to the same remote.
 */
public final class OvsdbServer implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile("0:127\\.0\\.0\\.1: listening on port (\\d+)");

  /** PEM files for a {@code pssl:} remote; the CA verifies client certificates (mutual TLS). */
  public record Tls(Path privateKey, Path certificate, Path caCert) {
    public Tls {
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(caCert, "caCert");
    }
  }

  private final Schema schema;
  private final String dbName;
  private final Path dir;
  private final boolean ownsDir;
  private final String name;
  private final Path dbFile;
  private final Tls tls;
  private final int sslPort;
  private int tcpPort;
  private Daemon daemon;

  private OvsdbServer(Builder b, Path dir) {
    this.schema = b.schema;
    this.dbName = b.customDb != null ? b.customDb : b.schema.dbName();
    this.dir = dir;
    this.ownsDir = b.dir == null;
    this.name = b.name;
    this.dbFile = b.existingDb != null ? b.existingDb : dir.resolve(b.name + ".db");
    this.tls = b.tls;
    this.sslPort = b.tls == null ? 0 : Ports.free();
    this.tcpPort = b.tcpPort;
  }

  /** A standalone server for {@code schema} in a fresh temp dir. */
  public static OvsdbServer start(Schema schema) {
    return builder(schema).start();
  }

  public static Builder builder(Schema schema) {
    return new Builder(schema);
  }

  /**
   * A server for a schema file of the test's own (e.g. one with every column type). {@link
   * #schema()} is then null and {@link #dbName()} is {@code dbName}, the name inside the file.
   */
  public static Builder builder(Path schemaFile, String dbName) {
    return new Builder(schemaFile, dbName);
  }

  /** Options; every one has a default. */
  public static final class Builder {
    private final Schema schema;
    private final Path customFile;
    private final String customDb;
    private Path dir;
    private String name = "ovsdb";
    private Tls tls;
    private Path existingDb;
    private int tcpPort;

    private Builder(Schema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      this.customFile = null;
      this.customDb = null;
    }

    private Builder(Path schemaFile, String dbName) {
      this.schema = null;
      this.customFile = Objects.requireNonNull(schemaFile, "schemaFile");
      this.customDb = Objects.requireNonNull(dbName, "dbName");
    }

    /** Put files in {@code dir} (not deleted on close). Default: a fresh temp dir, deleted. */
    public Builder dir(Path dir) {
      this.dir = dir;
      return this;
    }

    /** Prefix of the db, pid, log, ctl and socket files; lets several servers share a dir. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Also listen on {@code pssl:PORT:127.0.0.1} with these files. */
    public Builder tls(Tls tls) {
      this.tls = tls;
      return this;
    }

    Builder existingDb(Path db) {
      this.existingDb = db;
      return this;
    }

    Builder tcpPort(int port) {
      this.tcpPort = port;
      return this;
    }

    /** Creates the database (unless it exists) and starts the server. */
    public OvsdbServer start() {
      Path d = dir != null ? dir : TempDirs.create("ovsdb-");
      OvsdbServer server = new OvsdbServer(this, d);
      try {
        if (existingDb == null) {
          Exec.check(
              d,
              Duration.ofSeconds(15),
              "ovsdb-tool",
              "create",
              server.dbFile.toString(),
              (customFile != null ? customFile : schema.file()).toString());
        }
        server.launch();
        return server;
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
  }

  private void launch() {
    List<String> args = new ArrayList<>();
    args.add("--remote=ptcp:" + tcpPort + ":127.0.0.1");
    args.add("--remote=punix:" + socketPath());
    if (tls != null) {
      args.add("--remote=pssl:" + sslPort + ":127.0.0.1");
      args.add("--private-key=" + tls.privateKey());
      args.add("--certificate=" + tls.certificate());
      args.add("--ca-cert=" + tls.caCert());
    }
    args.add(dbFile.toString());
    daemon = Daemon.start(dir, name, "ovsdb-server", args);
    if (tcpPort == 0) {
      Matcher m = LISTENING.matcher(daemon.logText());
      if (!m.find()) {
        throw new IllegalStateException("ovsdb-server did not log its port:\n" + daemon.logText());
      }
      tcpPort = Integer.parseInt(m.group(1));
    }
  }

  /** The standard schema served, or null for a custom schema file. */
  public Schema schema() {
    return schema;
  }

  /** The database name clients use, e.g. {@code OVN_Northbound}. */
  public String dbName() {
    return dbName;
  }

  public Path dir() {
    return dir;
  }

  public Path dbFile() {
    return dbFile;
  }

  public Path logFile() {
    return dir.resolve(name + ".log");
  }

  public int tcpPort() {
    return tcpPort;
  }

  /** {@code tcp:127.0.0.1:PORT}; stays valid across {@link #restart()}. */
  public String tcpRemote() {
    return "tcp:127.0.0.1:" + tcpPort;
  }

  /** {@code unix:/path/to/NAME.sock}. */
  public String unixRemote() {
    return "unix:" + socketPath();
  }

  /** {@code ssl:127.0.0.1:PORT}; only when built with {@link Builder#tls}. */
  public String sslRemote() {
    if (tls == null) {
      throw new IllegalStateException("server was started without TLS");
    }
    return "ssl:127.0.0.1:" + sslPort;
  }

  public Path socketPath() {
    return dir.resolve(name + ".sock");
  }

  /** The daemon's pid, or -1 before start. */
  public long pid() {
    return daemon == null ? -1 : daemon.pid();
  }

  public boolean isRunning() {
    return daemon != null && daemon.alive();
  }

  /** {@code ovs-appctl -t <this server> args...}. */
  public String appctl(String... args) {
    requireStarted();
    return daemon.appctl(args);
  }

  /** Runs {@code ovsdb-client COMMAND unix:SOCKET args...} and returns its output. */
  public String ovsdbClient(String command, String... args) {
    List<String> cmd = new ArrayList<>(List.of("ovsdb-client", "--timeout=10", command));
    cmd.add(unixRemote());
    cmd.addAll(List.of(args));
    return Exec.check(dir, Duration.ofSeconds(15), cmd.toArray(String[]::new));
  }

  /** Graceful stop (SIGTERM, then SIGKILL after a while). */
  public void stop() {
    if (daemon != null) {
      daemon.stop();
    }
  }

  /** SIGKILL: to clients this is a crash. */
  public void kill() {
    requireStarted();
    daemon.kill();
  }

  /** Starts again on the same TCP port, socket and database file (stops it first if running). */
  public void restart() {
    requireStarted();
    daemon.stop();
    launch();
  }

  private void requireStarted() {
    if (daemon == null) {
      throw new IllegalStateException("server not started");
    }
  }

  /** Stops the daemon and deletes the temp dir (when the server created it). Idempotent. */
  @Override
  public void close() {
    try {
      stop();
    } finally {
      if (ownsDir) {
        TempDirs.delete(dir);
      }
    }
  }

  @Override
  public String toString() {
    return "OvsdbServer[" + dbName() + " " + tcpRemote() + " " + daemon + "]";
  }
}
