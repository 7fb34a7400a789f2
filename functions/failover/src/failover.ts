// One evaluation of the pair, and a person's takeovers, against the DR state
// record. Every timer occurrence and every alert delivery runs an evaluation;
// the evidence (direct probes, Traffic Manager through ARM) decides, never the
// delivery. A failover's actions stay pending in the record and are retried
// by every evaluation until read back, whatever the alerts do. Each call has
// a timeout and an evaluation starts no call past its budget.
import { failoverCallTimeoutSeconds, failoverInvocationSeconds, operatorAnnotations, storageCallTimeoutSeconds } from "../../../contract";
import { abortFailover, afterActions, decideFailover, describeAction, describeView, Evidence, failoverActions, recheck, TrafficManagerView, weigh } from "./decide";
import { DrState, DrStateStore, FencedOut, Holder, PendingAction, PersonPhase, personPhases, StateSession, withDecision } from "./drState";
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
export type DecisionSettings = Pick<Settings, "confirmationProbes" | "confirmationSeconds" | "failoverMode" | "coldAgentPoolIds">;

export interface FailoverPorts {
    settings: DecisionSettings;
    store: DrStateStore;
    operator: OperatorPort;
    trafficManager: TrafficManagerPort;
    pools: AgentPoolPort;
    probe(timeoutMs: number): Promise<ProbeResult>;
    /** This process's monotonic clock (ms): bounds an invocation, never decides. */
    elapsedMs(): number;
    /** Waits until no evaluation that began before now can still act (a person's takeover returns only then). */
    outlastInvocations(): Promise<void>;
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
    | { outcome: "fenced-out"; detail: string };

export type Trigger = { kind: "timer" } | { kind: "alert"; condition: "Fired" | "Resolved" };

const callTimeoutMs = failoverCallTimeoutSeconds * 1000;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One invocation's time. It ends within failoverInvocationSeconds: a call to
 * Kubernetes, ARM or the primary starts only if it can end before the
 * reserve the record's last writes and the lease's release need.
 */
class Budget {
    static readonly reserveMs = 3 * storageCallTimeoutSeconds * 1000;
    private readonly start: number;
    constructor(private readonly clock: () => number) {
        this.start = clock();
    }
    /** The timeout for the next call, or undefined when no call fits any more. */
    call(): number | undefined {
        const left = failoverInvocationSeconds * 1000 - Budget.reserveMs - (this.clock() - this.start);
        return left >= 250 ? Math.min(callTimeoutMs, left) : undefined;
    }
}

class Spent extends Error {
    constructor() {
        super(`no call fits in this invocation's ${failoverInvocationSeconds} s: the next evaluation goes on`);
    }
}

/** Outlasting in-flight evaluations by waiting out the longest one (each ends within failoverInvocationSeconds). */
export const outlastByWaiting = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, failoverInvocationSeconds * 1000));

const outcomeOf = (s: DrState): Outcome => (s.phase === "failed-over" ? { outcome: "failed-over", token: s.token } : { outcome: "failing-over", token: s.token, pending: s.pending.map(describeAction) });

export class Failover {
    constructor(private readonly ports: FailoverPorts) {}

    private get holder(): Holder {
        return { kind: "function", id: this.ports.instance };
    }

