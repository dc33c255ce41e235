package io.ovneip.cli;

import io.ovneip.agent.AgentStatus;
import io.ovneip.model.ovs.OvsPlan;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Supplier;

/**
 * The agent's counters as Prometheus metrics, read from its status at scrape time (also served by
 * the sandbox's agents).
 */
public final class AgentMetrics {
  private AgentMetrics() {}

  /** A registry whose metrics read {@code status} (e.g. {@code agent::status}) at scrape time. */
  public static PrometheusRegistry registry(Supplier<AgentStatus> status) {
    PrometheusRegistry registry = new PrometheusRegistry();
    CounterWithCallback.builder()
        .name("ovn_eip_agent_reconciles_total")
        .help("Reconcile passes of the node agent.")
        .callback(cb -> cb.call(status.get().reconciles()))
        .register(registry);
    CounterWithCallback.builder()
        .name("ovn_eip_agent_transactions_total")
        .help("Open_vSwitch transactions the agent sent.")
        .callback(cb -> cb.call(status.get().transactions()))
        .register(registry);
    CounterWithCallback.builder()
        .name("ovn_eip_agent_failures_total")
        .help("Reconcile passes that failed and were retried.")
        .callback(cb -> cb.call(status.get().failures()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("ovn_eip_agent_ready")
        .help("1 once the agent has completed a pass against OVS and the API.")
        .callback(cb -> cb.call(status.get().lastOutcome().isPresent() ? 1 : 0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("ovn_eip_agent_refusing")
        .help(
            "1 while the last pass was refused by a safety rule (the NIC is in a bridge not ours,"
                + " the bridge or its port name is taken): nothing written, a node Event says why.")
        .callback(
            cb ->
                cb.call(
                    status.get().lastOutcome().filter(o -> o == OvsPlan.Outcome.REFUSED).isPresent()
                        ? 1
                        : 0))
        .register(registry);
    return registry;
  }
}
