package io.ovneip.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The pids a sandbox started, one {@code NAME.pid} file each under {@link SandboxLayout#pids()}.
 * Daemons delete their own pid files while exiting, so the sandbox keeps copies it controls: {@code
 * down} must find a pid even after its daemon crashed.
 */
final class PidRecords {
  private PidRecords() {}

  static void write(Path pidsDir, String name, long pid) {
    try {
      Files.createDirectories(pidsDir);
      Path tmp = pidsDir.resolve("." + name + ".tmp");
      Files.writeString(tmp, pid + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, pidsDir.resolve(name + ".pid"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record pid of " + name, e);
    }
  }

  /** Name to pid, sorted by name; unreadable files are skipped. */
  static Map<String, Long> read(Path pidsDir) {
    Map<String, Long> pids = new TreeMap<>();
    if (!Files.isDirectory(pidsDir)) {
      return pids;
    }
    try (Stream<Path> files = Files.list(pidsDir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".pid"))
          .forEach(
              f -> {
                String name = f.getFileName().toString();
                try {
                  pids.put(
                      name.substring(0, name.length() - 4),
                      Long.parseLong(Files.readString(f).trim()));
                } catch (IOException | NumberFormatException e) {
                  // A half-written or foreign file names no process of ours.
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidsDir, e);
    }
    return pids;
  }
}
