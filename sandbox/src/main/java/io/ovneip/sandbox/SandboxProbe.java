package io.ovneip.sandbox;

import io.ovneip.sandbox.check.SandboxCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code sandbox fault} and {@code sandbox check} do, callable from a program (the chaos run)
 * without a JVM per call: the same endpoint, the same check.
 */
public final class SandboxProbe {
  private static final Duration SLACK = Duration.ofMinutes(3);

  private SandboxProbe() {}

  /** A fault the sandbox refused or failed; the message is its answer. */
  public static final class FaultFailed extends RuntimeException {
    FaultFailed(String message) {
      super(message);
    }
  }

  /**
   * Injects one fault into the sandbox in {@code dir}; returns what it printed once the fault is in
   * place (or over). {@code seconds}: the duration of nb-freeze and lease-steal, the down time of
   * nb-kill-leader.
   */
  public static String fault(Path dir, String name, long seconds, boolean all) {
    return fault(dir, name, seconds, all, "");
  }

  /** Like {@link #fault(Path, String, long, boolean)} for a fault on node {@code node}. */
  public static String fault(Path dir, String name, long seconds, boolean all, String node) {
    Endpoints endpoints = Endpoints.read(new SandboxLayout(dir));
    String base =
        endpoints
            .faults()
            .orElseThrow(() -> new FaultFailed("the sandbox in " + dir + " serves no faults"));
    URI uri =
        URI.create(
            base
                + "/fault?name="
                + name
                + "&seconds="
                + seconds
                + "&all="
                + all
                + "&node="
                + java.net.URLEncoder.encode(node, java.nio.charset.StandardCharsets.UTF_8));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(seconds).plus(SLACK))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new FaultFailed(r.body().strip());
      }
      return r.body();
    } catch (IOException e) {
      throw new FaultFailed("the sandbox did not answer at " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultFailed("interrupted");
    }
  }

  /** {@code sandbox check}: the invariants from a fresh read. */
  public static SandboxCheck.Result check(Path dir, Duration timeout) {
    SandboxLayout layout = new SandboxLayout(dir);
    return CheckCommand.check(layout, Endpoints.read(layout), timeout);
  }

  /** {@code sandbox check --record-foreign}: records every foreign row NB holds now. */
  public static int recordForeign(Path dir, Duration timeout) {
    SandboxLayout layout = new SandboxLayout(dir);
    return CheckCommand.recordForeign(layout, Endpoints.read(layout).nb(), timeout);
  }

  /** The kubeconfig of the sandbox in {@code dir}. */
  public static Path kubeconfig(Path dir) {
    return new SandboxLayout(dir).kubeconfig();
  }

  /** The NB remote(s) of the sandbox in {@code dir}. */
  public static String nbRemote(Path dir) {
    return Endpoints.read(new SandboxLayout(dir)).nb();
  }
}
