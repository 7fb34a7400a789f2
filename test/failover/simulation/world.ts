// A simulated DR pair for the failover function's real code: the primary and
// its health URL, Traffic Manager's probes and the endpoint, the stateful
// metric alert and its deliveries, the standby's humio-operator Deployment
// (resourceVersion preconditions), its agent pools, the DR state record with
// the blob's lease and ETag semantics, and a clock. Every API can throttle,
// fail or hang; every change the function makes is recorded so the
// invariants can be checked after every step.
import { evaluationPeriodSeconds, failoverInvocationSeconds, operatorAnnotations, storageCallTimeoutSeconds } from "../../../contract";
import { DrState, DrStateStore } from "../../../functions/failover/src/drState";
import { Failover, FailoverPorts, Logger, Outcome } from "../../../functions/failover/src/failover";
import { answerAlert } from "../../../functions/failover/src/answer";
import { readSettings, Settings } from "../../../functions/failover/src/settings";
import { failoverTimeline } from "../../../model/failoverTimeline";
import { agentPoolIds, tmEndpointId, tmProfileId } from "../fakes";
import { MemoryStateStore } from "../memoryStore";
import { watched } from "./watchedStore";

export type Api = "kube" | "arm" | "blob" | "probe";
export const apis: Api[] = ["kube", "arm", "blob", "probe"];
export type FaultKind = 429 | 500 | 503 | "hang";
export interface Fault {
    api: Api;
    kind: FaultKind;
    /** Calls it still fails; Infinity until cleared. */
    remaining: number;
}

export interface WorldOptions {
    instances: number;
    confirmationProbes: number;
    confirmationSeconds: number;
    cold: boolean;
    /** How far each instance's own clock is off (ms): never used for a decision, so it must not matter. */
    skewMs: number[];
    /** Seeds how long each call takes relative to the others (0-8 turns of the event loop): varies how concurrent callers interleave. */
    latencySeed: number;
}

/** Traffic Manager as configured by default: fast probing, 5 s timeout, 2 tolerated failures (config/keys.ts). */
export const trafficManager = { intervalSeconds: 10, timeoutSeconds: 5, toleratedFailures: 2 };
/** The metric alert: evaluated every minute over a one-minute window; resolves after three clear evaluations (Microsoft Learn, "Troubleshoot metric alerts"). */
const alertEvery = 60;
const alertResolveAfter = 3;
const callCostMs = 40;

export const alertRule = "lsdr-sec-primary-endpoint-down";

export class Violation extends Error {}

export class World {
    readonly settings: Settings;
    readonly totalSeconds: number;
    /** Storage service time, ms. */
    now = 1_900_000_000_000;
    private readonly store: DrStateStore;
    private readonly realWitness: boolean;
    /** The record as last read or written. */
    private latest: DrState | undefined;
    readonly failovers: Failover[];
    readonly person: Failover;
    faults: Fault[] = [];
    log: string[] = [];

    // The primary.
    primaryUp = true;
    /** How a down primary fails a probe: an error status, or no answer at all. */
    downAs: "503" | "hang" = "503";
    changedAt = this.now;
    /** Down and up stretches (s) since the function was last armed, for the flap property. */
    stretches: Array<{ up: boolean; seconds: number }> = [];

    // Traffic Manager.
    tmFailures = 0;
    tmMonitor: "Online" | "Degraded" = "Online";
    endpointStatus: "Enabled" | "Disabled" = "Enabled";
    private everDisabled = false;

    // The metric alert.
    alertFired = false;
    alertClearEvaluations = 0;
    loseNextAlert = false;
    lastDelivery: string | undefined;

    // The standby.
    operator = { replicas: 0, token: 0, resourceVersion: 1 };
    pools = new Map(agentPoolIds.map((id) => [id, { power: "Stopped", provisioning: "Succeeded", startingFor: 0 }]));

