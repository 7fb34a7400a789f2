// The failover decision and its actions. The alert marks when the primary was
// first seen degraded; the alert handler and the holdoff timer both evaluate
// the mark, and the first evaluation that finds it old enough, with the
// primary still down, fails over under the witness's fence.
import { operatorAnnotations as annotations } from "../../../contract";
import { Alert } from "./alert";
import { ArmClient } from "./arm";
import { ProbeResult } from "./health";
import { OperatorPort, OperatorState } from "./kube";
import { Settings } from "./settings";
import { WitnessPort } from "./witness";


export interface Logger {
    info(message: string): void;
    warn(message: string): void;
    error(message: string): void;
}

export interface FailoverDeps {
    settings: Settings;
    operator: OperatorPort;
    witness: WitnessPort;
    arm: Pick<ArmClient, "setEndpointStatus" | "startAgentPool">;
    probe(url: string): Promise<ProbeResult>;
    now(): number;
}

export type Outcome =
    | { outcome: "ignored"; reason: string }
    | { outcome: "marked"; degradedSince: number }
    | { outcome: "cleared" }
    | { outcome: "no-mark" }
    | { outcome: "holding"; remainingSeconds: number }
    | { outcome: "false-alarm"; probe: string }
    | { outcome: "manual-required" }
    | { outcome: "fence-busy" }
    | { outcome: "cooldown"; remainingSeconds: number }
    | { outcome: "stale-token"; token: number }
    | { outcome: "failed-over"; token: number; endpointDisabled: boolean };

/** Optimistic-concurrency retries on the Deployment: other invocations annotate it too. */
const conflictRetries = 5;

const seconds = (ms: number) => Math.floor(ms / 1000);

async function withFreshState<T>(operator: OperatorPort, attempt: (state: OperatorState) => Promise<T | undefined>): Promise<T> {
    for (let i = 0; i < conflictRetries; i++) {
        const result = await attempt(await operator.read());
        if (result !== undefined) return result;
    }
    throw new Error(`the operator Deployment kept changing: gave up after ${conflictRetries} attempts`);
}

export class Failover {
    constructor(private readonly deps: FailoverDeps) {}

    /** An Azure Monitor alert for the primary endpoint. */
    async onAlert(alert: Alert, log: Logger): Promise<Outcome> {
        const { settings, operator, now } = this.deps;
        if (alert.rule.toLowerCase() !== settings.alertRuleName.toLowerCase()) {
            log.info(`alert rule ${alert.rule} is not ${settings.alertRuleName}: ignored`);
            return { outcome: "ignored", reason: `alert rule ${alert.rule}` };
        }
        if (alert.condition === "Resolved") {
            // Only the holdoff mark goes: never re-enable the primary, never scale down.
            await operator.annotate({ [annotations.degradedSince]: null });
            log.info("primary endpoint recovered: degraded mark cleared; endpoint and operator left as they are");
            return { outcome: "cleared" };
        }
        const seenAt = seconds(Math.min(alert.firedAt ?? now(), now()));
        const since = await withFreshState(operator, async (state) => {
            const existing = Number(state.annotations[annotations.degradedSince]);
            if (Number.isFinite(existing) && existing > 0 && existing <= seenAt) return existing; // keep the earliest
            return (await operator.annotate({ [annotations.degradedSince]: String(seenAt) }, state.resourceVersion)) ? seenAt : undefined;
        });
        log.warn(`primary endpoint degraded since ${new Date(since * 1000).toISOString()}`);
        const evaluation = await this.evaluate(log);
        return evaluation.outcome === "holding" ? { outcome: "marked", degradedSince: since } : evaluation;
    }

    /** Fail over once the degraded mark is old enough and the primary is still down. */
    async evaluate(log: Logger): Promise<Outcome> {
        const { settings, operator, now } = this.deps;
        const state = await operator.read();
        const since = Number(state.annotations[annotations.degradedSince]);
        if (!Number.isFinite(since) || since <= 0) return { outcome: "no-mark" };
        const remaining = settings.preFailoverFailureSeconds - (seconds(now()) - since);
        if (remaining > 0) {
            log.info(`holding off: ${remaining} s until the primary has been degraded for ${settings.preFailoverFailureSeconds} s`);
            return { outcome: "holding", remainingSeconds: remaining };
        }
        const probe = await this.deps.probe(settings.primaryHealthUrl);
        if (probe.up) {
            log.warn(`false alarm: the primary answers ${settings.primaryHealthUrl} (${probe.detail}); not failing over`);
            return { outcome: "false-alarm", probe: probe.detail };
        }
        if (settings.failoverMode === "manual") {
            if (!state.annotations[annotations.manualRequired]) await operator.annotate({ [annotations.manualRequired]: String(seconds(now())) });
            log.error(`manual failover required: the primary is down (${probe.detail}) and FAILOVER_MODE=manual; run the failover runbook`);
            return { outcome: "manual-required" };
        }
        return this.failOver(probe, log);
    }