    private get by(): string {
        return `function ${this.ports.instance}`;
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
                state = withDecision({ ...state, alert: { condition: trigger.condition, at: session.now } }, session.now, this.by, `alert ${trigger.condition} received: evaluating the evidence`);
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
        const confirmation = { probes: settings.confirmationProbes, seconds: settings.confirmationSeconds };
        if ((personPhases as readonly string[]).includes(state.phase)) {
            await this.save(session, state);
            log.info(`the pair is ${state.phase} by ${state.holder.kind} ${state.holder.id} (token ${state.token}): the function does nothing until a person re-arms it`);
            return { outcome: "held", phase: state.phase, by: state.holder.id };
        }
        if (state.phase === "failing-over" && state.holder.kind === "function" && state.pending.some((p) => p.action === "scale-operator")) {
            // A decision carried into a later evaluation: look again before scaling.
            const evidence = await this.gather(budget);
            if (evidence.probe.up && !(await this.scaled(state, budget))) {
                const aborted = abortFailover(state, now, this.by, evidence.probe.detail);
                await this.save(session, aborted);
                log.warn(aborted.decisions[aborted.decisions.length - 1].line);
                return { outcome: "false-alarm" };
            }
        }
        if (state.phase === "failing-over" || state.phase === "failed-over") return outcomeOf(await this.carryOut(session, state, budget, log));

        const evidence = await this.gather(budget);
        const weighed = weigh(state, evidence, now, confirmation, this.by);
        const seen = `probe ${evidence.probe.detail}; Traffic Manager ${describeView(evidence.trafficManager)}`;
        if (weighed.verdict === "healthy" || weighed.verdict === "false-alarm") {
            await this.save(session, weighed.state);
            if (weighed.verdict === "false-alarm") log.warn(weighed.state.decisions[weighed.state.decisions.length - 1].line);
            return { outcome: weighed.verdict };
        }
        if (state.phase === "manual-required") {
            await this.save(session, { ...weighed.state, phase: "manual-required", since: state.since });
            log.error(`MANUAL FAILOVER REQUIRED: the primary is down (${seen}) and FAILOVER_MODE=manual; run npm run drctl -- failover`);
            return { outcome: "manual-required" };
        }
        if (weighed.verdict === "confirming") {
            await this.save(session, weighed.state);
            log.warn(`the primary failed ${weighed.state.probes.failed} probe(s) in a row since ${new Date(weighed.state.probes.firstFailedAt! * 1000).toISOString()} (${seen}): confirming`);
            return { outcome: "confirming", failedProbes: weighed.state.probes.failed };
        }

        // Confirmed: look again at both signals right before acting.
        const again = await this.gather(budget);
        const looked = recheck(weighed.state, again, now, this.by);
        if (looked.verdict !== "confirmed") {
            await this.save(session, looked.state);
            log.warn(`re-check before acting: ${looked.verdict === "false-alarm" ? "the primary answers" : `Traffic Manager no longer agrees (${describeView(again.trafficManager)})`}; not failing over`);
            return looked.verdict === "false-alarm" ? { outcome: "false-alarm" } : { outcome: "confirming", failedProbes: looked.state.probes.failed };
        }
        const why = `the primary failed ${looked.state.probes.failed} probes in a row over ${now - looked.state.probes.firstFailedAt!} s and Traffic Manager agrees (${describeView(again.trafficManager)})`;
        if (settings.failoverMode === "manual") {
            const next = withDecision({ ...looked.state, phase: "manual-required", since: now }, now, this.by, `manual failover required: ${why}`);
            await this.save(session, next);
            log.error(`MANUAL FAILOVER REQUIRED: ${why}; FAILOVER_MODE=manual: run npm run drctl -- failover`);
            return { outcome: "manual-required" };
        }
        const decided = decideFailover(looked.state, now, this.holder, failoverActions(settings.coldAgentPoolIds), why);
        // Recorded before any action: a person who looks now sees the failover and its token.
        await this.save(session, decided);
        log.error(decided.decisions[decided.decisions.length - 1].line);
        return outcomeOf(await this.carryOut(session, decided, budget, log));
    }

    /** Whether this failover's scale already took effect (the Deployment carries its token); unknown counts as yes. */
    private async scaled(state: DrState, budget: Budget): Promise<boolean> {
        const timeout = budget.call();
        if (timeout === undefined) return true;
        try {
            const d = await this.ports.operator.read(timeout);
            return d.token >= state.token;
        } catch {
            return true;
        }
    }