    // What happened, for the invariants.
    functionScaledAt: number | undefined;
    /** The token of the last person's takeover that completed: no function write may carry an older one after it. */
    personToken = 0;
    private inFlight = 0;
    /** Order of the last completed person's takeover and of the function's last decision (steps, not time: both can happen at one instant). */
    private steps = 0;
    private personTookOver = 0;
    private functionDecided = 0;
    lastPersonActionAt = this.now;
    faultFreeSince = this.now;
    probeFaultSinceArm = false;
    lastArmFaultAt = -Infinity;
    lastDegradedAt = -Infinity;
    /** Probes after which a down primary answers again: a recovery in the middle of an evaluation. */
    recoverAfterProbes: number | undefined;
    outcomes: Outcome[] = [];
    /** Called once a function's failover decision is recorded (scenarios inject faults there). */
    afterDecision: () => void = () => undefined;
    /** Violations seen inside a call, thrown by the next check. */
    violations: string[] = [];
    private nextTimerAt: number;
    private nextTmProbeAt: number;
    private nextAlertAt: number;
    private timerInstance = 0;
    private elapsed: number[];

    /** `witness`: the DR state record's store, given the storage service's clock (epoch s); in memory unless given. */
    constructor(
        readonly o: WorldOptions,
        witness?: (serverTime: () => number) => DrStateStore,
    ) {
        const env: Record<string, string> = {
            KUBECONFIG: "/dev/null",
            WITNESS_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true",
            PRIMARY_HEALTH_URL: "https://primary.example/api/v1/status",
            TM_PRIMARY_ENDPOINT_ID: tmEndpointId,
            ALERT_RULE_NAME: alertRule,
            CONFIRMATION_PROBES: String(o.confirmationProbes),
            CONFIRMATION_SECONDS: String(o.confirmationSeconds),
        };
        if (o.cold) env.COLD_AGENT_POOL_IDS = agentPoolIds.join(",");
        this.settings = readSettings(env);
        this.totalSeconds = failoverTimeline({
            trafficManagerProbeIntervalSeconds: trafficManager.intervalSeconds,
            trafficManagerProbeTimeoutSeconds: trafficManager.timeoutSeconds,
            trafficManagerToleratedFailures: trafficManager.toleratedFailures,
            failoverConfirmationProbes: o.confirmationProbes,
            failoverConfirmationSeconds: o.confirmationSeconds,
            standbyTier: o.cold ? "cold" : "warm",
        }).totalSeconds;
        this.realWitness = witness !== undefined;
        this.latencyState = o.latencySeed;
        this.store = witness?.(() => Math.floor(this.now / 1000)) ?? new MemoryStateStore(() => this.now);
        this.elapsed = Array.from({ length: o.instances + 1 }, () => 0);
        this.failovers = Array.from({ length: o.instances }, (_, i) => new Failover(this.ports(i, `instance-${i}`)));
        this.person = new Failover(this.ports(o.instances, "person"));
        // Phases of the periodic processes are random per world but fixed: derived from the options.
        this.nextTimerAt = this.now + evaluationPeriodSeconds * 1000;
        this.nextTmProbeAt = this.now + trafficManager.intervalSeconds * 1000;
        this.nextAlertAt = this.now + alertEvery * 1000;
    }

    // --- Faults and calls ----------------------------------------------------------

    /** One call to `api` by whoever is running: may throw an injected error or time out. */
    /** A call's latency in turns of the event loop (a deterministic sequence per world). */
    private latency(): number {
        this.latencyState = (this.latencyState * 1103515245 + 12345) % 2 ** 31;
        return 1 + (this.latencyState % 9);
    }
    private latencyState: number;

    private async call(api: Api, instance: number, timeoutMs: number): Promise<void> {
        this.elapsed[instance] += callCostMs;
        // A real call yields for a while: other invocations and a person interleave here.
        for (let i = this.latency(); i > 0; i--) await Promise.resolve();
        const fault = this.faults.find((f) => f.api === api && f.remaining > 0);
        if (!fault) return;
        fault.remaining--;
        if (fault.remaining === 0) this.faultFreeSince = Math.max(this.faultFreeSince, this.now);
        if (api === "arm") this.lastArmFaultAt = this.now;
        if (fault.kind === "hang") {
            this.elapsed[instance] += timeoutMs;
            throw new Error(`${api}: no answer within ${timeoutMs} ms`);
        }
        throw new Error(`${api}: HTTP ${fault.kind}`);
    }

