package io.ovneip.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * fabric8's CRUD dispatcher, except that a JSON Patch whose {@code test} operation fails gets an
 * answer. The stock mock lets that exception escape, and the client then waits ~10 s for a response
 * that never comes; the controller guards its pod writes with such a test on {@code
 * resourceVersion}, so every lost race would show up as a 10 s outlier that a real API server
 * (which answers at once) never causes. Answered with 409 Conflict, the status the controller's
 * {@code PodStatusWriter} expects for a stale write (it retries through its queue).
 *
 * <p>The project's corrected {@code io.ovneip.kubeapi.EmbeddedKubeApi} fixes the same thing; it is
 * not on {@code main} yet. Conflicts answered here are counted and reported.
 */
final class PatchSafeDispatcher extends KubernetesCrudDispatcher {
  private final java.util.concurrent.atomic.AtomicLong conflicts =
      new java.util.concurrent.atomic.AtomicLong();

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    try {
      return super.handlePatch(request);
    } catch (RuntimeException e) {
      conflicts.incrementAndGet();
      String msg = String.valueOf(e.getMessage()).replace("\\", "\\\\").replace("\"", "'");
      return new MockResponse()
          .setResponseCode(409)
          .addHeader("Content-Type", "application/json")
          .setBody(
              "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":"
                  + "\"Conflict\",\"code\":409,\"message\":\"patch failed: "
                  + msg
                  + "\"}");
    }
  }

  /** Patches refused so far (failed {@code test} operations, i.e. lost races). */
  long conflicts() {
    return conflicts.get();
  }
}
