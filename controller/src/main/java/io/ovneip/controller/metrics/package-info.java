/** Layer: controller runtime. Prometheus metrics and the /healthz, /readyz endpoints. */
package io.ovneip.controller.metrics;