    faultsActive(): boolean {
        return this.faults.some((f) => f.remaining > 0);
    }

    inject(f: Fault): void {
        // A real blob service's lease runs on real time: a release that never happened would hold it past the simulated clock.
        if (f.api === "blob" && this.realWitness) return;
        this.faults.push(f);
        if (f.api === "probe") this.probeFaultSinceArm = true;
    }

    clearFaults(): void {
        if (this.faultsActive()) this.faultFreeSince = this.now;
        this.faults = [];
    }

    private ports(instance: number, name: string): FailoverPorts {
        return {
            settings: this.settings,
            store: watched(this.store, {
                fault: () => this.call("blob", instance, storageCallTimeoutSeconds * 1000),
                seen: (state) => void (this.latest = state),
                written: (previous, next) => {
                    if (next.token < previous.token) this.violations.push(`the record's token went back from ${previous.token} to ${next.token}`);
                    this.latest = next;
                    this.checkDecision(previous, next);
                },
            }),
            operator: {
                read: async (timeoutMs) => {
                    await this.call("kube", instance, timeoutMs);
                    return { replicas: this.operator.replicas, token: this.operator.token, resourceVersion: String(this.operator.resourceVersion) };
                },
                claim: async (change, timeoutMs) => {
                    await this.call("kube", instance, timeoutMs);
                    if (change.resourceVersion !== String(this.operator.resourceVersion)) return false;
                    const token = Number(change.annotations[operatorAnnotations.fencingToken]);
                    if (instance !== this.o.instances) {
                        // Recorded, not thrown: the function would take a throw for an API error.
                        if (change.replicas < this.operator.replicas) this.violations.push(`invariant 1: the function scaled the operator down (${this.operator.replicas} → ${change.replicas})`);
                        if (token < this.personToken) this.violations.push(`invariant 5: the function wrote token ${token} after a person's takeover with ${this.personToken}`);
                        if (this.operator.replicas === 0 && change.replicas > 0) this.functionScaledAt = this.now;
                    }
                    this.operator = { replicas: change.replicas, token, resourceVersion: this.operator.resourceVersion + 1 };
                    return true;
                },
                stamp: async (annotations, timeoutMs) => {
                    await this.call("kube", instance, timeoutMs);
                    this.operator = { ...this.operator, token: Number(annotations[operatorAnnotations.fencingToken]), resourceVersion: this.operator.resourceVersion + 1 };
                },
            },
            trafficManager: {
                endpoint: async (timeoutMs) => {
                    await this.call("arm", instance, timeoutMs);
                    return { endpointStatus: this.endpointStatus, monitorStatus: this.endpointStatus === "Disabled" ? "Disabled" : this.tmMonitor };
                },
                disable: async (timeoutMs) => {
                    await this.call("arm", instance, timeoutMs);
                    if (instance !== this.o.instances && this.personTookOver > this.functionDecided) {
                        this.violations.push("the function disabled the primary endpoint after a person's takeover completed: a stale evaluation outlived it");
                    }
                    this.endpointStatus = "Disabled";
                },
            },
            pools: {
                state: async (id, timeoutMs) => {
                    await this.call("arm", instance, timeoutMs);
                    const p = this.pools.get(id)!;
                    return { power: p.power, provisioning: p.provisioning };
                },
                start: async (id, timeoutMs) => {
                    await this.call("arm", instance, timeoutMs);
                    const p = this.pools.get(id)!;
                    if (p.power !== "Running") this.pools.set(id, { power: "Running", provisioning: "Starting", startingFor: 0 });
                },
            },
            probe: async (timeoutMs) => {
                this.elapsed[instance] += callCostMs;
                await Promise.resolve();
                const fault = this.faults.find((f) => f.api === "probe" && f.remaining > 0);
                if (fault) {
                    fault.remaining--;
                    if (fault.remaining === 0) this.faultFreeSince = Math.max(this.faultFreeSince, this.now);
                    this.elapsed[instance] += timeoutMs;
                    return { up: false, detail: `no answer within ${timeoutMs} ms` };
                }
                if (this.recoverAfterProbes !== undefined && this.recoverAfterProbes-- <= 0) {
                    this.recoverAfterProbes = undefined;
                    this.setPrimary(true);
                }
                if (this.primaryUp) return { up: true, detail: "HTTP 200" };
                if (this.downAs === "hang") {
                    this.elapsed[instance] += timeoutMs;
                    return { up: false, detail: `no answer within ${timeoutMs} ms` };
                }
                return { up: false, detail: "HTTP 503" };
            },
            elapsedMs: () => this.elapsed[instance] + (this.o.skewMs[instance] ?? 0),
            outlastInvocations: () => this.outlast(),
            instance: name,
        };
    }

