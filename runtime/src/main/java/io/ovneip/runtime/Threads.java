package io.ovneip.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread factory: every thread the programs start themselves is a named daemon, so a
 * forgotten executor never keeps a JVM alive and a thread dump says whose each thread is.
 */
public final class Threads {
  private Threads() {}

  /** Daemon threads named {@code name-1}, {@code name-2}, ... */
  public static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One daemon thread named exactly {@code name}, not started. */
  public static Thread daemonThread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }
}
