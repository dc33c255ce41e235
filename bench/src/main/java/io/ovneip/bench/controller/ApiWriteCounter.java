package io.ovneip.bench.controller;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the write requests (anything but GET) the controller's Kubernetes client sends: patches,
 * creates (Events), updates, deletes. Retries count again: each is a request the API serves.
 */
final class ApiWriteCounter implements Interceptor {
  private static final long LOGGED = 50;

  private final AtomicLong writes = new AtomicLong();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!"GET".equalsIgnoreCase(request.method())) {
      long n = writes.incrementAndGet();
      if (n <= LOGGED) {
        // Which writes they are, in the JVM's log: a restart's should be none.
        System.err.println(
            "bench: API write "
                + n
                + ": "
                + request.method()
                + " "
                + request.uri()
                + " "
                + body(request));
      }
    }
  }

  private static String body(HttpRequest request) {
    String b = request.bodyString();
    return b == null ? "" : b.length() <= 400 ? b : b.substring(0, 400) + "...";
  }

  long writes() {
    return writes.get();
  }
}
