// The DR lifecycle as runbooks: manual failover, the two promotion phases,
// failback (the vendor's phases 1-3 and 5) and cleaning the secondary (phase
// 4). Every step is idempotent; pre-checks refuse anything that could lose data.
import {
    adminTokenSecret,
    dedicatedLogScalePools,
    failoverConfirmation,
    EnvVar,
    healthProbePath,
    kafkaClusterName,
    kafkaImage,
    kafkaBrokerSelector,
    logscaleClusterName,
    logscaleNodePool,
    logscalePodLabels,
    logscalePodSelector,
    logscaleSecrets,
    operatorAnnotations as annotations,
    operatorDeploymentName,
    projectName,
    storageKeyNames,
    strimziOperatorDeploymentName as strimziOperator,
} from "../../contract";
import * as os from "os";
import { BlobStateStore, DrStateStore } from "../../functions/failover/src/drState";
import { Failover } from "../../functions/failover/src/failover";
import { ProbeResult } from "../../functions/failover/src/health";
import { AzureOps } from "./azure";
import { RegionCluster, topicResetPod } from "./cluster";
import { RecoveryLog, recoveryFailure, recoveryLogSequence, recoveryProgress } from "./logscale";
import { RegionName, RegionOutputs } from "./outputs";
import { bounded, firstLine, Journal, Read, Step, StepContext, waitFor } from "./runbook";
import { SnapshotBlob, SnapshotStore } from "./snapshots";
import { StorageAccess } from "./storageAccess";

// What the runbooks drive, as ports: the real adapters below in production,
// the DR simulation's model in tests (test/drctl/simulation).
/** A region's cluster: Deployments, pods, logs, the HumioCluster, Strimzi's state. */
export type ClusterOps = Pick<
    RegionCluster,
    | "namespace"
    | "operator"
    | "replicas"
    | "annotations"
    | "scale"
    | "pods"
    | "deletePods"
    | "logs"
    | "podLog"
    | "secretValue"
    | "putSecret"
    | "humioCluster"
    | "setCommonEnv"
    | "createPod"
    | "podPhase"
    | "deletePod"
    | "persistentVolumeClaims"
    | "deletePersistentVolumeClaims"
    | "deleteStrimziPodSets"
>;
/** A region's global snapshots. */
export type SnapshotOps = Pick<SnapshotStore, "location" | "newest" | "deleteAll" | "serviceTime">;
/** The failover alert, the primary endpoint and the agent pools through ARM. */
export type PairAzure = Pick<AzureOps, "alertState" | "setAlertEnabled" | "endpoint" | "setEndpointStatus" | "agentPool" | "trafficManager" | "agentPools" | "postgresReplication" | "replicaLagSeconds" | "redisLinks" | "storageFirewall" | "recoveryKey" | "rotateRecoveryKey">;
/** The pair's DR state record (the witness blob, in the secondary's storage). */
export interface Witness {
    url: string;
    store: DrStateStore & Pick<BlobStateStore, "peek">;
}

export interface Region {
    name: RegionName;
    outputs: RegionOutputs;
    cluster: ClusterOps;
    snapshots: SnapshotOps;
    /** LogScale's own URL on this region's cluster FQDN. */
    url: string;
}

/** Config flips, a preview and `pulumi up` on a stack (the automation API for real stacks). */
export interface StackOps {
    getConfig(region: RegionName, key: string): Promise<string | undefined>;
    setConfig(region: RegionName, key: string, value: string): Promise<void>;
    removeConfig(region: RegionName, key: string): Promise<void>;
    /** `pulumi preview --diff`: what an up would change, as Pulumi prints it. */
    preview(region: RegionName): Promise<string>;
    up(region: RegionName): Promise<void>;
}

export interface DrContext {
    primary: Region;
    secondary: Region;
    azure: PairAzure;
    /** The standby's failover alert. */
    alert: { resourceGroup: string; name: string };
    primaryEndpointId: string;
    witness: Witness;
    /** How this run reaches the buckets through their firewalls. */
    access: StorageAccess;
    stack: StackOps;
    journal: Journal;
    probe(url: string): Promise<ProbeResult>;
    /** Make the LogScale at `url` write every segment and a global snapshot when it stops (its GraphQL API). */
    enableFlushOnShutdown(url: string, adminToken: string): Promise<void>;
    /** The global name's base URL (https://<globalFqdn>), when a stack of the pair exports one. */
    globalUrl?: string;
    /** Asks the person at the terminal (yes/no); `--yes` answers yes. */
    confirm(question: string): Promise<boolean>;
    /** Waits until no failover-function evaluation that began before now can still act. */
    outlastInvocations(): Promise<void>;
    waits: { timeoutMs: number; pollMs: number; sleep?: (ms: number) => Promise<void> };
    now(): Date;
    /** A monotonic clock in ms, for budgets and log windows (performance.now; the simulation's runs with its storage time). */
    elapsedMs(): number;
    force: boolean;
    /** When the failover happened, when the secondary's operator does not record it. */
    failoverTime?: Date;
}

/** The UI and ingest pools, and their pods' label selectors. */
const dedicatedPools = (r: Region) =>
    (["ui", "ingest"] as const).map((role) => ({ pool: dedicatedLogScalePools[role], selector: `${logscalePodLabels.nodePoolKey}=${logscaleNodePool(logscaleClusterName(r.outputs.namePrefix), role)}` }));
const kafkaBrokers = (r: Region) => kafkaBrokerSelector(kafkaClusterName(r.outputs.namePrefix));
/** The Kafka cluster's volumes: only its brokers have any (KRaft, no ZooKeeper). */
const kafkaVolumes = (r: Region) => `strimzi.io/cluster=${kafkaClusterName(r.outputs.namePrefix)}`;
const healthUrl = (r: Region) => `${r.url}${healthProbePath}`;
const deployment = (r: Region, name: string) => `deployment ${r.cluster.namespace}/${name} in ${r.outputs.aksClusterName}`;

function wait(ctx: DrContext, step: StepContext, what: string, done: () => Promise<boolean>): Promise<void> {
    return waitFor(what, done, { ...ctx.waits, step });
}

