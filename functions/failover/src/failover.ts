// One evaluation of the pair, and a person's takeovers, against the DR state
// record. Every timer occurrence and every alert delivery runs an evaluation;
// the evidence (direct probes, Traffic Manager through ARM) decides, never the
// delivery. A failover's actions stay pending in the record and are retried
// by every evaluation until read back, whatever the alerts do. Each call has
// a timeout and an evaluation starts no call past its budget.
import { failoverCallTimeoutSeconds, failoverInvocationBudgetSeconds, operatorAnnotations } from "../../../contract";
import { afterActions, decideFailover, describeAction, describeView, Evidence, failoverActions, TrafficManagerView, weigh } from "./decide";
import { DrState, DrStateStore, FencedOut, Holder, PendingAction, personPhases, StateSession, withDecision } from "./drState";
import { ProbeResult } from "./health";
import { Settings } from "./settings";

export interface Logger {
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
}

/** The humio-operator Deployment as the failover reads and changes it. */
export interface OperatorPort {
    read(timeoutMs: number): Promise<{ replicas: number; token: number; resourceVersion: string }>;
    /**
     * Set replicas and the fencing-token annotations only if the Deployment is
     * still at `resourceVersion` (a merge patch carrying it: the API server
     * answers 409 otherwise). False when it changed.
     */
    claim(change: { resourceVersion: string; replicas: number; annotations: Record<string, string> }, timeoutMs: number): Promise<boolean>;
    /** A person's token on the Deployment, whatever it holds: in-flight claims with an older view then fail. */
    stamp(annotations: Record<string, string>, timeoutMs: number): Promise<void>;
}

export interface TrafficManagerPort {
    endpoint(timeoutMs: number): Promise<{ endpointStatus: string; monitorStatus: string }>;
    disable(timeoutMs: number): Promise<void>;
}

export interface AgentPoolPort {
    state(poolId: string, timeoutMs: number): Promise<{ power: string; provisioning: string }>;
    /** Ask for the pool to start; does not wait. */
    start(poolId: string, timeoutMs: number): Promise<void>;
}

/** What the decisions read from the settings. */
export type FailoverPolicy = Pick<Settings, "confirmationProbes" | "confirmationSeconds" | "failoverMode" | "coldAgentPoolIds">;

export interface FailoverPorts {
    settings: FailoverPolicy;
    store: DrStateStore;
    operator: OperatorPort;
    trafficManager: TrafficManagerPort;
    pools: AgentPoolPort;
    probe(timeoutMs: number): Promise<ProbeResult>;
    /** This process's monotonic clock (ms): bounds an invocation, never decides. */
    elapsedMs(): number;
    /** Names this function instance in the record. */
    instance: string;
}

export type Outcome =
    | { outcome: "busy" }
    | { outcome: "held"; phase: string; by: string }
    | { outcome: "healthy" }
    | { outcome: "false-alarm" }
    | { outcome: "confirming"; failedProbes: number }
    | { outcome: "manual-required" }
    | { outcome: "failing-over"; token: number; pending: string[] }
    | { outcome: "failed-over"; token: number }
    | { outcome: "stood-down" }
    | { outcome: "fenced-out"; detail: string };

export type Trigger = { kind: "timer" } | { kind: "alert"; condition: "Fired" | "Resolved" };

const callTimeoutMs = failoverCallTimeoutSeconds * 1000;
const budgetMs = failoverInvocationBudgetSeconds * 1000;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Calls of one invocation: each bounded by the call timeout and by what is left of the budget. */
class Budget {
    private readonly start: number;
    constructor(private readonly clock: () => number) {
        this.start = clock();
    }
    /** The timeout for the next call, or undefined when the budget is spent. */
    next(): number | undefined {
        const left = budgetMs - (this.clock() - this.start);
        return left > 0 ? Math.min(callTimeoutMs, left) : undefined;
    }
}

class Spent extends Error {
    constructor() {
        super(`the invocation's budget of ${failoverInvocationBudgetSeconds} s is spent: the next evaluation goes on`);
    }
}

export class Failover {
    constructor(private readonly ports: FailoverPorts) {}

    private get holder(): Holder {
        return { kind: "function", id: this.ports.instance };
    }

    /** One evaluation: a timer occurrence, or an alert delivery (which only notes the alert's condition, then evaluates). */
    async evaluate(trigger: Trigger, log: Logger): Promise<Outcome> {
        const budget = new Budget(() => this.ports.elapsedMs());
        const session = await this.ports.store.open();
        if (session === "busy") {
            log.info("another evaluation holds the DR state record: it decides this time");
            return { outcome: "busy" };
        }
        try {
            let state = session.state;
            if (trigger.kind === "alert") {
                state = withDecision({ ...state, alert: { condition: trigger.condition, at: session.now } }, session.now, `alert ${trigger.condition} received: evaluating the evidence`);
            }
            return await this.step(session, state, budget, log);
        } catch (e) {
            if (e instanceof FencedOut) {
                log.warn(e.message);
                return { outcome: "fenced-out", detail: e.message };
            }
            throw e;
        } finally {
            await session.release().catch((e) => log.warn(`releasing the DR state record's lease: ${message(e)}`));
        }
    }