    // --- Running the function ------------------------------------------------------

    private logger(who: string): Logger {
        const line = (level: string) => (m: string) => void this.log.push(`${new Date(this.now).toISOString()} ${who} ${level}: ${m}`);
        return { info: line("info"), warn: line("warn"), error: line("error") };
    }

    /** One invocation on `instance`, bounded: it must finish inside the timer period. */
    private async invoke<T>(instance: number, run: () => Promise<T>): Promise<T | undefined> {
        const start = this.elapsed[instance];
        let result: T | undefined;
        this.inFlight++;
        try {
            result = await run();
        } catch (e) {
            if (e instanceof Violation) throw e;
            this.log.push(`${new Date(this.now).toISOString()} instance-${instance} threw: ${e instanceof Error ? e.message : e}`);
        } finally {
            this.inFlight--;
        }
        const took = this.elapsed[instance] - start;
        if (took > failoverInvocationSeconds * 1000) throw new Violation(`an invocation on instance ${instance} took ${took} ms, beyond its ${failoverInvocationSeconds} s bound`);
        return result;
    }

    /** A person's takeover returns once no evaluation is in flight (in Azure: by waiting out the longest one). */
    private async outlast(): Promise<void> {
        for (let i = 0; this.inFlight > 0; i++) {
            if (i > 10_000) throw new Violation("an evaluation never ended");
            await new Promise((resolve) => setImmediate(resolve));
        }
    }

    async evaluate(instances: number[]): Promise<void> {
        await Promise.all(
            instances.map((i) =>
                this.invoke(i, async () => {
                    const outcome = await this.failovers[i].evaluate({ kind: "timer" }, this.logger(`instance-${i}`));
                    this.outcomes.push(outcome);
                    return outcome;
                }),
            ),
        );
        this.check();
    }

    /** An alert delivery through the HTTP handler's own code; the answer's status. */
    async deliver(body: string, instance: number): Promise<number | undefined> {
        this.lastDelivery = body;
        const res = await this.invoke(instance, () => answerAlert(this.failovers[instance], this.settings, body, this.logger(`instance-${instance}`)));
        this.check();
        return res?.status;
    }

    alertBody(condition: "Fired" | "Resolved", o: { firedDateTime?: string; rule?: string; target?: string } = {}): string {
        return JSON.stringify({
            schemaId: "azureMonitorCommonAlertSchema",
            data: {
                essentials: {
                    alertRule: o.rule ?? alertRule,
                    monitorCondition: condition,
                    alertTargetIDs: [(o.target ?? tmProfileId).toLowerCase()],
                    firedDateTime: o.firedDateTime ?? new Date(this.now).toISOString(),
                },
            },
        });
    }

    // --- Time ----------------------------------------------------------------------

    setPrimary(up: boolean): void {
        if (up === this.primaryUp) return;
        this.stretches.push({ up: this.primaryUp, seconds: (this.now - this.changedAt) / 1000 });
        this.primaryUp = up;
        this.changedAt = this.now;
    }