// --- steps shared by several runbooks ---------------------------------------------

function stopLogScale(r: Region): Step<DrContext> {
    return {
        id: `stop-${r.name}-logscale`,
        title: `Stop LogScale in the ${r.name} (humio-operator to 0, LogScale pods deleted)`,
        touches: () => [deployment(r, operatorDeploymentName), `pods ${logscalePodSelector} in ${r.outputs.aksClusterName}`],
        run: async (ctx, step) => {
            await r.cluster.scale(operatorDeploymentName, 0);
            await r.cluster.deletePods(logscalePodSelector);
            await wait(ctx, step, `LogScale pods in the ${r.name} to terminate (flush-on-shutdown can take minutes)`, async () => (await r.cluster.pods(logscalePodSelector)).length === 0);
        },
    };
}

function resetTopic(r: Region): Step<DrContext> {
    const podName = () => `${r.outputs.namePrefix}-reset-global-events`;
    return {
        id: `reset-${r.name}-global-events`,
        title: `Reset the ${r.name}'s global-events Kafka topic (TLS admin pod)`,
        touches: () => [`pod ${r.cluster.namespace}/${podName()} in ${r.outputs.aksClusterName}`, `topic global-events on ${kafkaClusterName(r.outputs.namePrefix)}-kafka-bootstrap:9093`],
        run: async (ctx, step) => {
            const pod = podName();
            await r.cluster.deletePod(pod);
            await wait(ctx, step, "the previous admin pod to go", async () => (await r.cluster.podPhase(pod)) === undefined);
            await r.cluster.createPod(topicResetPod(pod, kafkaClusterName(r.outputs.namePrefix), kafkaImage));
            let phase: string | undefined;
            await wait(ctx, step, "the admin pod to finish", async () => {
                phase = await r.cluster.podPhase(pod);
                return phase === "Succeeded" || phase === "Failed";
            });
            await r.cluster.deletePod(pod);
            if (phase !== "Succeeded") throw new Error(`the topic reset pod ended ${phase}: read its log with kubectl -n ${r.cluster.namespace} logs ${pod}`);
        },
    };
}

function deleteSnapshots(r: Region, why: string): Step<DrContext> {
    return {
        id: `delete-${r.name}-snapshots`,
        title: `Delete the ${r.name}'s global snapshots (${why}); data segments stay`,
        touches: () => [`blobs ${r.snapshots.location}* (and nothing else)`],
        run: async (_ctx, step) => {
            const deleted = await r.snapshots.deleteAll();
            step.progress(`deleted ${deleted.length} global snapshot blob(s)`);
        },
    };
}

// --- before the first step ------------------------------------------------------------

/**
 * What a command needs that can be checked before it changes anything: the
 * clusters it drives answer from here, and the failover alert it turns off
 * and on exists (or the pair was promoted, which removed it). The buckets are
 * checked as the run is given access to them (storageAccess.ts). A failover
 * needs only the secondary's cluster: the primary's may be the disaster.
 */
export async function preflight(command: "failover" | "promote" | "failback" | "clean-secondary" | "rotate-recovery-key", ctx: DrContext): Promise<string[]> {
    const regions = command === "failover" || command === "promote" || command === "rotate-recovery-key" ? [ctx.secondary] : [ctx.primary, ctx.secondary];
    const reasons = await Promise.all(
        regions.map(async (r) => {
            try {
                await r.cluster.replicas(operatorDeploymentName);
                return undefined;
            } catch (e) {
                return `the ${r.name}'s cluster ${r.outputs.aksClusterName} does not answer from here (${firstLine(e)})`;
            }
        }),
    );
    if ((command === "failback" || command === "clean-secondary") && !promoted(ctx) && (await ctx.azure.alertState(ctx.alert.resourceGroup, ctx.alert.name)) === "absent") {
        reasons.push(alertMissing(ctx));
    }
    return reasons.filter((r): r is string => r !== undefined);
}

// --- failover -------------------------------------------------------------------

export function failoverSteps(): Step<DrContext>[] {
    return [
        {
            id: "fenced-failover",
            title: "Fail over to the secondary: take the pair, start a cold standby's pools and wait, scale humio-operator to 1, disable the primary endpoint",
            touches: (ctx) => [
                `lease + fencing token on ${ctx.witness.url}`,
                ...(ctx.secondary.outputs.coldAgentPoolIds ?? []).map((id) => `agent pool ${id} (started)`),
                deployment(ctx.secondary, operatorDeploymentName),
                `Traffic Manager endpoint ${ctx.primaryEndpointId} (Disabled)`,
            ],
            next: "npm run drctl -- failover --force   (only if the primary must go regardless)",
            check: async (ctx, step) => {
                const own = await ctx.secondary.snapshots.newest();
                if (own && (await ctx.secondary.cluster.replicas(operatorDeploymentName)) === 0) {
                    // Not cleaned since a failback. Its firewall may refuse this machine and its region may be the disaster: a bounded read, and unknown is an answer.
                    const verdict = uncleanSecondary(own, await bounded(primaryBucketReadMs, () => ctx.primary.snapshots.newest()), ctx.force);
                    if ("reason" in verdict) return verdict;
                    step.progress(verdict.note);
                }
                if (ctx.force) return undefined;
                const probe = await ctx.probe(healthUrl(ctx.primary));
                return probe.up ? `the primary answers ${healthUrl(ctx.primary)} (${probe.detail}); failing over now would split the brain` : undefined;
            },
            run: async (ctx, step) => {
                const log = { info: step.progress, warn: step.progress, error: step.progress };
                const reason = ctx.force ? "forced by drctl --force" : "manual failover (drctl)";
                let state = await pairFailover(ctx).failOverAsPerson(person(), reason, log);
                const pools = ctx.secondary.outputs.coldAgentPoolIds ?? [];
                if (state.pending.length && state.pending.every((p) => p.action === "start-agent-pool")) {
                    // A cold standby: the pools were asked to start; wait for them (bounded), then confirm every action.
                    await wait(ctx, step, `the cold standby's ${pools.length} stopped pool(s) to run`, async () =>
                        (await Promise.all(pools.map((id) => ctx.azure.agentPool(id)))).every((p) => p.power === "Running" && p.provisioning === "Succeeded"),
                    );
                    state = await pairFailover(ctx).failOverAsPerson(person(), reason, log);
                }
                if (state.pending.length) throw new Error(`the failover (token ${state.token}) is recorded but not finished: ${state.pending.map((p) => `${p.action}${p.lastError ? ` (${p.lastError})` : ""}`).join("; ")}; run it again`);
                step.progress(`failed over with fencing token ${state.token}`);
            },
        },
    ];
}

