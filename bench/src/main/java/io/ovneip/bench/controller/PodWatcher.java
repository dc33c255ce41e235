package io.ovneip.bench.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The benchmark's own pod informer: which pods are "routed" here, i.e. show in ovn-eip's {@code
 * ovn-eip.io/applied} exactly the eip/snat they ask for (the controller writes it once their rows
 * are committed, docs/behaviour.md §5), and how many times each one turned so. A changed annotation
 * makes the pod not routed until the controller's annotation follows, so "routed again" is "the
 * count went up". ({@code ovn.kubernetes.io/routed} itself is never removed, so it cannot tell
 * this.)
 */
final class PodWatcher implements AutoCloseable {
  static final String APPLIED = "ovn-eip.io/applied";

  /** Read and written only under the watcher's lock. */
  static final class View {
    private final Map<String, Boolean> routed = new HashMap<>();
    private final Map<String, Integer> routedCount = new HashMap<>();
    private int routedPods;

    int routedPods() {
      return routedPods;
    }

    int timesRouted(String pod) {
      return routedCount.getOrDefault(pod, 0);
    }

    private void set(String pod, boolean now) {
      Boolean before = routed.put(pod, now);
      boolean was = before != null && before;
      if (now && !was) {
        routedPods++;
        routedCount.merge(pod, 1, Integer::sum);
      } else if (!now && was) {
        routedPods--;
      }
    }

    private void delete(String pod) {
      set(pod, false);
      routed.remove(pod);
    }
  }

  private final SharedIndexInformer<Pod> informer;
  private final View view = new View();
  private final Conditions<View> conditions = new Conditions<>();

  PodWatcher(KubernetesClient client) {
    informer =
        client
            .pods()
            .inNamespace("default")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod p) {
                    update(p, false);
                  }

                  @Override
                  public void onUpdate(Pod old, Pod p) {
                    update(p, false);
                  }

                  @Override
                  public void onDelete(Pod p, boolean unknown) {
                    update(p, true);
                  }
                },
                0);
  }

  private synchronized void update(Pod p, boolean deleted) {
    long now = System.nanoTime();
    String name = p.getMetadata().getName();
    if (deleted) {
      view.delete(name);
    } else {
      Map<String, String> a = p.getMetadata().getAnnotations();
      view.set(name, a != null && applied(a));
    }
    conditions.changed(view, now);
  }

  /** Whether {@code ovn-eip.io/applied} names exactly the pod's eip and snat annotations. */
  static boolean applied(Map<String, String> a) {
    StringBuilder asked = new StringBuilder();
    if (a.get("ovn.kubernetes.io/eip") != null) {
      asked.append("eip=").append(a.get("ovn.kubernetes.io/eip"));
    }
    if (a.get("ovn.kubernetes.io/snat") != null) {
      asked
          .append(asked.length() == 0 ? "" : " ")
          .append("snat=")
          .append(a.get("ovn.kubernetes.io/snat"));
    }
    return asked.length() > 0 && asked.toString().equals(a.get(APPLIED));
  }

  /** Completes with the nanoTime of the first event after which {@code condition} holds. */
  synchronized CompletableFuture<Long> when(Predicate<View> condition) {
    return conditions.when(condition, view);
  }

  synchronized int timesRouted(String pod) {
    return view.timesRouted(pod);
  }

  @Override
  public void close() {
    informer.close();
  }
}
