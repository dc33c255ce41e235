package io.ovneip.agent;

import io.ovneip.model.input.IpAddress;
import io.ovneip.model.ovs.NicFacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link NicProbe} over iproute2's JSON output ({@code ip -j}): the addresses of every link and the
 * IPv4 and IPv6 default routes, including multipath next hops. {@code ip} is a stable interface to
 * the kernel's rtnetlink view; the command prefix is a parameter so tests point it at a network
 * namespace of their own ({@code ip -n <ns>}) instead of the host's interfaces.
 *
 * <p>Any failure (no {@code ip}, a timeout, output that does not parse) yields {@link
 * NicFacts#unknown}: the model treats an unknown NIC as unsafe.
 */
final class IpRouteProbe implements NicProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_OUTPUT = 4 << 20; // a host with thousands of links still fits
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final List<String> ip;

  /**
   * {@code ip} is the command and its leading options, e.g. {@code [ip]} or {@code [ip, -n, ns]}.
   */
  IpRouteProbe(List<String> ip) {
    this.ip = List.copyOf(ip);
  }

  @Override
  public NicFacts probe(String nic) {
    try {
      Optional<List<IpAddress>> addresses = addresses(run("-j", "address", "show"), nic);
      if (addresses.isEmpty()) {
        return NicFacts.absent();
      }
      boolean defaultRoute =
          usesDevice(run("-j", "-4", "route", "show", "default"), nic)
              || usesDevice(run("-j", "-6", "route", "show", "default"), nic);
      return new NicFacts(true, addresses.get(), defaultRoute, Optional.empty());
    } catch (IOException | RuntimeException e) {
      return NicFacts.unknown(e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return NicFacts.unknown("interrupted");
    }
  }

  /** The link's addresses, or empty when no link of that name exists. */
  static Optional<List<IpAddress>> addresses(String json, String nic) {
    for (JsonNode link : JSON.readTree(json)) {
      if (!nic.equals(link.path("ifname").asString(""))) {
        continue;
      }
      List<IpAddress> out = new ArrayList<>();
      for (JsonNode a : link.path("addr_info")) {
        IpAddress.parse(a.path("local").asString("")).ifPresent(out::add);
      }
      return Optional.of(out);
    }
    return Optional.empty();
  }

  /** Whether any route in {@code json} leaves through {@code nic}, directly or as a next hop. */
  static boolean usesDevice(String json, String nic) {
    String trimmed = json.trim();
    if (trimmed.isEmpty()) {
      return false; // older iproute2 prints nothing instead of [] for an empty table
    }
    for (JsonNode route : JSON.readTree(trimmed)) {
      if (nic.equals(route.path("dev").asString(""))) {
        return true;
      }
      for (JsonNode hop : route.path("nexthops")) {
        if (nic.equals(hop.path("dev").asString(""))) {
          return true;
        }
      }
    }
    return false;
  }

  private String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(ip);
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    try {
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IOException(
            String.join(" ", cmd) + ": no answer in " + TIMEOUT.toSeconds() + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", cmd)
                + " exited "
                + p.exitValue()
                + ": "
                + abbreviate(err.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
      }
      return out.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException(String.join(" ", cmd) + ": " + e, e);
    } finally {
      p.destroyForcibly();
    }
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        if (buf.size() + n > MAX_OUTPUT) {
          throw new UncheckedIOException(
              new IOException("ip output over " + MAX_OUTPUT + " bytes"));
        }
        buf.write(chunk, 0, n);
      }
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String abbreviate(String s) {
    String line = s.strip().replace('\n', ' ');
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }
}
