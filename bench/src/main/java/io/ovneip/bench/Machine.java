package io.ovneip.bench;

import io.ovneip.testkit.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the numbers were measured on. Results only compare within one run, but a reader still needs
 * the cores, memory and versions (and the load when the run started: the machine is shared).
 */
public record Machine(Map<String, String> facts) {
  public Machine {
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts)); // keeps the reading order
  }

  public static Machine describe() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("date", Instant.now().toString());
    f.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    f.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
    f.put("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal"));
    f.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")));
    f.put("load average at start", read(Path.of("/proc/loadavg")));
    f.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    f.put("ovsdb-server", version("ovsdb-server"));
    f.put("ovn-nbctl", version("ovn-nbctl"));
    return new Machine(f);
  }

  private static String version(String tool) {
    try {
      Exec.Result r =
          Exec.run(
              Path.of(System.getProperty("java.io.tmpdir")),
              Duration.ofSeconds(10),
              List.of(tool, "--version"));
      return r.output().lines().findFirst().orElse("?").trim();
    } catch (RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static String firstMatch(Path file, String key) {
    try {
      return Files.readAllLines(file).stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  /** A Markdown bullet list. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    facts.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
    return sb.toString();
  }
}
