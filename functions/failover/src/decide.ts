// The failover decision as pure functions of the DR state record and this
// evaluation's evidence: failover.ts gathers the evidence and carries out what
// these return. Two independent signals must agree before a failover: the
// function's own probes of the primary (several in a row, spanning the
// confirmation window) and Traffic Manager's view of the endpoint.
import { evaluationPeriodSeconds } from "../../../contract";
import { DrState, heartbeatSeconds, Holder, PendingAction, withDecision } from "./drState";
import { ProbeResult } from "./health";

/** Traffic Manager's view of the primary endpoint, read through ARM, or why it could not be read. */
export type TrafficManagerView = { endpointStatus: string; monitorStatus: string } | { error: string };

export interface Evidence {
    probe: ProbeResult;
    trafficManager: TrafficManagerView;
}

export interface Confirmation {
    probes: number;
    seconds: number;
}

/**
 * Traffic Manager's agreement that the primary is down: the endpoint is
 * Degraded (its probes fail), or — only when ARM cannot be read — an alert
 * that fired since this run of failed probes began (an older one says
 * nothing about this outage).
 */
export function trafficManagerAgrees(view: TrafficManagerView, alert: DrState["alert"], failingSince: number): boolean {
    if ("error" in view) return alert?.condition === "Fired" && alert.at >= failingSince;
    return view.monitorStatus === "Degraded";
}

export function describeView(view: TrafficManagerView): string {
    return "error" in view ? `unreadable (${view.error})` : `${view.endpointStatus}/${view.monitorStatus}`;
}

export type Weighing =
    | { verdict: "healthy"; state: DrState }
    | { verdict: "false-alarm"; state: DrState }
    | { verdict: "confirming"; state: DrState }
    | { verdict: "confirmed"; state: DrState };

/**
 * Failed probes count as in a row while at most one evaluation is missed
 * between them (one transient fault must not cost a whole confirmation
 * window); after a longer gap nobody saw the primary in between, so the count
 * starts again.
 */
export const maxProbeGapSeconds = Math.ceil(evaluationPeriodSeconds * 2.5);

/** A successful probe: the evidence so far is void, alert included. */
function answered(state: DrState, now: number, detail: string, by: string): Weighing {
    if (state.phase === "armed" && state.probes.failed === 0 && !state.alert) {
        // Nothing new: no write, but a heartbeat every heartbeatSeconds.
        const fresh = state.evaluatedAt !== undefined && now - state.evaluatedAt < heartbeatSeconds;
        return { verdict: "healthy", state: fresh ? state : { ...state, evaluatedAt: now } };
    }
    const base: DrState = { ...state, phase: "armed", since: state.phase === "armed" ? state.since : now, probes: { failed: 0 }, alert: undefined, evaluatedAt: now };
    if (state.probes.failed === 0) return { verdict: "healthy", state: base };
    return { verdict: "false-alarm", state: withDecision(base, now, by, `false alarm: the primary answers again (${detail}) after ${state.probes.failed} failed probe(s); not failing over`) };
}

/** This evaluation's evidence on an armed or confirming pair; `by` names the evaluating instance in decision lines. */
export function weigh(state: DrState, evidence: Evidence, now: number, c: Confirmation, by: string): Weighing {
    if (evidence.probe.up) return answered(state, now, evidence.probe.detail, by);
    const p = state.probes;
    const continues = p.failed > 0 && p.firstFailedAt !== undefined && p.lastAt !== undefined && now - p.lastAt <= maxProbeGapSeconds;
    const probes = continues ? { failed: p.failed + 1, firstFailedAt: p.firstFailedAt!, lastAt: now } : { failed: 1, firstFailedAt: now, lastAt: now };
    const next: DrState = { ...state, phase: "confirming", since: state.phase === "confirming" ? state.since : now, probes, evaluatedAt: now };
    const probesConfirm = probes.failed >= c.probes && now - probes.firstFailedAt >= c.seconds;
    return { verdict: probesConfirm && trafficManagerAgrees(evidence.trafficManager, state.alert, probes.firstFailedAt) ? "confirmed" : "confirming", state: next };
}

/**
 * The look right before acting, on a confirmed state: both signals must still
 * hold. Not another probe in the count: the same evaluation, looked at again.
 */
export function recheck(confirmed: DrState, evidence: Evidence, now: number, by: string): Weighing {
    if (evidence.probe.up) return answered(confirmed, now, evidence.probe.detail, by);
    const agrees = trafficManagerAgrees(evidence.trafficManager, confirmed.alert, confirmed.probes.firstFailedAt ?? now);
    return { verdict: agrees ? "confirmed" : "confirming", state: confirmed };
}

/** The actions a failover owes, each pending until read back. The endpoint goes out of rotation only once the operator is scaled. */
export function failoverActions(coldAgentPoolIds: string[]): PendingAction[] {
    return [...coldAgentPoolIds.map((target) => ({ action: "start-agent-pool" as const, target })), { action: "scale-operator" }, { action: "disable-primary-endpoint" }];
}

export function describeAction(a: PendingAction): string {
    return a.action === "start-agent-pool" ? `start agent pool ${a.target}` : a.action === "scale-operator" ? "scale humio-operator to 1" : "disable the primary Traffic Manager endpoint";
}

/** A failover decided by `holder`: the next token, every action pending. */
export function decideFailover(state: DrState, now: number, holder: Holder, actions: PendingAction[], why: string): DrState {
    const next: DrState = {
        ...state,
        phase: "failing-over",
        since: now,
        token: state.token + 1,
        holder,
        pending: actions.map((a) => ({ ...a, since: now, attempts: 0 })),
        failedOverAt: now,
    };
    return withDecision(next, now, `${holder.kind} ${holder.id}`, `failing over with fencing token ${next.token}: ${why}`);
}

/** The primary answered before the failover took effect (the operator never scaled): nothing to finish. */
export function abortFailover(state: DrState, now: number, by: string, detail: string): DrState {
    const next: DrState = { ...state, phase: "armed", since: now, pending: [], probes: { failed: 0 }, alert: undefined, failedOverAt: undefined };
    return withDecision(next, now, by, `false alarm: the primary answers again (${detail}) before the operator was scaled; failover ${state.token} abandoned`);
}

/** The state once the actions in `results` are tried: confirmed ones leave, failed ones count an attempt. */
export function afterActions(state: DrState, now: number, by: string, results: Map<number, { confirmed: boolean; error?: string }>): DrState {
    const pending = state.pending
        .map((p, i) => ({ p, r: results.get(i) }))
        .filter(({ r }) => !r?.confirmed)
        .map(({ p, r }) => (r ? { ...p, attempts: p.attempts + 1, lastError: r.error } : p));
    if (pending.length || state.phase !== "failing-over") return { ...state, pending };
    return withDecision({ ...state, pending, phase: "failed-over", since: now }, now, by, `failed over: every action confirmed (fencing token ${state.token})`);
}