/** How long a failover waits to learn whether the primary's bucket holds a newer snapshot than the secondary's own. */
const primaryBucketReadMs = 12_000;

/**
 * A failover onto a secondary that still holds global snapshots of its own
 * (not cleaned since a failback). LogScale's DataSnapshotLoader consults the
 * recovery bucket only when no local snapshot of the same Kafka cluster
 * exists (the vendor's Azure DR failover-and-failback runbook, step 5e), so
 * this secondary resumes from its own newest, with its own Kafka. That is
 * right when its snapshot is the pair's newest (the primary went down before
 * writing one of its own since the failback); when the primary's bucket
 * holds a newer one, that one would be ignored and what it holds lost: clean
 * the secondary first. Unknown (the primary's bucket unreadable from here)
 * goes on only with --force.
 */
export function uncleanSecondary(own: SnapshotBlob, primaryNewest: Read<SnapshotBlob | undefined>, force: boolean): { note: string } | { reason: string; next: string } {
    const cleanFirst = "npm run drctl -- clean-secondary --primary-down   (then npm run drctl -- failover: the secondary recovers the primary's newest)";
    if (primaryNewest instanceof Error) {
        if (force) return { note: `the primary's bucket cannot be read (${firstLine(primaryNewest)}): as --force asks, the secondary resumes from its own global snapshot ${own.name}` };
        return {
            reason: `the secondary is not clean (its own global snapshot ${own.name}, which it would resume from) and the primary's bucket cannot be read from here (${firstLine(primaryNewest)}): drctl cannot tell whether the primary wrote a newer one`,
            next: `npm run drctl -- failover --force   (resume the secondary from its own ${own.name}); or, to recover a newer snapshot of the primary's: ${cleanFirst}`,
        };
    }
    // Blob times have whole seconds: the same second is not provably older.
    if (primaryNewest && primaryNewest.lastModified.getTime() >= own.lastModified.getTime()) {
        return {
            reason: `the secondary is not clean: it would resume from its own global snapshot ${own.name} (${own.lastModified.toISOString()}) and ignore the primary's newer ${primaryNewest.name} (${primaryNewest.lastModified.toISOString()})`,
            next: cleanFirst,
        };
    }
    return {
        note: `the secondary is not clean, and its own global snapshot ${own.name} is the pair's newest (${primaryNewest ? `the primary's is ${primaryNewest.name}, older` : "the primary's bucket holds none"}): it resumes from it`,
    };
}

/** Who drctl acts as in the DR state record. */
function person(): string {
    return `drctl ${os.userInfo().username}@${os.hostname()}`;
}

/** The failover function's own code, acting for a person on this pair. */
function pairFailover(ctx: DrContext): Failover {
    return new Failover({
        // A person's commands decide nothing on evidence (these are the function's defaults, unused); a cold standby's pools start first.
        settings: { confirmationProbes: failoverConfirmation.probes.default, confirmationSeconds: failoverConfirmation.seconds.default, failoverMode: "manual", coldAgentPoolIds: ctx.secondary.outputs.coldAgentPoolIds ?? [] },
        store: ctx.witness.store,
        operator: ctx.secondary.cluster.operator(operatorDeploymentName),
        trafficManager: ctx.azure.trafficManager(ctx.primaryEndpointId),
        pools: ctx.azure.agentPools(),
        probe: () => ctx.probe(healthUrl(ctx.primary)),
        elapsedMs: () => ctx.elapsedMs(),
        outlastInvocations: ctx.outlastInvocations,
        instance: person(),
    });
}

// --- promotion ------------------------------------------------------------------

/**
 * The secondary's config for each phase. With PostgreSQL, phase 1 also asks
 * for the replica's promotion (an update of the existing replica: Azure
 * refuses the promotion fields on create, config/keys.ts postgresPromote) and
 * phase 2 takes the one-update flag back.
 */
export function promotionSettings(phase: 1 | 2, withPostgres: boolean): Record<string, string> {
    const routing: Record<string, string> = phase === 1 ? { dr: "active", drUseDedicatedRouting: "false" } : { drUseDedicatedRouting: "true" };
    return withPostgres ? { ...routing, postgresPromote: phase === 1 ? "true" : "false" } : routing;
}