    /** Let `seconds` pass: Traffic Manager probes, the alert evaluates and notifies, the timer runs. */
    async advance(seconds: number): Promise<void> {
        const until = this.now + seconds * 1000;
        for (;;) {
            const next = Math.min(this.nextTimerAt, this.nextTmProbeAt, this.nextAlertAt);
            if (next > until) break;
            this.now = next;
            if (next === this.nextTmProbeAt) {
                this.nextTmProbeAt += trafficManager.intervalSeconds * 1000;
                this.tmProbe();
            }
            if (next === this.nextAlertAt) {
                this.nextAlertAt += alertEvery * 1000;
                await this.alertEvaluation();
            }
            if (next === this.nextTimerAt) {
                this.nextTimerAt += evaluationPeriodSeconds * 1000;
                // A timer runs on one instance at a time (Microsoft Learn, "Timer trigger for Azure Functions").
                this.timerInstance = (this.timerInstance + 1) % this.o.instances;
                await this.evaluate([this.timerInstance]);
            }
            this.check();
        }
        this.now = until;
        this.check();
    }

    private tmProbe(): void {
        for (const p of this.pools.values()) if (p.provisioning === "Starting" && ++p.startingFor >= 3) p.provisioning = "Succeeded";
        if (this.primaryUp) {
            this.tmFailures = 0;
            this.tmMonitor = "Online";
        } else if (++this.tmFailures > trafficManager.toleratedFailures) {
            this.tmMonitor = "Degraded";
        }
        if (this.tmMonitor === "Degraded") this.lastDegradedAt = this.now;
    }

    private async alertEvaluation(): Promise<void> {
        const down = this.endpointStatus === "Enabled" && this.tmMonitor === "Degraded";
        let notify: "Fired" | "Resolved" | undefined;
        if (down) {
            this.alertClearEvaluations = 0;
            if (!this.alertFired) notify = "Fired";
            this.alertFired = true;
        } else if (this.alertFired && ++this.alertClearEvaluations >= alertResolveAfter) {
            this.alertFired = false;
            notify = "Resolved";
        }
        if (!notify) return;
        if (this.loseNextAlert) {
            this.loseNextAlert = false;
            return;
        }
        await this.deliver(this.alertBody(notify), 0);
    }

    // --- People ----------------------------------------------------------------------

    /** A person scales the operator outside drctl (kubectl). */
    personScales(replicas: number): void {
        this.operator = { ...this.operator, replicas, resourceVersion: this.operator.resourceVersion + 1 };
        this.lastPersonActionAt = this.now;
        this.check();
    }

    /** A person's takeover through drctl, tried again (as a person would) while calls fail; false if it never went through. */
    async personTakesOver(phase: "stood-down" | "armed", scaleTo?: number): Promise<boolean> {
        const person = this.o.instances;
        let done = false;
        for (let attempt = 0; attempt < 5 && !done; attempt++) {
            try {
                this.personToken = (await this.person.takeOver("person", phase, "simulated person")).token;
                this.personTookOver = ++this.steps;
                done = true;
            } catch (e) {
                if (e instanceof Violation) throw e;
                // Refused (re-arming with the endpoint disabled): nothing changed, and trying again changes nothing.
                if (phase === "armed" && this.endpointStatus === "Disabled") return false;
                this.log.push(`${new Date(this.now).toISOString()} person: ${e instanceof Error ? e.message : e}`);
                this.elapsed[person] = 0;
            }
        }
        if (!done) return false;
        if (scaleTo !== undefined) this.operator = { ...this.operator, replicas: scaleTo, resourceVersion: this.operator.resourceVersion + 1 };
        this.lastPersonActionAt = this.now;
        if (phase === "armed") {
            this.stretches = [];
            this.changedAt = this.now;
            this.probeFaultSinceArm = this.faults.some((f) => f.api === "probe" && f.remaining > 0);
            this.functionScaledAt = undefined;
        }
        this.check();
        return true;
    }

