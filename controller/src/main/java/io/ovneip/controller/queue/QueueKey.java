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

  String POD_PREFIX = "pod/";
  String NB_PREFIX = "nb/";

  /** A pod's key. */
  record Pod(PodRef pod) implements QueueKey {}

  /** Everything the gateway depends on (ConfigMap, nodes, chassis). */
  record Gateway() implements QueueKey {}

  /** A full reconcile with no Kubernetes change behind it. */
  record Resync() implements QueueKey {}

  /** NB rows of {@code owner} changed (NB change notifications add one per owner). */
  record NbOwner(OwnerKey owner) implements QueueKey {}

  /**
   * The one printer: {@code pod/<ns>/<name>}, {@code gateway}, {@code resync}, {@code nb/<owner>}.
   */
  default String print() {
    if (this instanceof Pod p) {
      return POD_PREFIX + p.pod().namespace() + "/" + p.pod().name();
    }
    if (this instanceof NbOwner n) {
      return NB_PREFIX + n.owner().value();
    }
    return this instanceof Gateway ? "gateway" : "resync";
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
    if (key.startsWith(POD_PREFIX)) {
      String rest = key.substring(POD_PREFIX.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("not a queue key: " + key);
      }
      return pod(rest.substring(0, slash), rest.substring(slash + 1));
    }
    if (key.startsWith(NB_PREFIX)) {
      return nb(new OwnerKey(key.substring(NB_PREFIX.length())));
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
