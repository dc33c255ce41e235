package io.ovneip.controller.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.ovneip.controller.kube.KubeInputs;
import io.ovneip.controller.queue.QueueKey;
import io.ovneip.model.desired.DesiredMemo;
import io.ovneip.model.desired.DesiredResult;
import io.ovneip.model.input.EffectiveConfig;
import io.ovneip.model.input.GatewayConfig;
import io.ovneip.model.input.PodIntent;
import io.ovneip.model.input.PodRef;
import io.ovneip.model.input.Validated;
import io.ovneip.model.nb.OwnerKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Everything the controller remembers between batches, and the rules that read it: the last good
 * config (docs/behaviour.md §2.1, decided by {@link EffectiveConfig}), the parsed pods ({@link
 * KubeInputs}), and the desired state of the last batch that committed, from which the next batch
 * reuses pod outcomes ({@link DesiredMemo}) and decides which owners it compares ({@link #scope}).
 * Only the reconcile worker touches it. Forgetting everything is always correct, only slower: the
 * next batch then reads and compares every owner.
 */
final class ReconcileMemory {
  private final KubeInputs inputs = new KubeInputs();
  private Optional<GatewayConfig> lastGood = Optional.empty();

  /** The desired state of the last batch whose plan committed; null: diff everything next. */
  private DesiredResult lastCommitted;

  /**
   * The config to build under, given the ConfigMap as read now; remembers a valid one. With none in
   * memory (a controller started while the ConfigMap is invalid) the last good config is the one
   * our gateway rows in NB record ({@code recorded}, read only then; docs/behaviour.md §2.1).
   */
  EffectiveConfig config(
      Validated<GatewayConfig> read, Supplier<Optional<GatewayConfig>> recorded) {
    EffectiveConfig config =
        EffectiveConfig.of(
            read, lastGood.isPresent() || read.isValid() ? lastGood : recorded.get());
    lastGood = config.config();
    return config;
  }

  /**
   * The last committed desired state when the batch holds only NB changes (typically our own write
   * coming back): every Kubernetes change comes with a key of its own, so it still holds.
   */
  Optional<DesiredResult> unchangedDesired(List<QueueKey> batch) {
    if (lastCommitted != null && batch.stream().allMatch(k -> k instanceof QueueKey.NbOwner)) {
      return Optional.of(lastCommitted);
    }
    return Optional.empty();
  }

  /**
   * Every pod's intent: re-read whole ({@code all}) on a full reconcile, else only the batch's pods
   * are read again ({@code current}: a pod as it is now, empty when gone). Every Kubernetes change
   * of a pod comes with its key; changes that only touch what a pod shows leave its intent as it
   * is.
   */
  Collection<PodIntent> intents(
      List<QueueKey> batch,
      Supplier<Collection<Pod>> all,
      Function<PodRef, Optional<Pod>> current) {
    boolean onlyPodsOrNb =
        batch.stream().allMatch(k -> k instanceof QueueKey.Pod || k instanceof QueueKey.NbOwner);
    if (lastCommitted == null || !onlyPodsOrNb) {
      return inputs.intents(all.get());
    }
    List<PodRef> changed =
        batch.stream()
            .flatMap(k -> k instanceof QueueKey.Pod p ? Stream.of(p.pod()) : Stream.empty())
            .toList();
    return inputs.intents(changed, current);
  }

  /** The intent a pod's outcome was last decided from; null for a pod not seen. */
  PodIntent intent(PodRef pod) {
    return inputs.intent(pod);
  }

  /** What the next build may reuse: the last committed outcomes. */
  DesiredMemo memo() {
    return lastCommitted == null ? DesiredMemo.NONE : lastCommitted.memo();
  }

  /**
   * The owners the batch compares (see {@link ReconcileScope}): every owner on the first run, a
   * resync, a gateway key (ConfigMap, nodes, chassis: anything can change) or a changed gateway;
   * else the owners of the batch's keys plus the pods whose outcome changed since the last commit
   * (an address handed over after a conflict reaches pods nobody touched; a batch that failed to
   * commit leaves its changes in that set).
   */
  ReconcileScope scope(List<QueueKey> batch, DesiredResult now) {
    if (lastCommitted == null || !now.sameGateway(lastCommitted)) {
      return ReconcileScope.ALL;
    }
    Set<OwnerKey> owners = new TreeSet<>();
    for (QueueKey key : batch) {
      Optional<OwnerKey> owner = ownerOf(key);
      if (owner.isEmpty()) {
        return ReconcileScope.ALL;
      }
      owners.add(owner.get());
    }
    now.podsChangedSince(lastCommitted).forEach(p -> owners.add(OwnerKey.pod(p)));
    return new ReconcileScope(Optional.of(owners));
  }

  /** The batch's plan committed (or had nothing to write): the next may diff only what changes. */
  void committed(DesiredResult desired) {
    lastCommitted = desired;
  }

  /**
   * The one owner a key concerns: a pod key's pod, an NB key's owner (an NB change to the gateway's
   * rows, the router's references included, concerns the gateway's rows only). Empty for keys that
   * concern every owner.
   */
  private static Optional<OwnerKey> ownerOf(QueueKey key) {
    if (key instanceof QueueKey.Pod p) {
      return Optional.of(OwnerKey.pod(p.pod()));
    }
    if (key instanceof QueueKey.NbOwner n) {
      return Optional.of(n.owner());
    }
    return Optional.empty();
  }
}
