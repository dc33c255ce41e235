package io.ovneip.controller.preflight;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.ovneip.controller.kube.EventRecorder;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a preflight run at controller start: a log line per finding, and Events on the gateway
 * ConfigMap (a Warning {@code PreflightWarning} per warning, else one Normal {@code
 * PreflightPassed}), so {@code kubectl describe configmap} shows them next to the gateway's.
 */
public final class PreflightReporter {
  private static final Logger LOG = LoggerFactory.getLogger(PreflightReporter.class);

  private PreflightReporter() {}

  public static void report(
      List<Finding> findings, Optional<ConfigMap> configMap, EventRecorder events) {
    for (Finding f : findings) {
      if (f.status() == Finding.Status.WARN) {
        LOG.warn("preflight: {}", f.line());
      } else {
        LOG.info("preflight: {}", f.line());
      }
    }
    if (configMap.isEmpty()) {
      return;
    }
    List<Finding> warnings =
        findings.stream().filter(f -> f.status() == Finding.Status.WARN).toList();
    for (Finding w : warnings) {
      events.record(configMap.get(), EventRecorder.Type.WARNING, "PreflightWarning", w.line());
    }
    if (warnings.isEmpty()) {
      long notChecked =
          findings.stream().filter(f -> f.status() == Finding.Status.NOT_CHECKED).count();
      events.record(
          configMap.get(),
          EventRecorder.Type.NORMAL,
          "PreflightPassed",
          "no conflicting Kube-OVN setting found"
              + (notChecked == 0 ? "" : " (" + notChecked + " check(s) not possible here)"));
    }
  }
}
