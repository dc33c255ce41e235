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
  private final AtomicLong writes = new AtomicLong();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!"GET".equalsIgnoreCase(request.method())) {
      writes.incrementAndGet();
    }
  }

  long writes() {
    return writes.get();
  }
}