    /** A person's decision (drctl failover): the same fenced actions, without waiting for an alert. */
    async failOverNow(reason: string, log: Logger): Promise<Outcome> {
        return this.failOver({ up: false, detail: reason }, log);
    }

    private async failOver(probe: ProbeResult, log: Logger): Promise<Outcome> {
        const { settings, operator, witness, arm, now } = this.deps;
        const fence = await witness.acquire(`failover-${process.pid}-${now()}`);
        if (!fence) {
            log.info("another invocation holds the failover fence: nothing to do");
            return { outcome: "fence-busy" };
        }
        try {
            const last = fence.record.lastFailoverEpoch;
            if (last !== undefined && seconds(now()) - last < settings.cooldownSeconds) {
                const remaining = settings.cooldownSeconds - (seconds(now()) - last);
                log.info(`failed over ${seconds(now()) - last} s ago: cooling down for ${remaining} s more`);
                return { outcome: "cooldown", remainingSeconds: remaining };
            }
            const token = await fence.advance();
            // Claim the Deployment: an invocation with an older token must find it taken.
            const claimed = await withFreshState(operator, async (state) => {
                if (Number(state.annotations[annotations.fencingToken] ?? 0) >= token) return false;
                return (await operator.annotate({ [annotations.fencingToken]: String(token) }, state.resourceVersion)) ? true : undefined;
            });
            if (!claimed) {
                log.warn(`fencing token ${token} is stale: a newer failover owns the operator`);
                return { outcome: "stale-token", token };
            }
            log.warn(`failing over with fencing token ${token}: the primary is down (${probe.detail})`);

            for (const poolId of settings.coldAgentPoolIds) {
                try {
                    await arm.startAgentPool(poolId, { timeoutMs: settings.coldStartTimeoutSeconds * 1000, pollMs: settings.coldStartPollSeconds * 1000, onPoll: () => fence.renew() }, (m) => log.warn(m));
                    log.info(`agent pool ${poolId} is running`);
                } catch (e) {
                    log.error(`agent pool ${poolId} did not start: ${e instanceof Error ? e.message : e}; scaling the operator anyway`);
                }
            }
            const current = await operator.read();
            if (current.annotations[annotations.fencingToken] !== String(token)) {
                log.warn(`fencing token ${token} superseded by ${current.annotations[annotations.fencingToken]} while starting pools`);
                return { outcome: "stale-token", token };
            }
            await operator.scale(1);
            log.warn(`scaled ${settings.operatorNamespace}/${settings.operatorDeployment} to 1: LogScale recovers from the primary's snapshot`);
            // Record the failover before the (retried, possibly slow) endpoint call: later triggers see the cooldown even if the lease lapses.
            const at = seconds(now());
            await fence.recordFailover(at);
            await operator.annotate({ [annotations.lastFailover]: String(at) });

            let endpointDisabled = false;
            try {
                await arm.setEndpointStatus(settings.tmPrimaryEndpointId, "Disabled", (m) => log.warn(m));
                endpointDisabled = true;
                log.warn(`disabled the primary Traffic Manager endpoint ${settings.tmPrimaryEndpointId}: traffic cannot fail back on its own`);
            } catch (e) {
                log.error(
                    `FAILED to disable the primary Traffic Manager endpoint ${settings.tmPrimaryEndpointId}: ${e instanceof Error ? e.message : e}. ` +
                        "Traffic may return to the primary if it recovers: disable the endpoint by hand. The operator stays scaled.",
                );
            }
            return { outcome: "failed-over", token, endpointDisabled };
        } finally {
            await fence.release().catch((e) => log.warn(`releasing the fence lease: ${e instanceof Error ? e.message : e}`));
        }
    }
}
