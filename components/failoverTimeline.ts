// Worst-case seconds from the primary going down to the standby's operator
// being scaled, by stage. LogScale's own start and snapshot recovery come
// after and are not in the sum.
import { isoDurationSeconds, StackSettings } from "../stacks/configSchema";

/** The holdoff timer's period (functions/failover: every 30 s). */
export const holdoffTimerSeconds = 30;

export interface FailoverTimeline {
    /** Traffic Manager marks the endpoint degraded after (tolerated failures + 1) failed probes. */
    probeDetectionSeconds: number;
    /** The metric alert fires at its next evaluation whose window holds the failure. */
    alertEvaluationSeconds: number;
    /** The function waits this long after the alert's first firing, re-checking the primary. */
    holdoffSeconds: number;
    /** The timer may have just run when the holdoff expires. */
    timerPeriodSeconds: number;
    /** Cold tier only: the bound on starting the stopped pools. */
    agentPoolStartSeconds: number;
    totalSeconds: number;
}

/** Bound the function puts on starting a cold standby's agent pools (COLD_START_TIMEOUT_SECONDS). */
export const coldStartTimeoutSeconds = 900;

export function failoverTimeline(s: Pick<StackSettings, "trafficManager" | "failover">): FailoverTimeline {
    const stages = {
        probeDetectionSeconds: s.trafficManager.probeIntervalSeconds * (s.trafficManager.toleratedFailures + 1),
        alertEvaluationSeconds: isoDurationSeconds(s.failover.alertWindow) + isoDurationSeconds(s.failover.alertFrequency),
        holdoffSeconds: s.failover.preFailoverFailureSeconds,
        timerPeriodSeconds: s.failover.preFailoverFailureSeconds === 0 ? 0 : holdoffTimerSeconds,
        agentPoolStartSeconds: s.failover.standbyTier === "cold" ? coldStartTimeoutSeconds : 0,
    };
    return { ...stages, totalSeconds: Object.values(stages).reduce((a, b) => a + b, 0) };
}