    private async step(session: StateSession, state: DrState, budget: Budget, log: Logger): Promise<Outcome> {
        const now = session.now;
        const { settings } = this.ports;
        if ((personPhases as readonly string[]).includes(state.phase)) {
            await this.save(session, state);
            log.info(`the pair is ${state.phase} by ${state.holder.kind} ${state.holder.id} (token ${state.token}): the function does nothing until a person re-arms it`);
            return { outcome: "held", phase: state.phase, by: state.holder.id };
        }
        if (state.phase === "failing-over" || state.phase === "failed-over") {
            const after = await this.carryOut(session, state, budget, log);
            return after.phase === "failed-over" ? { outcome: "failed-over", token: after.token } : { outcome: "failing-over", token: after.token, pending: after.pending.map(describeAction) };
        }

        const evidence = await this.gather(budget);
        const weighed = weigh(state, evidence, now, { probes: settings.confirmationProbes, seconds: settings.confirmationSeconds });
        const seen = `probe ${evidence.probe.detail}; Traffic Manager ${describeView(evidence.trafficManager)}`;
        if (weighed.verdict === "healthy" || weighed.verdict === "false-alarm") {
            await this.save(session, weighed.state);
            if (weighed.verdict === "false-alarm") log.warn(weighed.state.decisions[weighed.state.decisions.length - 1].line);
            return { outcome: weighed.verdict };
        }
        if (weighed.verdict === "confirming" || state.phase === "manual-required") {
            await this.save(session, state.phase === "manual-required" ? { ...weighed.state, phase: "manual-required", since: state.since } : weighed.state);
            if (state.phase === "manual-required") {
                log.error(`MANUAL FAILOVER REQUIRED: the primary is down (${seen}) and FAILOVER_MODE=manual; run npm run drctl -- failover`);
                return { outcome: "manual-required" };
            }
            log.warn(`the primary failed ${weighed.state.probes.failed} probe(s) in a row since ${new Date(weighed.state.probes.firstFailedAt! * 1000).toISOString()} (${seen}): confirming`);
            return { outcome: "confirming", failedProbes: weighed.state.probes.failed };
        }

        // Confirmed: look again at both signals right before acting.
        const again = await this.gather(budget);
        const recheck = weigh(weighed.state, again, now, { probes: settings.confirmationProbes, seconds: settings.confirmationSeconds });
        if (recheck.verdict !== "confirmed") {
            await this.save(session, recheck.state);
            log.warn(`re-check before acting: ${recheck.verdict === "false-alarm" ? "the primary answers" : `Traffic Manager no longer agrees (${describeView(again.trafficManager)})`}; not failing over`);
            return recheck.verdict === "false-alarm" ? { outcome: "false-alarm" } : { outcome: "confirming", failedProbes: recheck.state.probes.failed };
        }
        const why = `the primary failed ${recheck.state.probes.failed} probes in a row over ${now - recheck.state.probes.firstFailedAt!} s and Traffic Manager agrees (${describeView(again.trafficManager)})`;
        if (settings.failoverMode === "manual") {
            const next = withDecision({ ...recheck.state, phase: "manual-required", since: now }, now, `manual failover required: ${why}`);
            await this.save(session, next);
            log.error(`MANUAL FAILOVER REQUIRED: ${why}; FAILOVER_MODE=manual: run npm run drctl -- failover`);
            return { outcome: "manual-required" };
        }
        const decided = decideFailover(recheck.state, now, this.holder, failoverActions(settings.coldAgentPoolIds), why);
        // Recorded before any action: a person who looks now sees the failover and its token.
        await this.save(session, decided);
        log.error(decided.decisions[decided.decisions.length - 1].line);
        const after = await this.carryOut(session, decided, budget, log);
        return after.phase === "failed-over" ? { outcome: "failed-over", token: after.token } : { outcome: "failing-over", token: after.token, pending: after.pending.map(describeAction) };
    }

    /** A person's failover (drctl): the same actions under a new token held by the person, without waiting for evidence. */
    async failOverAsPerson(person: string, reason: string, log: Logger): Promise<DrState> {
        const session = await this.ports.store.seize();
        try {
            const holder: Holder = { kind: "person", id: person };
            const actions = failoverActions(this.ports.settings.coldAgentPoolIds);
            const s = session.state;
            // Already failed over: the same token, every (idempotent) action checked again, since a person asks.
            const state =
                s.phase === "failing-over" || s.phase === "failed-over"
                    ? withDecision({ ...s, holder, phase: "failing-over" as const, pending: actions.map((a) => ({ ...a, since: session.now, attempts: 0 })) }, session.now, `failover re-checked by ${person}: ${reason}`)
                    : decideFailover(s, session.now, holder, actions, reason);
            await this.save(session, state);
            return await this.carryOut(session, state, new Budget(() => this.ports.elapsedMs()), log);
        } finally {
            await session.release().catch(() => undefined);
        }
    }

