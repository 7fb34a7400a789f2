// The failover decision as pure functions of the DR state record and this
// evaluation's evidence: failover.ts gathers the evidence and carries out what
// these return. Two independent signals must agree before a failover: the
// function's own probes of the primary (several in a row, spanning the
// confirmation window) and Traffic Manager's view of the endpoint.
import { evaluationPeriodSeconds } from "../../../contract";
import { DrState, Holder, PendingAction, withDecision } from "./drState";
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
 * Degraded (its probes fail), or — only when ARM cannot be read — the last
 * alert delivery was Fired.
 */
export function trafficManagerAgrees(view: TrafficManagerView, alert: DrState["alert"]): boolean {
    if ("error" in view) return alert?.condition === "Fired";
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
 * Failed probes count as in a row only while no evaluation is missed between
 * them: after a longer gap nobody saw the primary in between (it may have
 * answered), so the count starts again.
 */
export const maxProbeGapSeconds = Math.ceil(evaluationPeriodSeconds * 1.5);

/** This evaluation's evidence on an armed or confirming pair. */
export function weigh(state: DrState, evidence: Evidence, now: number, c: Confirmation): Weighing {
    if (evidence.probe.up) {
        // Nothing new to record on a quiet pair: the record is not rewritten every evaluation.
        if (state.phase === "armed" && state.probes.failed === 0) return { verdict: "healthy", state };
        const base = { ...state, phase: "armed" as const, since: state.phase === "armed" ? state.since : now, probes: { failed: 0, lastAt: now } };
        if (state.probes.failed === 0) return { verdict: "healthy", state: base };
        return { verdict: "false-alarm", state: withDecision(base, now, `false alarm: the primary answers again (${evidence.probe.detail}) after ${state.probes.failed} failed probe(s); not failing over`) };
    }
    const continues = state.probes.failed > 0 && state.probes.firstFailedAt !== undefined && state.probes.lastAt !== undefined && now - state.probes.lastAt <= maxProbeGapSeconds;
    const probes = continues ? { failed: state.probes.failed + 1, firstFailedAt: state.probes.firstFailedAt!, lastAt: now } : { failed: 1, firstFailedAt: now, lastAt: now };
    const firstFailedAt = probes.firstFailedAt;
    const next: DrState = { ...state, phase: "confirming", since: state.phase === "confirming" ? state.since : now, probes };
    const probesConfirm = probes.failed >= c.probes && now - firstFailedAt >= c.seconds;
    return { verdict: probesConfirm && trafficManagerAgrees(evidence.trafficManager, state.alert) ? "confirmed" : "confirming", state: next };
}

/** The actions a failover owes, each pending until read back. */
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
    return withDecision(next, now, `failing over with fencing token ${next.token}: ${why}`);
}

/** The state once `done` are confirmed and the others failed with their errors. */
export function afterActions(state: DrState, now: number, results: Map<number, { confirmed: boolean; error?: string }>): DrState {
    const pending = state.pending
        .map((p, i) => ({ p, r: results.get(i) }))
        .filter(({ r }) => !r?.confirmed)
        .map(({ p, r }) => (r ? { ...p, attempts: p.attempts + 1, lastError: r.error } : p));
    if (pending.length || state.phase !== "failing-over") return { ...state, pending };
    return withDecision({ ...state, pending, phase: "failed-over", since: now }, now, `failed over: every action confirmed (fencing token ${state.token})`);
}