export function promoteSteps(phase: 1 | 2): Step<DrContext>[] {
    const settingsOf = (ctx: DrContext) => promotionSettings(phase, ctx.secondary.outputs.postgresServerId !== undefined);
    const described = Object.entries(promotionSettings(phase, false)).map(([k, v]) => `${k}=${v}`).join(", ");
    return fence([], [
        {
            id: `promote-${phase}-ready`,
            title: phase === 1 ? "Check the secondary serves (failed over and LogScale up)" : "Check the UI and ingest pods are Ready",
            touches: (ctx) => (phase === 1 ? [deployment(ctx.secondary, operatorDeploymentName), healthUrl(ctx.secondary)] : dedicatedPools(ctx.secondary).map((p) => `pods ${p.selector}`)),
            next: phase === 1 ? "npm run drctl -- failover" : "npm run drctl -- promote --phase 2   (once the pods are Ready)",
            check: async (ctx) => {
                const s = ctx.secondary;
                if (phase === 1) {
                    if ((await s.cluster.replicas(operatorDeploymentName)) < 1) return "the secondary's humio-operator is at 0: it has not failed over";
                    // The recovery evidence: the DataSnapshotLoader sequence from the primary's snapshot, and no failure line.
                    const logs = await s.cluster.logs(logscalePodSelector, "humio");
                    const failed = recoveryFailure(logs);
                    if (failed) return `LogScale on the secondary did not recover: ${failed}`;
                    const seen = recoveryProgress(logs);
                    if (seen < recoveryLogSequence.length) return `LogScale on the secondary has not recovered yet (seen ${seen} of ${recoveryLogSequence.length} DataSnapshotLoader lines; next: "${recoveryLogSequence[seen]}")`;
                    const probe = await ctx.probe(healthUrl(s));
                    return probe.up ? undefined : `LogScale on the secondary is not up yet (${healthUrl(s)}: ${probe.detail})`;
                }
                for (const { pool, selector } of dedicatedPools(s)) {
                    const pods = await s.cluster.pods(selector);
                    if (!pods.length || pods.some((p) => !p.ready)) return `the ${pool} pods are not all Ready (${pods.filter((p) => p.ready).length}/${pods.length})`;
                }
                return undefined;
            },
            run: async () => undefined,
        },
        {
            id: `promote-${phase}-config`,
            title: `Set ${described}${phase === 1 ? " (and postgresPromote=true with PostgreSQL)" : " (and postgresPromote=false with PostgreSQL)"} on the secondary stack`,
            touches: (ctx) => Object.entries(settingsOf(ctx)).map(([k, v]) => `config ${projectName}:${k}=${v} (secondary)`),
            run: async (ctx) => {
                // What was there (absent: no fact value), so a promotion declined at the review leaves the stack as it was.
                for (const k of Object.keys(settingsOf(ctx))) ctx.journal.setFact(`was:${k}`, JSON.stringify((await ctx.stack.getConfig("secondary", k)) ?? null));
                for (const [k, v] of Object.entries(settingsOf(ctx))) await ctx.stack.setConfig("secondary", k, v);
            },
        },
        {
            id: `promote-${phase}-review`,
            title: "Show what pulumi up will change on the secondary, and ask before it runs",
            touches: () => ["stack secondary (pulumi preview --diff)"],
            next: `npm run drctl -- promote --phase ${phase} --fresh   (when the change is what you expect; --yes answers the question)`,
            check: async (ctx, step) => {
                for (const line of (await ctx.stack.preview("secondary")).trimEnd().split("\n")) step.progress(line);
                if (await ctx.confirm("Run pulumi up on the secondary with these changes?")) return undefined;
                for (const k of Object.keys(settingsOf(ctx))) {
                    const was = ctx.journal.fact(`was:${k}`);
                    if (was === undefined) continue;
                    const value = JSON.parse(was) as string | null;
                    await (value === null ? ctx.stack.removeConfig("secondary", k) : ctx.stack.setConfig("secondary", k, value));
                }
                return "the change was not confirmed; the secondary's config is as it was";
            },
            run: async () => undefined,
        },
        {
            id: `promote-${phase}-up`,
            title: "pulumi up on the secondary",
            touches: () => ["stack secondary"],
            run: async (ctx) => ctx.stack.up("secondary"),
        },
    ]);
}

// --- failback (vendor phases 1-3 and 5) ----------------------------------------------

async function failoverTime(ctx: DrContext): Promise<Date | string> {
    const recorded = ctx.journal.fact("failoverTime");
    if (recorded) return new Date(recorded);
    const epoch = Number((await ctx.secondary.cluster.annotations(operatorDeploymentName))[annotations.lastFailover]);
    const when = Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : ctx.failoverTime;
    if (!when) return `the secondary's humio-operator does not record when it failed over (${annotations.lastFailover}); pass --failover-time <ISO time>`;
    ctx.journal.setFact("failoverTime", when.toISOString());
    return when;
}

/**
 * Failback that keeps every event: the primary takes no traffic and no
 * writes (endpoint disabled, LogScale stopped) until it has cold-started from
 * the secondary's final snapshot and its recovery is verified; only then does
 * its endpoint go back into rotation. The service is down from the
 * secondary's stop to the primary's endpoint coming Online: the price of
 * losing nothing written during the failover.
 */