    /** A person fails back (drctl failback, condensed): the primary back in rotation, the secondary's operator at 0, automatic failover re-armed. */
    async personFailsBack(): Promise<void> {
        if (!this.primaryUp) return;
        if (!(await this.personTakesOver("stood-down", 0))) return;
        this.endpointStatus = "Enabled";
        this.everDisabled = false;
        await this.personTakesOver("armed");
    }

    // --- Invariants --------------------------------------------------------------------

    state(): DrState | undefined {
        return this.latest;
    }

    /** Invariants that hold after every step. */
    check(): void {
        if (this.violations.length) throw new Violation(this.violations.join("; "));
        // 2: no person in the model re-enables the endpoint, so once disabled it stays so.
        if (this.endpointStatus === "Enabled" && this.everDisabled) throw new Violation("invariant 2: the primary endpoint was re-enabled without a person");
        if (this.endpointStatus === "Disabled") this.everDisabled = true;
        // 4a: an outage longer than the bound, with nothing in the way, has scaled the operator.
        const state = this.state();
        const quietSince = Math.max(this.changedAt, this.faultFreeSince, this.lastPersonActionAt);
        // (A completed failover was confirmed with the operator scaled; a person may scale it down since.)
        if (!this.primaryUp && !this.faultsActive() && state && state.phase !== "stood-down" && state.phase !== "failed-over" && this.now - quietSince > this.totalSeconds * 1000 && this.operator.replicas < 1) {
            throw new Violation(`invariant 4: the primary has been down ${(this.now - quietSince) / 1000} s without interference and the operator is not scaled (bound ${this.totalSeconds} s; phase ${state.phase})`);
        }
        // 4b: a primary whose outages were all shorter than the window, seen up between them, never failed over.
        if (this.functionScaledAt !== undefined && !this.probeFaultSinceArm) {
            const stretches = [...this.stretches, { up: this.primaryUp, seconds: (this.now - this.changedAt) / 1000 }];
            const flapping = stretches.every((s) => (s.up ? s.seconds >= 1.5 * evaluationPeriodSeconds : s.seconds < this.o.confirmationSeconds));
            if (flapping && stretches.some((s) => !s.up)) throw new Violation(`invariant 4: a flapping primary (outages all under ${this.o.confirmationSeconds} s) was failed away from`);
        }
    }
    /** Invariant 6, as each failover decision is recorded: both signals were true. */
    private checkDecision(previous: DrState, next: DrState): void {
        if (next.phase !== "failing-over" || previous.phase === "failing-over" || next.holder.kind !== "function") return;
        this.functionDecided = ++this.steps;
        const probeFault = this.faults.some((f) => f.api === "probe" && f.remaining > 0);
        if (this.primaryUp && !probeFault) this.violations.push("invariant 6: a failover was decided while the primary answers");
        const window = this.o.confirmationSeconds * 1000;
        if (this.now - this.lastDegradedAt > window && this.now - this.lastArmFaultAt > window) this.violations.push("invariant 6: a failover was decided though Traffic Manager saw the primary Online all along");
        this.afterDecision();
    }

    /** Faults clear and time passes: a failover the function started must finish (invariant 3). */
    async settle(): Promise<void> {
        this.clearFaults();
        // Long enough for every pending action to be retried, a cold pool to start and the last to be read back.
        for (let i = 0; i < 10 && (i < 4 || this.state()?.phase === "failing-over"); i++) await this.advance(evaluationPeriodSeconds);
        const state = this.state();
        if (state && (state.phase === "failing-over" || state.phase === "failed-over")) {
            if (state.phase !== "failed-over") throw new Violation(`invariant 3: the failover is still ${state.phase} after the faults cleared: ${JSON.stringify(state.pending)}`);
            const personSince = this.lastPersonActionAt >= (state.failedOverAt ?? 0) * 1000;
            if (this.endpointStatus !== "Disabled" || (this.operator.replicas < 1 && !personSince)) throw new Violation(`invariant 3: failed over, but the endpoint is ${this.endpointStatus} and the operator at ${this.operator.replicas}`);
        }
    }
}