    /**
     * A person's failover (drctl): the same actions under a new token held by
     * the person, without waiting for evidence. Already failed over: the same
     * token, every (idempotent) action checked again.
     */
    async failOverAsPerson(person: string, reason: string, log: Logger): Promise<DrState> {
        const session = await this.ports.store.seize();
        try {
            const holder: Holder = { kind: "person", id: person };
            const by = `person ${person}`;
            const actions = failoverActions(this.ports.settings.coldAgentPoolIds);
            const s = session.state;
            const state =
                s.phase === "failing-over" || s.phase === "failed-over"
                    ? withDecision({ ...s, holder, phase: "failing-over" as const, pending: actions.map((a) => ({ ...a, since: session.now, attempts: 0 })) }, session.now, by, `failover checked again: ${reason}`)
                    : decideFailover(s, session.now, holder, actions, reason);
            await this.save(session, state);
            await this.ports.outlastInvocations();
            return await this.carryOut(session, state, new Budget(() => this.ports.elapsedMs()), log, by);
        } finally {
            await session.release().catch(() => undefined);
        }
    }

    /**
     * A person stands the function down (or re-arms it): a new token, recorded
     * first, then stamped on the Deployment; it returns once no evaluation that
     * began before it can still act. Re-arming needs the primary endpoint
     * enabled: a disabled one is never Degraded, so the function could never
     * see Traffic Manager agree on an outage.
     */
    async takeOver(person: string, phase: PersonPhase | "armed", reason: string): Promise<DrState> {
        if (phase === "armed" && (await this.ports.trafficManager.endpoint(callTimeoutMs)).endpointStatus === "Disabled") {
            throw new Error("the primary Traffic Manager endpoint is Disabled: fail back (which enables it) before re-arming automatic failover");
        }
        const session = await this.ports.store.seize();
        try {
            const s = session.state;
            const next = withDecision(
                { ...s, phase, since: session.now, token: s.token + 1, holder: { kind: "person", id: person }, pending: [], probes: { failed: 0 }, alert: undefined },
                session.now,
                `person ${person}`,
                `${phase === "armed" ? "re-armed" : phase}: ${reason}`,
            );
            await session.write(next);
            await this.ports.operator.stamp({ [operatorAnnotations.fencingToken]: String(next.token) }, callTimeoutMs);
            await this.ports.outlastInvocations();
            return next;
        } finally {
            await session.release().catch(() => undefined);
        }
    }

    private async gather(budget: Budget): Promise<Evidence> {
        const timeout = budget.call();
        if (timeout === undefined) throw new Spent();
        const [probe, trafficManager] = await Promise.all([
            this.ports.probe(timeout),
            this.ports.trafficManager.endpoint(timeout).then(
                (e): TrafficManagerView => e,
                (e): TrafficManagerView => ({ error: message(e) }),
            ),
        ]);
        return { probe, trafficManager };
    }

    /**
     * Try each pending action, read each back, record the result; loud while
     * anything stays pending. The endpoint goes out of rotation only once the
     * operator is scaled: a failover abandoned before the scale leaves the
     * primary serving.
     */
    private async carryOut(session: StateSession, state: DrState, budget: Budget, log: Logger, by = this.by): Promise<DrState> {
        if (state.phase === "failed-over" && !state.pending.length) {
            await this.save(session, state);
            return state;
        }
        const results = new Map<number, { confirmed: boolean; error?: string }>();
        const scaleDone = () => !state.pending.some((p, i) => p.action === "scale-operator" && !results.get(i)?.confirmed);
        // A second pass, time permitting, so one transient error does not cost a whole timer period.
        for (let pass = 0; pass < 2; pass++) {
            for (const [i, action] of state.pending.entries()) {
                if (results.get(i)?.confirmed || budget.call() === undefined) continue;
                if (action.action === "disable-primary-endpoint" && !scaleDone()) continue;
                try {
                    results.set(i, { confirmed: await this.act(action, state, () => budget.call()) });
                } catch (e) {
                    if (e instanceof FencedOut) throw e;
                    results.set(i, { confirmed: false, error: message(e) });
                }
            }
        }
        const next = afterActions(state, session.now, by, results);
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