export function failbackSteps(): Step<DrContext>[] {
    return fence(["failing-back", "failed-back"], [
        {
            id: "record-failover-time",
            title: "Check what failback needs, and record when the failover happened (snapshots must be newer)",
            touches: (ctx) => [deployment(ctx.secondary, operatorDeploymentName)],
            next: "npm run drctl -- failback --failover-time <ISO time>   (or pulumi up --stack primary, for reverseRecoveryEnvVars)",
            check: async (ctx) => {
                // Refuse up front what would otherwise stop the run after the primary's snapshots are gone.
                if (!reverseVars(ctx).length) return "the primary stack exports no reverseRecoveryEnvVars: set its peerStack and run pulumi up --stack primary";
                // Run again after it finished (or killed after its last step), a failback would stop the serving primary.
                const record = await ctx.witness.store.peek();
                if (record?.phase === "failed-back" || record?.phase === "armed") return `the pair has failed back already (the DR state record is ${record.phase}): nothing to fail back`;
                const t = await failoverTime(ctx);
                return typeof t === "string" ? t : undefined;
            },
            run: async (ctx, step) => step.progress(`failed over at ${ctx.journal.fact("failoverTime")}`),
        },
        {
            id: "take-the-pair",
            title: "Take the pair for the failback: the failover function stands down (the DR state record and the secondary's humio-operator token)",
            touches: (ctx) => [`DR state record ${ctx.witness.url} (failing-back)`, `${deployment(ctx.secondary, operatorDeploymentName)}: annotation ${annotations.fencingToken}`],
            run: async (ctx, step) => step.progress(`failing back with token ${(await pairFailover(ctx).takeOver(person(), "failing-back", "failback in progress")).token}`),
        },
        {
            id: "disable-alert",
            title: "Disable the failover alert: it stays off until clean-secondary re-arms the pair",
            touches: (ctx) => [`metric alert ${ctx.alert.resourceGroup}/${ctx.alert.name} (enabled=false)`],
            run: (ctx, step) => setAlert(ctx, step, false),
        },
        {
            id: "keep-primary-out",
            title: "Keep the primary out of traffic and writes: its endpoint Disabled, its LogScale stopped",
            touches: (ctx) => [`Traffic Manager endpoint ${ctx.primaryEndpointId} (Disabled)`, deployment(ctx.primary, operatorDeploymentName), `pods ${logscalePodSelector} in ${ctx.primary.outputs.aksClusterName}`],
            run: async (ctx, step) => {
                await ctx.azure.setEndpointStatus(ctx.primaryEndpointId, "Disabled");
                await stopLogScale(ctx.primary).run(ctx, step);
            },
        },
        {
            id: "flush-on-shutdown",
            title: "Make the secondary's LogScale flush segments and a global snapshot when it stops",
            touches: (ctx) => [`${ctx.secondary.url}/graphql setDynamicConfig FlushSegmentsAndGlobalOnShutdown=true`],
            run: async (ctx) => {
                const secret = adminTokenSecret(logscaleClusterName(ctx.secondary.outputs.namePrefix));
                const token = await ctx.secondary.cluster.secretValue(secret.name, secret.key);
                await ctx.enableFlushOnShutdown(ctx.secondary.url, token);
            },
        },
        {
            id: "stop-secondary",
            title: "Stop the secondary's LogScale (it writes its final global snapshot as it stops)",
            touches: (ctx) => [deployment(ctx.secondary, operatorDeploymentName), `pods ${logscalePodSelector} in ${ctx.secondary.outputs.aksClusterName}`],
            next: "npm run drctl -- failback   (once the secondary has written a global snapshot of its own, 10-20 minutes after it started)",
            check: async (ctx) => {
                // Until the secondary has a snapshot of its own, a restart (a refusal below) would recover the primary's stale one.
                const own = await ctx.secondary.snapshots.newest();
                const since = new Date(ctx.journal.fact("failoverTime")!);
                return own && own.lastModified > since ? undefined : `the secondary has written no global snapshot of its own since the failover (${since.toISOString()}): were it restarted, it would recover the primary's stale snapshot`;
            },
            run: async (ctx, step) => {
                // Storage time, not the workstation's: the final snapshot must be no older than this, and
                // not the newest one before the stop (times have whole seconds: the ETag tells writes apart).
                // A rerun after the stop took effect keeps the first run's facts (else the final snapshot would be "older" than the stop).
                if (!ctx.journal.fact("secondaryStopRequestedAt") || (await ctx.secondary.cluster.pods(logscalePodSelector)).length) {
                    ctx.journal.setFact("secondaryStopRequestedAt", (await ctx.secondary.snapshots.serviceTime()).toISOString());
                    ctx.journal.setFact("secondaryNewestBeforeStop", snapshotIdentity(await ctx.secondary.snapshots.newest()));
                }
                await stopLogScale(ctx.secondary).run(ctx, step);
            },
        },
        {
            id: "verify-secondary-snapshot",
            title: "Verify the secondary wrote its final global snapshot as it stopped",
            touches: (ctx) => [`blobs ${ctx.secondary.snapshots.location}*`, `${deployment(ctx.secondary, operatorDeploymentName)} (back to 1 if there is none)`],
            next: "npm run drctl -- status   (the secondary serves again: read its logs for why it wrote no snapshot at shutdown, then run npm run drctl -- failback --fresh)",
            check: async (ctx) => {
                // A refusal below restarted the secondary: a plain rerun would take its next periodic snapshot for a final one.
                if ((await ctx.secondary.cluster.replicas(operatorDeploymentName)) > 0 || (await ctx.secondary.cluster.pods(logscalePodSelector)).length) {
                    return "the secondary's LogScale runs again (an earlier refusal started it): run npm run drctl -- failback --fresh";
                }
                const stopped = new Date(ctx.journal.fact("secondaryStopRequestedAt")!);
                const newest = await ctx.secondary.snapshots.newest();
                if (newest && newest.lastModified >= stopped && snapshotIdentity(newest) !== ctx.journal.fact("secondaryNewestBeforeStop")) return undefined;
                // Nothing was deleted yet: put the secondary back in service, so the refusal leaves the pair serving.
                await ctx.secondary.cluster.scale(operatorDeploymentName, 1);
                return `the secondary wrote no global snapshot after it was asked to stop (${stopped.toISOString()}; newest: ${newest ? `${newest.name} at ${newest.lastModified.toISOString()}` : "none"}); its LogScale is started again`;
            },
            run: async (ctx, step) => step.progress(`final snapshot: ${(await ctx.secondary.snapshots.newest())!.name}`),
        },
        bound("primary", (r) => deleteSnapshots(r, "so the cold start reads the secondary's")),
        {
            id: "give-primary-recovery-keys",
            title: "Give the primary the secondary's bucket keys (logscale-recovery-source), which an active region holds only for a failback",
            touches: (ctx) => [`secret ${ctx.primary.cluster.namespace}/${logscaleSecrets.recoveryStorageKey.name} in ${ctx.primary.outputs.aksClusterName}: the secondary's recovery key (${storageKeyNames.recovery}, as Azure lists it) and encryption key`],
            next: "pulumi up --stack secondary   (it exports its encryption key)",
            check: async (ctx) => (ctx.secondary.outputs.storageEncryptionKey ? undefined : "the secondary stack exports no storage encryption key"),
            run: (ctx, step) => giveRecoveryKeys(ctx, "primary", step),
        },
        {
            id: "patch-primary-recovery-env",
            title: "Point the primary's HumioCluster at the secondary's bucket (reverseRecoveryEnvVars)",
            touches: (ctx) => [`humiocluster ${ctx.primary.cluster.namespace}/${ctx.primary.outputs.namePrefix} in ${ctx.primary.outputs.aksClusterName}: ${reverseVars(ctx).map((v) => v.name).join(", ")}`],
            next: "pulumi up --stack primary   (it exports reverseRecoveryEnvVars once its peerStack is set)",
            check: async (ctx) => (reverseVars(ctx).length ? undefined : "the primary stack exports no reverseRecoveryEnvVars"),
            run: async (ctx, step) => {
                const changed = await ctx.primary.cluster.setCommonEnv(logscaleClusterName(ctx.primary.outputs.namePrefix), reverseVars(ctx));
                step.progress(changed ? "patched" : "already in place");
            },
        },
        bound("primary", resetTopic),
        startPrimary("cold-start-primary", "Cold-start the primary (humio-operator to 1): with no snapshot of its own it recovers from the secondary's"),
        {
            id: "watch-recovery",
            title: "Watch the primary recover from the secondary's snapshot (DataSnapshotLoader); stop at a failure line",
            touches: (ctx) => [`logs of pods ${logscalePodSelector} in ${ctx.primary.outputs.aksClusterName}`],
            run: async (ctx, step) => {
                let seen = 0;
                const log = new RecoveryLog(ctx.primary.cluster, logscalePodSelector, "humio", () => ctx.elapsedMs());
                await wait(ctx, step, "the recovery log sequence", async () => {
                    const logs = await log.read();
                    const failed = recoveryFailure(logs);
                    if (failed) throw new Error(`the primary's recovery failed: ${failed}. Its endpoint stays disabled and the secondary stopped; fix the cause, then run npm run drctl -- failback again`);
                    const progress = recoveryProgress(logs);
                    for (; seen < progress; seen++) step.progress(`seen: ${recoveryLogSequence[seen]}`);
                    return progress === recoveryLogSequence.length;
                });
            },
        },
        {
            id: "verify-primary",
            title: "Verify the primary's LogScale answers on its own name",
            touches: (ctx) => [healthUrl(ctx.primary)],
            run: async (ctx, step) => wait(ctx, step, "LogScale on the primary to answer 200", async () => (await ctx.probe(healthUrl(ctx.primary))).up),
        },
        {
            id: "enable-primary-endpoint",
            title: "Put the primary back in rotation: enable its Traffic Manager endpoint and wait until it is Online",
            touches: (ctx) => [`Traffic Manager endpoint ${ctx.primaryEndpointId} (Enabled)`],
            next: "npm run drctl -- status   (is the primary's ingress up?)",
            run: async (ctx, step) => {
                await ctx.azure.setEndpointStatus(ctx.primaryEndpointId, "Enabled");
                await wait(ctx, step, "the primary endpoint to be Online", async () => (await ctx.azure.endpoint(ctx.primaryEndpointId)).monitorStatus === "Online");
            },
        },
        {
            id: "verify-global",
            title: "Verify the global name answers",
            touches: (ctx) => [ctx.globalUrl ? `${ctx.globalUrl}${healthProbePath}` : "(no stack of the pair exports globalFqdn)"],
            run: async (ctx, step) => {
                const url = ctx.globalUrl;
                if (!url) return step.progress("no stack of the pair exports globalFqdn: nothing to check");
                await wait(ctx, step, "the global name to answer 200", async () => (await ctx.probe(`${url}${healthProbePath}`)).up);
            },
        },
        {
            id: "failed-back",
            title: "Record the failback (the secondary is not clean yet: automatic failover stays off)",
            touches: (ctx) => [`DR state record ${ctx.witness.url} (failed-back)`],
            run: async (ctx, step) => step.progress(`failed back with token ${(await pairFailover(ctx).takeOver(person(), "failed-back", "the primary serves again; the secondary is not clean yet")).token}`),
        },
    ]);
}

