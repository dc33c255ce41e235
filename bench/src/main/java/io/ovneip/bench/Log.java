package io.ovneip.bench;

/** The benchmarks' progress lines, on stderr so that stdout stays for results. */
public final class Log {
  private Log() {}

  public static void line(String s) {
    System.err.println("[bench] " + s);
  }
}
