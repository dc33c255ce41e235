package io.ovneip.agent;

import io.ovneip.model.ovs.OvsPlan;
import java.util.Optional;

/**
 * Counters of a running agent, for tests and (later) metrics.
 *
 * @param reconciles passes completed without error
 * @param transactions transactions sent (an unchanged input sends none)
 * @param failures passes that ended in an error and a retry
 * @param lastOutcome the decision of the last completed pass
 */
public record AgentStatus(
    long reconciles, long transactions, long failures, Optional<OvsPlan.Outcome> lastOutcome) {}
