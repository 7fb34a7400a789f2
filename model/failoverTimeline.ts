// Worst-case seconds from the primary going down to the standby's operator
// being scaled, by stage (README "How fast a failover is"). The function
// evaluates every evaluationPeriodSeconds; the outage may begin just after
// an evaluation. LogScale's own start and recovery come after the total, and
// so does a cold standby's pool start.
import { coldPoolStartAllowanceSeconds, evaluationPeriodSeconds, failoverInvocationSeconds, FailoverTimeline } from "../contract";
import { Settings } from "../config/keys";

export type TimelineSettings = Pick<
    Settings,
    | "trafficManagerProbeIntervalSeconds"
    | "trafficManagerProbeTimeoutSeconds"
    | "trafficManagerToleratedFailures"
    | "failoverConfirmationProbes"
    | "failoverConfirmationSeconds"
    | "standbyTier"
>;

export function failoverTimeline(s: TimelineSettings): FailoverTimeline {
    const period = evaluationPeriodSeconds;
    // The next evaluation after the outage begins records the first failed probe.
    const firstProbeSeconds = period;
    // Further evaluations until N failures in a row span the confirmation window.
    const confirmationSeconds = period * Math.max(s.failoverConfirmationProbes - 1, Math.ceil(s.failoverConfirmationSeconds / period));
    // Traffic Manager marks the endpoint Degraded after (tolerated failures + 1) failed probes, each
    // up to its timeout (Microsoft Learn, "Traffic Manager endpoint monitoring"); only the part after
    // the probes' confirmation delays the decision, to the evaluation after it.
    const trafficManagerDegradedSeconds = s.trafficManagerProbeIntervalSeconds * (s.trafficManagerToleratedFailures + 1) + s.trafficManagerProbeTimeoutSeconds;
    const trafficManagerSeconds = Math.max(0, period * Math.ceil(trafficManagerDegradedSeconds / period) - (firstProbeSeconds + confirmationSeconds));
    // The deciding evaluation re-checks, records and scales within its bound.
    const actionSeconds = failoverInvocationSeconds;
    return {
        firstProbeSeconds,
        confirmationSeconds,
        trafficManagerSeconds,
        actionSeconds,
        totalSeconds: firstProbeSeconds + confirmationSeconds + trafficManagerSeconds + actionSeconds,
        agentPoolStartSeconds: s.standbyTier === "cold" ? coldPoolStartAllowanceSeconds : 0,
    };
}
