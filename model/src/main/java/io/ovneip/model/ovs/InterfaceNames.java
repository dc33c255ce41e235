package io.ovneip.model.ovs;

import io.ovneip.model.input.Names;

/** Linux network interface names, by the one rule of {@link Names#isInterfaceName}. */
public final class InterfaceNames {
  private InterfaceNames() {}

  public static boolean isValid(String name) {
    return Names.isInterfaceName(name);
  }
}
