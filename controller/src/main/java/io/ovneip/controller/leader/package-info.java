/** Layer: controller runtime. Leader election on a Lease: exactly one replica writes. */
package io.ovneip.controller.leader;
