// Worst-case seconds from the primary going down to the standby's operator
// being scaled, by stage. LogScale's own start and snapshot recovery come
// after and are not in the sum.
import { coldStartTimeoutSeconds, FailoverTimeline, holdoffTimerSeconds } from "../contract";
import { isoDurationSeconds } from "../config/formats";
import { Settings } from "../config/keys";

export type TimelineSettings = Pick<
    Settings,
    | "trafficManagerProbeIntervalSeconds"
    | "trafficManagerToleratedFailures"
    | "failoverAlertWindow"
    | "failoverAlertFrequency"
    | "preFailoverFailureSeconds"
    | "standbyTier"
>;

export function failoverTimeline(s: TimelineSettings): FailoverTimeline {
    const stages = {
        // Traffic Manager marks the endpoint degraded after (tolerated failures + 1) failed probes.
        probeDetectionSeconds: s.trafficManagerProbeIntervalSeconds * (s.trafficManagerToleratedFailures + 1),
        // The metric alert fires at its next evaluation whose window holds the failure.
        alertEvaluationSeconds: isoDurationSeconds(s.failoverAlertWindow) + isoDurationSeconds(s.failoverAlertFrequency),
        // The function waits this long after the alert's first firing, re-checking the primary.
        holdoffSeconds: s.preFailoverFailureSeconds,
        // The timer may have just run when the holdoff expires.
        timerPeriodSeconds: s.preFailoverFailureSeconds === 0 ? 0 : holdoffTimerSeconds,
        // Cold tier only: the bound on starting the stopped pools.
        agentPoolStartSeconds: s.standbyTier === "cold" ? coldStartTimeoutSeconds : 0,
    };
    return { ...stages, totalSeconds: Object.values(stages).reduce((a, b) => a + b, 0) };
}