    /**
     * A person stands the function down (or re-arms it): a new token, recorded
     * first, then stamped on the Deployment. Re-arming needs the primary
     * endpoint enabled: a disabled one is never Degraded, so the function
     * could never see Traffic Manager agree on an outage.
     */
    async takeOver(person: string, phase: "stood-down" | "armed", reason: string): Promise<DrState> {
        if (phase === "armed" && (await this.ports.trafficManager.endpoint(callTimeoutMs)).endpointStatus === "Disabled") {
            throw new Error("the primary Traffic Manager endpoint is Disabled: fail back (which enables it) before re-arming automatic failover");
        }
        const session = await this.ports.store.seize();
        try {
            const s = session.state;
            const next = withDecision(
                { ...s, phase, since: session.now, token: s.token + 1, holder: { kind: "person", id: person }, pending: [], probes: { failed: 0 }, alert: undefined },
                session.now,
                `${phase === "armed" ? "re-armed" : "stood down"} by ${person}: ${reason}`,
            );
            await session.write(next);
            await this.ports.operator.stamp({ [operatorAnnotations.fencingToken]: String(next.token) }, callTimeoutMs);
            return next;
        } finally {
            await session.release().catch(() => undefined);
        }
    }

    private async gather(budget: Budget): Promise<Evidence> {
        const probeTimeout = budget.next();
        if (probeTimeout === undefined) throw new Spent();
        const [probe, trafficManager] = await Promise.all([
            this.ports.probe(probeTimeout),
            this.ports.trafficManager.endpoint(probeTimeout).then(
                (e): TrafficManagerView => e,
                (e): TrafficManagerView => ({ error: message(e) }),
            ),
        ]);
        return { probe, trafficManager };
    }

    /** Try every pending action once, read each back, record the result; loud while anything stays pending. */
    private async carryOut(session: StateSession, state: DrState, budget: Budget, log: Logger): Promise<DrState> {
        if (state.phase === "failed-over" && !state.pending.length) {
            await this.save(session, state);
            return state;
        }
        const results = new Map<number, { confirmed: boolean; error?: string }>();
        // A second pass, budget permitting, so one transient error does not cost a whole timer period.
        for (let pass = 0; pass < 2; pass++) {
            for (const [i, action] of state.pending.entries()) {
                if (results.get(i)?.confirmed || budget.next() === undefined) continue;
                try {
                    results.set(i, { confirmed: await this.act(action, state, () => budget.next()) });
                } catch (e) {
                    if (e instanceof FencedOut) throw e;
                    results.set(i, { confirmed: false, error: message(e) });
                }
            }
        }
        const next = afterActions(state, session.now, results);
        await this.save(session, next);
        if (next.pending.length) {
            log.error(
                `FAILOVER INCOMPLETE (token ${next.token}): ${next.pending.map((p) => `${describeAction(p)}: not confirmed after ${p.attempts} attempt(s)${p.lastError ? ` (${p.lastError})` : ""}`).join("; ")}. Retrying every evaluation.`,
            );
        } else if (state.phase === "failing-over") {
            log.warn(next.decisions[next.decisions.length - 1].line);
        }
        return next;
    }

    /** One action, read back: true once it holds. */
    private async act(action: PendingAction, { token, failedOverAt }: DrState, timeout: () => number | undefined): Promise<boolean> {
        const t = () => {
            const ms = timeout();
            if (ms === undefined) throw new Spent();
            return ms;
        };
        const { operator, trafficManager, pools } = this.ports;
        switch (action.action) {
            case "start-agent-pool": {
                const s = await pools.state(action.target, t());
                if (s.power === "Running" && s.provisioning === "Succeeded") return true;
                if (s.power !== "Running") await pools.start(action.target, t());
                return false;
            }
            case "disable-primary-endpoint": {
                if ((await trafficManager.endpoint(t())).endpointStatus === "Disabled") return true;
                await trafficManager.disable(t());
                return (await trafficManager.endpoint(t())).endpointStatus === "Disabled";
            }
            case "scale-operator": {
                const d = await operator.read(t());
                if (d.token > token) throw new FencedOut(`the humio-operator Deployment carries the newer token ${d.token}`);
                if (d.token === token && d.replicas >= 1) return true;
                // Never scale down: a person may have scaled it further.
                const claimed = await operator.claim({ resourceVersion: d.resourceVersion, replicas: Math.max(1, d.replicas), annotations: { [operatorAnnotations.fencingToken]: String(token), [operatorAnnotations.lastFailover]: String(failedOverAt ?? 0) } }, t());
                if (!claimed) return false;
                const back = await operator.read(t());
                return back.token === token && back.replicas >= 1;
            }
        }
    }

    private async save(session: StateSession, next: DrState): Promise<void> {
        if (next !== session.state) await session.write(next);
    }
}
