package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.OvsdbMap;
import io.ovneip.ovsdb.protocol.Row;
import java.util.Map;
import java.util.Optional;

/** The ownership marks every row of ours carries in {@code external_ids} (docs/behaviour.md §3). */
public final class ExternalIds {
  public static final String VENDOR_KEY = "vendor";

  /**
   * Ours, not Kube-OVN's: Kube-OVN's sweeps treat {@code vendor=kube-ovn} rows as theirs. Rows of
   * earlier versions (vendor {@code kube-ovn}) stay ours through the owner key.
   */
  public static final String VENDOR = "ovn-eip";

  public static final String OWNER_KEY = "ovn-eip-owner";

  private ExternalIds() {}

  public static OvsdbMap of(OwnerKey owner) {
    return OvsdbMap.of(Map.of(VENDOR_KEY, VENDOR, OWNER_KEY, owner.value()));
  }

  /** The ownership marks plus further keys of ours ({@code extra} must not hold the marks). */
  public static OvsdbMap of(OwnerKey owner, Map<String, String> extra) {
    Map<String, String> m = new java.util.HashMap<>(extra);
    m.put(VENDOR_KEY, VENDOR);
    m.put(OWNER_KEY, owner.value());
    return OvsdbMap.of(Map.copyOf(m));
  }

  /**
   * The owner of a row; empty when it has no owner key, i.e. the row was written by hand or by the
   * CNI and must never be touched.
   */
  public static Optional<OwnerKey> ownerOf(Row row) {
    return OwnerKey.parse(Columns.map(row, "external_ids").get(OWNER_KEY));
  }
}
