package io.ovneip.ovsdb.cache;

/**
 * Counters of one {@link Replica}, for metrics and tests.
 *
 * @param fullSyncs monitor replies that replaced the content wholesale (first subscribe, or a
 *     resume the server could not serve)
 * @param resumes monitor replies that carried only the changes since the last transaction id
 *     ({@code monitor_cond_since} with {@code found} true)
 * @param updates {@code update2}/{@code update3} notifications applied
 */
public record ReplicaStats(long fullSyncs, long resumes, long updates) {}