/** A snapshot blob's name and ETag: every write changes the ETag, so a rewrite under the same name is told apart. */
const snapshotIdentity = (b: SnapshotBlob | undefined) => (b ? `${b.name} ${b.etag}` : "none");

/** Whether the secondary was promoted: a standby exports its failover timeline, an active region none. */
const promoted = (ctx: DrContext) => ctx.secondary.outputs.failoverTimeline === undefined;

const alertMissing = (ctx: DrContext) => `the failover alert ${ctx.alert.resourceGroup}/${ctx.alert.name} does not exist, yet the secondary is a standby: run pulumi up --stack secondary`;

/** Turn the failover alert on or off; after a promotion there is none, and nothing to do. */
async function setAlert(ctx: DrContext, step: StepContext, enabled: boolean): Promise<void> {
    if ((await ctx.azure.alertState(ctx.alert.resourceGroup, ctx.alert.name)) === "absent") {
        if (!promoted(ctx)) throw new Error(alertMissing(ctx));
        return step.progress("the pair was promoted: there is no failover alert");
    }
    await ctx.azure.setAlertEnabled(ctx.alert.resourceGroup, ctx.alert.name, enabled);
}

function startPrimary(id: string, title: string): Step<DrContext> {
    return {
        id,
        title,
        touches: (ctx) => [deployment(ctx.primary, operatorDeploymentName)],
        run: (ctx) => ctx.primary.cluster.scale(operatorDeploymentName, 1),
    };
}

/** Write into `to`'s recovery-source secret its peer's recovery key as Azure lists it now (never a stale output) and the peer's encryption key. */
async function giveRecoveryKeys(ctx: DrContext, to: RegionName, step: StepContext): Promise<void> {
    const peer = ctx[to === "primary" ? "secondary" : "primary"].outputs;
    const accountKey = await ctx.azure.recoveryKey(peer.storageAccountId);
    await ctx[to].cluster.putSecret(logscaleSecrets.recoveryStorageKey.name, { [logscaleSecrets.recoveryStorageKey.key]: accountKey, [logscaleSecrets.recoveryEncryptionKey.key]: peer.storageEncryptionKey });
    step.progress("written (values not shown)");
}

function reverseVars(ctx: DrContext): EnvVar[] {
    return ctx.primary.outputs.reverseRecoveryEnvVars ?? [];
}

/** A step about one region, built when the context is known. */
function bound(region: RegionName, make: (r: Region) => Step<DrContext>): Step<DrContext> {
    const probe = make({ name: region } as Region);
    return {
        id: probe.id,
        title: probe.title,
        next: probe.next,
        touches: (ctx) => make(ctx[region]).touches(ctx),
        check: probe.check && ((ctx, step) => make(ctx[region]).check!(ctx, step)),
        run: (ctx, step) => make(ctx[region]).run(ctx, step),
    };
}

