/**
 * Layer: controller, OVN edge. The one Northbound writer and the Southbound chassis reader. Every
 * byte the controller sends to OVN goes through {@link io.ovneip.controller.ovn.NorthboundDb}.
 */
package io.ovneip.controller.ovn;
