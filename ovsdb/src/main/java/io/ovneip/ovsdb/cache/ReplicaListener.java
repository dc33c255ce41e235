package io.ovneip.ovsdb.cache;

/**
 * Told about each complete update of a {@link Replica}, on the replica's own thread, one at a time
 * and in order. Blocking here delays the next update of this replica only; calling the client (even
 * blocking {@code transact}) is allowed.
 */
@FunctionalInterface
public interface ReplicaListener {
  /**
   * @param snapshot the replica after the update
   * @param changes the rows the update inserted, modified or deleted (after a full resync: the
   *     difference between the old and the new content)
   */
  void onUpdate(Snapshot snapshot, Changes changes);
}