// --- clean the secondary (vendor phase 4) ------------------------------------------------

/** The failback is complete and the primary has a global snapshot of its own since: the secondary's are no longer the only recovery source. */
async function primaryOwnsASnapshot(ctx: DrContext): Promise<string | undefined> {
    const record = await ctx.witness.store.peek();
    if (record?.phase !== "failed-back") return `the DR state record is ${record?.phase ?? "missing"}, not failed-back: run the failback first`;
    const own = await ctx.primary.snapshots.newest();
    const since = new Date(record.since * 1000);
    return own && own.lastModified > since ? undefined : `the primary has not written its own global snapshot since the failback (${since.toISOString()}; LogScale writes one 10-20 minutes after it starts): the secondary's are still the only recovery source`;
}

/**
 * Phase 4: reset the secondary's Kafka and delete its snapshots, then re-arm.
 * With `primaryDown` (the primary went down before the secondary was
 * cleaned), the same reset readies the secondary for a failover that
 * recovers the primary's newest snapshot; re-arming needs the primary in
 * rotation, so those steps are left out.
 */
export function cleanSecondarySteps(primaryDown = false): Step<DrContext>[] {
    const first: Step<DrContext> = primaryDown
        ? {
              id: "primary-down",
              title: "Check the primary is down and has its own global snapshot since the failback (never clean the secondary otherwise)",
              touches: (ctx) => [healthUrl(ctx.primary), `${ctx.primary.outputs.storageAccountName}: the newest global snapshot`],
              next: "npm run drctl -- status",
              check: async (ctx) => {
                  const probe = await ctx.probe(healthUrl(ctx.primary));
                  if (probe.up) return { reason: `the primary answers ${healthUrl(ctx.primary)} (${probe.detail}): it is not down`, next: "npm run drctl -- clean-secondary   (without --primary-down: it re-arms automatic failover at the end)" };
                  const reason = await primaryOwnsASnapshot(ctx);
                  return reason && { reason, next: "npm run drctl -- failover   (the secondary resumes from its own snapshot, the pair's newest)" };
              },
              run: async () => undefined,
          }
        : {
              id: "primary-healthy",
              title: "Check the primary is healthy (never clean the secondary otherwise)",
              touches: (ctx) => [healthUrl(ctx.primary)],
              next: "npm run drctl -- status   (fail back first; after a failback, wait for the primary's first global snapshot)",
              check: async (ctx) => {
                  const probe = await ctx.probe(healthUrl(ctx.primary));
                  if (!probe.up) return `the primary does not answer ${healthUrl(ctx.primary)} (${probe.detail}); cleaning the secondary now could leave no region to fall back to`;
                  // The last steps re-arm automatic failover, which needs the primary back in rotation.
                  const endpoint = await ctx.azure.endpoint(ctx.primaryEndpointId);
                  if (endpoint.status === "Disabled") return "the primary Traffic Manager endpoint is Disabled: the failback has not put the primary back in rotation";
                  return primaryOwnsASnapshot(ctx);
              },
              run: async () => undefined,
          };
    const reset: Step<DrContext>[] = [
        bound("secondary", stopLogScale),
        {
            id: "stop-secondary-kafka",
            title: "Stop the secondary's Kafka (Strimzi operator to 0, broker pods deleted)",
            touches: (ctx) => [deployment(ctx.secondary, strimziOperator), `pods ${kafkaBrokers(ctx.secondary)}`],
            run: async (ctx, step) => {
                const s = ctx.secondary;
                await s.cluster.scale(strimziOperator, 0);
                await s.cluster.deletePods(kafkaBrokers(s));
                await wait(ctx, step, "the Kafka brokers to terminate", async () => (await s.cluster.pods(kafkaBrokers(s))).length === 0);
            },
        },
        {
            id: "delete-secondary-kafka-state",
            title: "Delete the secondary's Kafka volumes and pod sets",
            touches: (ctx) => [`persistentvolumeclaims ${kafkaVolumes(ctx.secondary)}`, "strimzipodsets (all, namespace logging)"],
            run: async (ctx, step) => {
                const s = ctx.secondary;
                await s.cluster.deletePersistentVolumeClaims(kafkaVolumes(s));
                await s.cluster.deleteStrimziPodSets();
                await wait(ctx, step, "Kafka volumes to be deleted", async () => (await s.cluster.persistentVolumeClaims(kafkaVolumes(s))).length === 0);
            },
        },
        {
            id: "start-secondary-kafka",
            title: "Start the secondary's Kafka again and wait for the brokers",
            touches: (ctx) => [deployment(ctx.secondary, strimziOperator)],
            run: async (ctx, step) => {
                const s = ctx.secondary;
                await s.cluster.scale(strimziOperator, 1);
                await wait(ctx, step, "Kafka brokers to be Ready", async () => {
                    const pods = await s.cluster.pods(kafkaBrokers(s));
                    return pods.length > 0 && pods.every((p) => p.ready);
                });
            },
        },
        bound("secondary", resetTopic),
        bound("secondary", (r) => deleteSnapshots(r, "stale after the failover")),
    ];
    const reArm: Step<DrContext>[] = [
        {
            id: "enable-alert",
            title: "Re-enable the failover alert, once the primary endpoint is Online (it would fire otherwise)",
            touches: (ctx) => [`metric alert ${ctx.alert.resourceGroup}/${ctx.alert.name} (enabled=true)`],
            next: "npm run drctl -- status   (the primary endpoint is not Online)",
            check: async (ctx) => {
                const e = await ctx.azure.endpoint(ctx.primaryEndpointId);
                return e.monitorStatus === "Online" ? undefined : `the primary endpoint is ${e.status}/${e.monitorStatus}, not Online: the alert would fire at once`;
            },
            run: (ctx, step) => setAlert(ctx, step, true),
        },
        {
            id: "re-arm-function",
            title: "Re-arm automatic failover: the secondary is ready for another one",
            touches: (ctx) => [`DR state record ${ctx.witness.url} (armed)`, `${deployment(ctx.secondary, operatorDeploymentName)}: annotation ${annotations.fencingToken}`],
            run: async (ctx, step) => step.progress(`armed with token ${(await pairFailover(ctx).takeOver(person(), "armed", "the secondary is clean after the failback")).token}`),
        },
    ];
    return fence(["armed"], [first, ...reset, ...(primaryDown ? [] : reArm)]);
}

