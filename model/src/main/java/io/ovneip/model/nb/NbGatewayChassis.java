package io.ovneip.model.nb;

import io.ovneip.ovsdb.protocol.Row;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * NB {@code Gateway_Chassis} {@code <lr>-<ls>-<chassis>}: binds the gateway port to a chassis.
 *
 * @param priority schema: integer 0..32767; the highest-priority live chassis is active
 */
public record NbGatewayChassis(OwnerKey owner, String name, String chassisName, long priority)
    implements NbRow {

  public NbGatewayChassis {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(chassisName, "chassisName");
    if (priority < 0 || priority > 32767) {
      throw new IllegalArgumentException("Gateway_Chassis.priority must be 0..32767: " + priority);
    }
  }

  @Override
  public NbTable table() {
    return NbTable.GATEWAY_CHASSIS;
  }

  /** Equal to {@code table().naturalKey(toRow())}, without building the row. */
  @Override
  public String naturalKey() {
    return name;
  }

  @Override
  public Map<String, Object> columns() {
    return Map.of(
        "name", name,
        "chassis_name", chassisName,
        "priority", priority,
        "external_ids", ExternalIds.of(owner));
  }

  static Optional<NbRow> from(OwnerKey owner, Row row) {
    Optional<String> name = Columns.string(row, "name");
    Optional<Long> priority = Columns.integer(row, "priority").filter(p -> p >= 0 && p <= 32767);
    if (name.isEmpty() || priority.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NbGatewayChassis(
            owner, name.get(), Columns.string(row, "chassis_name").orElse(""), priority.get()));
  }
}
