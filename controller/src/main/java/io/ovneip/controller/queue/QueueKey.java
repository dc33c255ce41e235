package io.ovneip.controller.queue;

import io.ovneip.model.input.PodRef;
import io.ovneip.model.nb.OwnerKey;

/**
 * What a key of the controller's work queues stands for: a pod, the gateway (ConfigMap, nodes,
 * chassis), a periodic full resync, or the owner of NB rows that changed. The queues carry the
 * printed form ({@link #print}); {@link #parse} is its one parser. Names and namespaces never hold
 * a slash, so the printed forms cannot collide.
 */
public sealed interface QueueKey {
  Gateway GATEWAY = new Gateway();
  Resync RESYNC = new Resync();

  /**
   * The one printer: {@code pod/<ns>/<name>}, {@code gateway}, {@code resync}, {@code nb/<owner>}.
   */
  String print();

  /** A pod's key. */
  record Pod(PodRef pod) implements QueueKey {
    static final String PREFIX = "pod/";

    @Override
    public String print() {
      return PREFIX + pod.namespace() + "/" + pod.name();
    }

    @Override
    public String toString() {
      return print();
    }
  }

  /** Everything the gateway depends on (ConfigMap, nodes, chassis). */
  record Gateway() implements QueueKey {
    @Override
    public String print() {
      return "gateway";
    }

    @Override
    public String toString() {
      return print();
    }
  }

  /** A full reconcile with no Kubernetes change behind it. */
  record Resync() implements QueueKey {
    @Override
    public String print() {
      return "resync";
    }

    @Override
    public String toString() {
      return print();
    }
  }

  /** NB rows of {@code owner} changed (NB change notifications add one per owner). */
  record NbOwner(OwnerKey owner) implements QueueKey {
    static final String PREFIX = "nb/";

    @Override
    public String print() {
      return PREFIX + owner.value();
    }

    @Override
    public String toString() {
      return print();
    }
  }

  static Pod pod(String namespace, String name) {
    return new Pod(new PodRef(namespace, name));
  }

  static Pod pod(PodRef pod) {
    return new Pod(pod);
  }

  static NbOwner nb(OwnerKey owner) {
    return new NbOwner(owner);
  }

  /** The key of the object that owns NB rows with {@code owner}: its pod, else the gateway. */
  static QueueKey ownerOf(OwnerKey owner) {
    return owner.pod().<QueueKey>map(QueueKey::pod).orElse(GATEWAY);
  }

  /** The one parser, of a key made by {@link #print}. */
  static QueueKey parse(String key) {
    if (key.startsWith(Pod.PREFIX)) {
      String rest = key.substring(Pod.PREFIX.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("not a queue key: " + key);
      }
      return pod(rest.substring(0, slash), rest.substring(slash + 1));
    }
    if (key.startsWith(NbOwner.PREFIX)) {
      return nb(new OwnerKey(key.substring(NbOwner.PREFIX.length())));
    }
    if (key.equals(GATEWAY.print())) {
      return GATEWAY;
    }
    if (key.equals(RESYNC.print())) {
      return RESYNC;
    }
    throw new IllegalArgumentException("not a queue key: " + key);
  }
}