// --- rotate the standby's recovery key ------------------------------------------------------

/**
 * Why the primary's recovery key cannot be revoked now, if it cannot: a
 * LogScale that recovered from the primary's bucket keeps reading the
 * segments it found there with the key it recovered with (LogScale's DR
 * guide: the recovered snapshot's access configuration is patched from
 * AZURE_RECOVER_FROM_*, the primary's bucket stays read-only and its
 * existing segments are read from it: "Failover and failback", Snapshot patching).
 * The secondary holds no such state only while its LogScale is stopped and
 * its bucket holds no global snapshot: armed and clean, or never failed over.
 */
async function standbyHoldsNoRecoveredState(ctx: DrContext): Promise<string | undefined> {
    const record = await ctx.witness.store.peek();
    if (record && record.phase !== "armed" && record.phase !== "stood-down") return `the DR state record is ${record.phase}: a failover or failback is under way`;
    const s = ctx.secondary;
    if ((await s.cluster.replicas(operatorDeploymentName)) > 0 || (await s.cluster.pods(logscalePodSelector)).length) return "the secondary's LogScale runs: if it recovered from the primary's bucket, it reads the primary's segments with this key";
    const own = await s.snapshots.newest();
    if (own) return `the secondary's bucket holds a global snapshot (${own.name}): a LogScale started from it would read the primary's segments with this key; clean the secondary first`;
    return undefined;
}

/**
 * Revoke every copy of the primary's recovery key a failover handed out and
 * give the standby a new one: after a failover and clean-secondary, or
 * whenever a copy may have leaked. LogScale's own key (key1) is untouched.
 * The function stands down meanwhile, so no failover recovers with a key
 * being replaced. The secondary's recovery key, which the primary recovered
 * with at its failback, is not rotated: the primary reads the failover's
 * segments with it for as long as they are kept (docs/security.md).
 */
export function rotateRecoveryKeySteps(): Step<DrContext>[] {
    const armedBefore = "armedBeforeRotation";
    return fence(
        ["stood-down", "armed"],
        [
            {
                id: "stand-down",
                title: "Stand automatic failover down while the key changes (the secondary must hold no LogScale state recovered with it: LogScale stopped, no global snapshot in its bucket)",
                touches: (ctx) => [`DR state record ${ctx.witness.url} (stood-down)`, deployment(ctx.secondary, operatorDeploymentName), `${ctx.secondary.outputs.storageAccountName}: the newest global snapshot`],
                next: "npm run drctl -- status   (after a failover: fail back, then npm run drctl -- clean-secondary, then rotate)",
                check: standbyHoldsNoRecoveredState,
                run: async (ctx, step) => {
                    const phase = (await ctx.witness.store.peek())?.phase ?? "armed";
                    ctx.journal.setFact(armedBefore, String(phase === "armed"));
                    step.progress(`token ${(await pairFailover(ctx).takeOver(person(), "stood-down", "rotating the standby's recovery key")).token}`);
                },
            },
            {
                id: "regenerate-primary-recovery-key",
                title: `Regenerate the primary's recovery key (${storageKeyNames.recovery}): every copy handed out stops working; LogScale's own key is untouched`,
                touches: (ctx) => [`storage account ${ctx.primary.outputs.storageAccountId}: regenerateKey ${storageKeyNames.recovery}`],
                run: async (ctx, step) => {
                    await ctx.azure.rotateRecoveryKey(ctx.primary.outputs.storageAccountId);
                    step.progress("regenerated (value not shown)");
                },
            },
            {
                id: "give-standby-new-key",
                title: "Give the standby the new key (logscale-recovery-source), so a failover recovers with it",
                touches: (ctx) => [`secret ${ctx.secondary.cluster.namespace}/${logscaleSecrets.recoveryStorageKey.name} in ${ctx.secondary.outputs.aksClusterName}`],
                run: (ctx, step) => giveRecoveryKeys(ctx, "secondary", step),
            },
            {
                id: "re-arm-after-rotation",
                title: "Re-arm automatic failover if it was armed when the run began",
                touches: (ctx) => [`DR state record ${ctx.witness.url} (armed, if it was)`],
                run: async (ctx, step) => {
                    if (ctx.journal.fact(armedBefore) !== "true") return step.progress("left stood down, as the run found it");
                    step.progress(`armed with token ${(await pairFailover(ctx).takeOver(person(), "armed", "the standby holds the new recovery key")).token}`);
                },
            },
        ],
    );
}

/**
 * A run's steps after the first refuse once the pair changed hands since the
 * run began: the DR state record's token moved on, and not by this run's own
 * takeovers (`own`: the phases it writes). A resumed failback after a new
 * failover, say, would otherwise put the primary beside a serving secondary.
 */
function fence(own: string[], steps: Step<DrContext>[]): Step<DrContext>[] {
    const token = async (ctx: DrContext) => String((await ctx.witness.store.peek())?.token ?? 0);
    return steps.map((s, i) =>
        i === 0
            ? {
                  ...s,
                  run: async (ctx, step) => {
                      await s.run(ctx, step);
                      ctx.journal.setFact("pairToken", await token(ctx));
                  },
              }
            : {
                  ...s,
                  check: async (ctx, step) => {
                      const began = ctx.journal.fact("pairToken");
                      const record = await ctx.witness.store.peek();
                      if (began !== undefined && String(record?.token ?? 0) !== began && !own.includes(record?.phase ?? "")) {
                          return `the pair changed hands since this run began (token ${began}, now ${record?.token}): run it again with --fresh`;
                      }
                      return s.check?.(ctx, step);
                  },
              },
    );
}
