package io.ovneip.model.ovs;

import io.ovneip.model.nb.ExternalIds;
import java.util.Map;

/**
 * Ownership marks in {@code external_ids} of the Bridge, Port and Interface rows the agent creates
 * (docs/behaviour.md §3, "Ownership"). Only rows carrying both marks are ever changed or deleted;
 * rows made by hand, by ovn-controller (patch ports) or by the CNI ({@code br-int}) are left alone.
 */
public final class OvsOwnership {
  // The same keys and vendor as the controller's NB rows: one set of ownership constants.
  public static final String VENDOR_KEY = ExternalIds.VENDOR_KEY;
  public static final String VENDOR = ExternalIds.VENDOR;
  public static final String OWNER_KEY = ExternalIds.OWNER_KEY;
  public static final String OWNER = "agent";

  private static final Map<String, String> MARKS = Map.of(VENDOR_KEY, VENDOR, OWNER_KEY, OWNER);

  private OvsOwnership() {}

  /** The marks every row the agent inserts carries. */
  public static Map<String, String> marks() {
    return MARKS;
  }

  /** By the owner key alone: rows of earlier versions carry {@code vendor=kube-ovn}. */
  public static boolean isOwned(Map<String, String> externalIds) {
    return OWNER.equals(externalIds.get(OWNER_KEY));
  }
}
