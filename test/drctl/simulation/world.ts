// A simulated DR pair for drctl's real runbooks, reached only through the
// ports of DrContext: each region's cluster (humio-operator, LogScale pods and
// their logs, the HumioCluster's environment, Strimzi's operator, brokers,
// entity operator, volumes and pod sets, the one-shot topic reset pod), each
// region's bucket (global snapshots and data segments, behind the real
// SnapshotStore), Traffic Manager, the failover alert, cold-standby pools, the
// secondary's stack, the DR state record, and two clocks: the storage
// service's, which drives the world, and drctl's workstation clock, skewed so
// that a decision taken on it shows. Any port call can fail or kill drctl.
// Invariants 1, 2, 3, 5, 6 and 7 (no recovery key revoked while LogScale
// state reads the peer's segments with it) are checked here, as the world changes.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ContainerClient } from "@azure/storage-blob";
import {
    adminTokenSecret,
    alertRuleName,
    EnvVar,
    failoverInvocationSeconds,
    healthProbePath,
    kafkaClusterName,
    logscaleClusterName,
    logscaleNodePool,
    logscalePodLabels,
    logscaleSecrets,
    operatorAnnotations,
    operatorDeploymentName,
    recoveryVariables,
    strimziOperatorDeploymentName,
    witnessBlob,
    witnessContainer,
} from "../../../contract";
import { DrState, initialState } from "../../../functions/failover/src/drState";
import type { OperatorPort } from "../../../functions/failover/src/failover";
import type { OperatorDeployment } from "../../../functions/failover/src/kube";
import { recoveryEnvVars, recoverySource } from "../../../model/recovery";
import type { ClusterOps, DrContext, PairAzure, Region, StackOps } from "../../../tools/drctl/commands";
import { primaryEndpointId } from "../../../tools/drctl/index";
import { recoveryLogSequence } from "../../../tools/drctl/logscale";
import type { PairOutputs, RegionName } from "../../../tools/drctl/outputs";
import type { Journal } from "../../../tools/drctl/runbook";
import { SnapshotStore } from "../../../tools/drctl/snapshots";
import { MemoryStateStore } from "../../failover/memoryStore";
import { watched } from "../../failover/simulation/watchedStore";

export type Api = "kube" | "arm" | "blob" | "logscale" | "probe" | "pulumi";
export const apis: Api[] = ["kube", "arm", "blob", "logscale", "probe", "pulumi"];
export type FaultKind = 409 | 429 | 503 | "timeout";
export interface Fault {
    api: Api;
    kind: FaultKind;
    /** Calls it still fails. */
    remaining: number;
}
/** drctl's process dies at the `atCall`-th port call it makes once `afterSteps` steps of the run are done (0: from its start), before that call takes effect or just after. */
export interface Kill {
    afterSteps?: number;
    atCall: number;
    afterEffect: boolean;
}

export interface WorldOptions {
    /** How far drctl's workstation clock is off the storage service's (ms): no outcome may depend on it. */
    skewMs: number;
    /** A running LogScale writes a global snapshot this often. */
    snapshotEveryMinutes: number;
    /** A cold standby: the secondary's Kafka and LogScale pools are stopped until a failover starts them. */
    cold: boolean;
}

/** Controllers reconcile, kubelets start pods and LogScale boots in steps of this much storage time. */
const tickMs = 10_000;
/** Traffic Manager probes the primary endpoint every third tick. */
const tmProbeTicks = 3;
const poolStartMs = 3 * 60_000;
/** A crash-looping container restarts after 10 s, doubling up to 5 min (the kubelet's CrashLoopBackOff). */
const backoffMs = (failures: number) => Math.min(5 * 60_000, tickMs * 2 ** (failures - 1));
/** drctl's waits as the CLI has them; the model's sleep enforces the timeout in storage time, per step. */
const waits = { timeoutMs: 20 * 60_000, pollMs: 10_000 };
/** More port calls than any command makes: a command beyond it does not terminate (invariant 6). */
const callCap = 5_000;
const start = 1_900_000_000_000;
const adminToken = "admin-token";
const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;
const other = (r: RegionName): RegionName => (r === "primary" ? "secondary" : "primary");
export const regionNames = ["primary", "secondary"] as const;

export class Violation extends Error {}
/** drctl's process was killed: every later call of that run fails the same way. */
export class Killed extends Error {
    constructor() {
        super("drctl was killed");
    }
}
class ApiError extends Error {
    constructor(
        api: Api,
        readonly status: number,
    ) {
        super(`${api}: HTTP ${status}`);
    }
}

interface Deployment {
    replicas: number;
    annotations: Record<string, string>;
    resourceVersion: number;
}
interface Pod {
    /** What runs in it: the model's own classification, so that only drctl's calls parse label selectors. */
    kind: "logscale" | "broker" | "entity-operator" | "other";
    name: string;
    labels: Record<string, string>;
    phase: "Pending" | "Running" | "Succeeded" | "Failed";
    ready: boolean;
    /** The current container's log, each line with the kubelet's time. */
    log: Array<{ at: number; line: string }>;
    terminating: boolean;
}
interface Blob {
    name: string;
    /** Storage time, whole seconds (as the service reports it). */
    lastModified: number;
    etag: number;
    /** A global snapshot: the events it covers. */
    events?: string[];
}
interface RegionState {
    deployments: Record<string, Deployment>;
    pods: Pod[];
    /** The running LogScale: booting (pods up, not recovered yet), serving, or crash-looping on a failed recovery (tried again at `next`). */
    logscale?: { state: "booting" | "serving" | "failed"; stopping: boolean; failures: number; next: number };
    /** The events the current (or last) LogScale holds. */
    held: string[];
    env: EnvVar[];
    envPatches: number;
    /** The recovery-source secret: the keys a cold start reads the peer's bucket with (the stack renders it on a standby only; drctl writes it for a failback). */
    recoveryKeys?: { accountKey: string; encryptionKey: string };
    /** This region's account's recovery key (key2) as Azure holds it: the one the peer's recovery is admitted with. */
    accountRecoveryKey: string;
    /** The peer's recovery key this region's LogScale state reads the peer's segments with, since it recovered from the peer (patched into its global snapshot). */
    peerKeyInUse?: string;
    flushOnShutdown: boolean;
    /** global-events: what LogScale wrote since the topic was last reset. */
    topic: string[];
    topicResets: number;
    /** LogScale has run on this Kafka since it was last reset. */
    kafkaStale: boolean;
    pvcs: Array<{ name: string; terminating: boolean }>;
    podSets: string[];
    bucket: Blob[];
    deletedBlobs: string[];
    /** The nodes LogScale runs on are up (PrimaryDown takes them away). */
    nodesUp: boolean;
}
/** An acknowledged event, and the region that acknowledged it. */
interface Ack {
    id: string;
    by: RegionName;
}

/** `a=b,c=d` over a pod's labels. */
function matches(selector: string, labels: Record<string, string>): boolean {
    return selector.split(",").every((kv) => {
        const [k, v] = kv.split("=");
        return labels[k] === v;
    });
}

// Bound once: the model reads them on every tick, and an imported binding is a getter.
const [operator, strimzi, nodePoolKey] = [operatorDeploymentName, strimziOperatorDeploymentName, logscalePodLabels.nodePoolKey];
const isLogScale = (p: Pod) => p.kind === "logscale";
const newest = (bucket: Blob[]) => bucket.filter((b) => b.events).reduce<Blob | undefined>((n, b) => (!n || b.lastModified >= n.lastModified ? b : n), undefined);
const union = (...lists: string[][]) => [...new Set(lists.flat())];
const pod = (kind: Pod["kind"], name: string, labels: Record<string, string>, phase: Pod["phase"], ready = false): Pod => ({ kind, name, labels, phase, ready, log: [], terminating: false });

export class World {
    now = start;
    readonly outputs: PairOutputs;
    readonly names: Record<RegionName, { cluster: string; kafka: string; snapshots: string; url: string }>;
    readonly regions: Record<RegionName, RegionState>;
    readonly journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "drctl-simulation-"));
    endpoint = { status: "Enabled" as "Enabled" | "Disabled", monitor: "Online" };
    alert: "enabled" | "disabled" | "absent" = "enabled";
    pools = new Map<string, { power: "Stopped" | "Running"; provisioning: "Succeeded" | "Starting"; readyAt: number }>();
    config: Record<string, string> = { "secondary:dr": "standby", "secondary:drUseDedicatedRouting": "false" };
    /** The DR state record as last written. */
    record: DrState;
    private readonly store = new MemoryStateStore(() => this.now);
    faults: Fault[] = [];
    /** The fault "LogScale writes no final snapshot at shutdown". */
    noFinalSnapshot = false;
    /** The fault "the recovery source holds no snapshot": so many recoveries from the peer find none. */
    emptyRecoverySource = 0;
    /** Storage-firewall openings (DrContext.access) not closed yet. */
    accessOpen = 0;
    events: Ack[] = [];
    /** The failovers' own loss (RPO): events the primary acknowledged that the secondary did not recover. */
    rpoLoss = new Set<string>();
    /**
     * The failback's own window: a primary that crashes before its first
     * snapshot of its own recovers from the secondary's again, without what it
     * acknowledged since (drctl's `next:` says not to restart it then).
     */
    windowLoss = new Set<string>();
    /** The primary's LogScale last stopped by crashing (its nodes went), not by drctl. */
    private primaryCrashed = false;
    /** From the secondary's takeover until the primary recovers from it: what the primary acknowledges is lost with it. */
    private primarySuperseded = false;
    /**
     * A recorded failover has not disabled the primary endpoint yet: the
     * function's own window (it scales first, so an abandoned failover leaves
     * the primary serving). In Azure its timer retries the disable within an
     * evaluation period; the model has no timer, so the window lasts until
     * someone disables the endpoint.
     */
    private disablePending = false;
    /** drctl commands that finished (code 0) since the last failover. */
    completedSinceFailover = new Set<string>();
    /** How often invariant 1 had something to check (coverage). */
    cycles = 0;
    history: string[] = [];
    violations: string[] = [];
    private seq = 0;
    private ticks = 0;
    private nextTickAt = start + tickMs;
    // Per drctl command:
    private calls = 0;
    private stepsDone = 0;
    private kill?: Kill;
    /** Calls left until the kill, counted once its steps are done. */
    private untilKill = 0;
    private dead = false;
    /** The last drctl run was killed (it printed what it printed, but a dead process refuses nothing). */
    killed = false;
    private waitedMs = 0;

    constructor(
        outputs: PairOutputs,
        readonly o: WorldOptions,
    ) {
        this.outputs = structuredClone(outputs);
        const s = this.outputs.secondary;
        const poolIds = ["kafka", "digest"].map((p) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${s.aksResourceGroup}/providers/Microsoft.ContainerService/managedClusters/${s.aksClusterName}/agentPools/${p}`);
        s.coldAgentPoolIds = o.cold ? poolIds : undefined;
        if (o.cold) for (const id of poolIds) this.pools.set(id, { power: "Stopped", provisioning: "Succeeded", readyAt: 0 });
        const naming = (r: RegionName) => {
            const x = this.outputs[r];
            // The snapshots' folder as the invariant has it, not as drctl computes it (snapshots.ts is under test too).
            return { cluster: logscaleClusterName(x.namePrefix), kafka: kafkaClusterName(x.namePrefix), snapshots: `${x.storageObjectKeyPrefix}globalsnapshots/`, url: `https://${x.clusterFqdn}` };
        };
        this.names = { primary: naming("primary"), secondary: naming("secondary") };
        const p = this.outputs.primary;
        const standbyEnv = recoveryEnvVars(recoverySource(p), s.location);
        this.regions = { primary: this.region("primary", 1, [{ name: "ENABLE_ALERTS", value: "true" }]), secondary: this.region("secondary", 0, [...standbyEnv, { name: "ENABLE_ALERTS", value: "false" }]) };
        // As model/regionPlan.ts renders them: the standby holds the primary's keys, the active primary none of the secondary's.
        this.regions.secondary.recoveryKeys = { accountKey: p.recoveryAccountKey, encryptionKey: p.storageEncryptionKey };
        this.record = { ...initialState(start / 1000 - 3600), evaluatedAt: start / 1000 };
        this.store.overwrite(JSON.stringify(this.record));
        // The pair as the simulation finds it: Kafka up in both regions, the primary's LogScale booted from the
        // snapshot it wrote last; the standby clean, its bucket holding data segments only.
        this.writeSnapshot("primary", start - 5 * 60_000);
        for (let i = 0; i < 3; i++) this.tick();
        this.history = [];
    }

    private region(name: RegionName, operatorReplicas: number, env: EnvVar[]): RegionState {
        const { kafka } = this.names[name];
        const dep = (replicas: number): Deployment => ({ replicas, annotations: {}, resourceVersion: 1 });
        const prefix = this.outputs[name].storageObjectKeyPrefix;
        // Data that must outlive every runbook: segments, a folder named like the snapshots' one, another cluster's snapshots.
        const data = [`${prefix}segments/seg-initial.dat`, `${prefix}globalsnapshots-archive/global-snapshot-old.json`, "other-cluster/globalsnapshots/global-snapshot-000.json"];
        return {
            deployments: { [operator]: dep(operatorReplicas), [strimzi]: dep(1) },
            pods: [],
            held: [],
            env,
            envPatches: 0,
            accountRecoveryKey: this.outputs[name].recoveryAccountKey,
            flushOnShutdown: false,
            topic: [],
            topicResets: 0,
            kafkaStale: false,
            pvcs: [0, 1, 2].map((i) => ({ name: `data-0-${kafka}-brokers-${i}`, terminating: false })),
            podSets: [`${kafka}-brokers`],
            bucket: data.map((n) => ({ name: n, lastModified: wholeSeconds(start - 86_400_000), etag: 0 })),
            deletedBlobs: [],
            nodesUp: true,
        };
    }

    /** Records what happened, for a violation's report. */
    log(line: string): void {
        this.history.push(`${new Date(this.now).toISOString()} ${line}`);
    }

    // --- Time ---------------------------------------------------------------------

    /** Let storage time pass: controllers reconcile, LogScale boots and writes snapshots, Traffic Manager probes. */
    advance(ms: number): void {
        const until = this.now + ms;
        while (this.nextTickAt <= until) {
            this.now = this.nextTickAt;
            this.nextTickAt += tickMs;
            this.tick();
        }
        this.now = until;
    }

    private tick(): void {
        for (const r of regionNames) this.reconcile(r);
        for (const p of this.pools.values()) if (p.provisioning === "Starting" && this.now >= p.readyAt) p.provisioning = "Succeeded";
        if (++this.ticks % tmProbeTicks === 0) this.endpoint.monitor = this.endpoint.status === "Disabled" ? "Disabled" : this.serving("primary") ? "Online" : "Degraded";
        this.check();
    }

    /** A cold standby's Kafka and LogScale pools run (the primary's always do). */
    private poolsUp(r: RegionName): boolean {
        return r === "primary" || [...this.pools.values()].every((p) => p.power === "Running" && p.provisioning === "Succeeded");
    }

    /** LogScale's pods can run: their pool is up, and so are its nodes. */
    private schedulable(r: RegionName): boolean {
        return this.regions[r].nodesUp && this.poolsUp(r);
    }

    private brokers(name: RegionName): Pod[] {
        return this.regions[name].pods.filter((p) => p.kind === "broker");
    }

    private reconcile(name: RegionName): void {
        const r = this.regions[name];
        const { kafka, cluster } = this.names[name];
        // Terminating pods go; LogScale stops with its last pod.
        const hadLogScale = r.pods.some(isLogScale);
        r.pods = r.pods.filter((p) => !p.terminating);
        if (hadLogScale && !r.pods.some(isLogScale) && r.logscale) this.stopLogScale(name, true);
        // A volume goes once no broker uses it, and Kafka's data with it.
        if (r.pvcs.some((v) => v.terminating) && !this.brokers(name).length) {
            r.pvcs = r.pvcs.filter((v) => !v.terminating);
            Object.assign(r, { topic: [], kafkaStale: false });
            this.log(`${name} Kafka's volumes deleted, its data with them`);
        }
        const kafkaLabels = (type: string) => ({ "strimzi.io/cluster": kafka, "strimzi.io/kind": "Kafka", "strimzi.io/component-type": type });
        // The entity operator's Deployment recreates its pod whenever it is deleted.
        if (!r.pods.some((p) => p.kind === "entity-operator")) r.pods.push(pod("entity-operator", `${kafka}-entity-operator-${++this.seq}`, kafkaLabels("entity-operator"), "Running", true));
        if (r.deployments[strimzi].replicas > 0) {
            if (!r.podSets.length) r.podSets = [`${kafka}-brokers`];
            for (let i = 0; i < 3; i++) {
                if (!r.pvcs.some((v) => v.name === `data-0-${kafka}-brokers-${i}`)) r.pvcs.push({ name: `data-0-${kafka}-brokers-${i}`, terminating: false });
                if (!r.pods.some((p) => p.name === `${kafka}-brokers-${i}`)) r.pods.push(pod("broker", `${kafka}-brokers-${i}`, kafkaLabels("kafka"), "Pending"));
            }
        }
        // A broker runs once its pool does, and is Ready a reconcile later.
        for (const b of this.brokers(name)) {
            if (b.phase === "Running") b.ready = true;
            else if (this.poolsUp(name)) b.phase = "Running";
        }
        // The topic reset pod does its work once Kafka answers.
        for (const p of r.pods.filter((p) => p.kind === "other" && p.labels["app.kubernetes.io/name"] === "logscale-dr-kafka-admin" && p.phase === "Pending")) {
            p.phase = this.kafkaReady(name) ? "Succeeded" : "Failed";
            if (p.phase === "Failed") continue;
            Object.assign(r, { topic: [], topicResets: r.topicResets + 1, kafkaStale: false });
            this.log(`${name} global-events topic reset`);
        }
        // humio-operator keeps LogScale's pods; a kubelet starts them when their nodes are up.
        if (r.deployments[operator].replicas > 0 && !r.pods.some(isLogScale)) {
            for (const role of ["digest", "ui", "ingest"] as const) {
                const pool = logscaleNodePool(cluster, role);
                r.pods.push(pod("logscale", `${pool}-core-${++this.seq}`, { ...logscalePodLabels.name, [nodePoolKey]: pool }, "Pending"));
            }
            return;
        }
        const pods = r.pods.filter(isLogScale);
        if (!pods.length) return;
        if (!this.schedulable(name)) {
            if (r.logscale) this.stopLogScale(name, false);
            for (const p of pods) Object.assign(p, { phase: "Pending", ready: false, log: [] });
        } else if (!r.logscale) {
            for (const p of pods) p.phase = "Running";
            r.logscale = { state: "booting", stopping: false, failures: 0, next: this.now };
        } else if (r.logscale.state !== "serving" && this.now >= r.logscale.next && this.kafkaReady(name)) {
            this.boot(name, pods);
        } else if (this.serving(name) && this.now >= r.logscale.next) {
            this.writeSnapshot(name, this.now);
            r.logscale.next += this.o.snapshotEveryMinutes * 60_000;
        }
    }

    private kafkaReady(name: RegionName): boolean {
        const brokers = this.brokers(name).filter((b) => !b.terminating);
        return brokers.length === 3 && brokers.every((b) => b.ready);
    }

    /** Where this region's recovery variables point: the peer, a bucket that refuses LogScale, or nowhere. */
    private recoverySource(name: RegionName): RegionName | "denied" | undefined {
        const get = (n: string) => this.regions[name].env.find((e) => e.name === n)?.value;
        const bucket = get(recoveryVariables.bucket);
        if (bucket === undefined) return undefined;
        const peer = this.outputs[other(name)];
        const keys = this.regions[name].recoveryKeys;
        // The bucket refuses a key it did not issue (403), and the segments do not decrypt with another key.
        const keysMatch = keys?.accountKey === this.regions[other(name)].accountRecoveryKey && keys?.encryptionKey === peer.storageEncryptionKey;
        return bucket === peer.storageContainerName && get(recoveryVariables.accountName) === peer.storageAccountName && get(recoveryVariables.objectKeyPrefix) === peer.storageObjectKeyPrefix && keysMatch ? other(name) : "denied";
    }

    /** A cold start (or a crash loop's next try): serving with what it loaded, or failed with a failure line. */
    private boot(name: RegionName, pods: Pod[]): void {
        const r = this.regions[name];
        const { lines, held } = this.startingPoint(name);
        // The kubelet stamps lines in nanoseconds: consecutive lines never share a time.
        const log = lines.map((line, i) => ({ at: this.now + i, line }));
        for (const p of pods) Object.assign(p, { phase: "Running", ready: held !== undefined, log });
        const failures = held ? 0 : r.logscale!.failures + 1;
        r.logscale = { state: held ? "serving" : "failed", stopping: false, failures, next: this.now + (held ? this.o.snapshotEveryMinutes * 60_000 : backoffMs(failures)) };
        if (held) Object.assign(r, { held, kafkaStale: true });
        // The secondary's first start while the primary holds the data: a takeover.
        if (held && name === "secondary" && !this.primarySuperseded) this.tookOver(held);
        this.log(`${name} LogScale ${held ? "serves" : "failed to recover"}: ${lines[lines.length - 1]}`);
    }

    /** What a cold start loads and logs: its own newest snapshot and its Kafka, else the peer's newest as the recovery variables say; no `held` when that fails. */
    private startingPoint(name: RegionName): { lines: string[]; held?: string[] } {
        const r = this.regions[name];
        const own = newest(r.bucket);
        if (own) return { lines: [`LogScale started from its own global snapshot ${own.name}`], held: union(own.events!, r.topic) };
        const source = this.recoverySource(name);
        const loader = (line: string) => `DataSnapshotLoader ${line} ...`;
        if (source === "denied") return { lines: [`${loader(recoveryLogSequence[0])} status=403 AuthorizationFailure`] };
        if (!source) return { lines: ["no global snapshot and no recovery source: a new cluster"], held: [] };
        const theirs = newest(this.regions[source].bucket);
        if (!theirs || this.emptyRecoverySource > 0) {
            this.emptyRecoverySource = Math.max(0, this.emptyRecoverySource - 1);
            return { lines: [loader(recoveryLogSequence[0]), "Fetching global snapshot from bucket storage azure found no snapshot to fetch."] };
        }
        // The dynamic configuration is global state: it comes with the snapshot.
        r.flushOnShutdown = this.regions[source].flushOnShutdown;
        if (name === "primary" && !this.primarySuperseded && this.primaryCrashed) {
            const loaded = new Set(theirs.events);
            for (const id of r.held) if (!loaded.has(id)) this.windowLoss.add(id);
        }
        if (name === "primary") this.primarySuperseded = false;
        // It reads the segments it found in the peer's bucket with this key from now on.
        r.peerKeyInUse = r.recoveryKeys!.accountKey;
        return { lines: recoveryLogSequence.map(loader), held: [...theirs.events!] };
    }

    /**
     * The secondary took over: the failover's own loss (RPO) is what the
     * primary acknowledged that neither the secondary loaded nor the
     * primary's newest snapshot holds. What that snapshot holds and the
     * secondary lacks is not the failover's to lose: it started from worse.
     */
    private tookOver(loaded: string[]): void {
        // What the secondary loaded, and nothing else: a snapshot the primary wrote that it did not load (it
        // resumed from its own) is not what it serves, and a failback deletes it.
        const have = new Set(loaded);
        for (const e of this.events) if (e.by === "primary" && !have.has(e.id)) this.rpoLoss.add(e.id);
        this.primarySuperseded = true;
    }

    private stopLogScale(name: RegionName, graceful: boolean): void {
        const r = this.regions[name];
        if (graceful && r.logscale?.state === "serving" && r.flushOnShutdown && !this.noFinalSnapshot) this.writeSnapshot(name, this.now);
        r.logscale = undefined;
        if (name === "primary") this.primaryCrashed = !graceful;
        this.log(`${name} LogScale stopped${graceful ? "" : " (crashed)"}`);
    }

    private writeSnapshot(name: RegionName, at: number): void {
        const r = this.regions[name];
        const n = `${this.names[name].snapshots}global-snapshot-${String(++this.seq).padStart(6, "0")}.json`;
        r.bucket.push({ name: n, lastModified: wholeSeconds(at), etag: ++this.seq, events: [...r.held] });
        this.log(`${name} wrote ${n} (${r.held.length} events)`);
    }

    // --- What happens to the pair -------------------------------------------------------

    /** LogScale answers and takes writes: it recovered, it is not shutting down, its Kafka and nodes run. */
    serving(name: RegionName): boolean {
        const l = this.regions[name].logscale;
        return l?.state === "serving" && !l.stopping && this.kafkaReady(name) && this.schedulable(name);
    }

    /** Serving, or about to: its humio-operator runs it, and its pods can run. */
    servingOrStarting(name: RegionName): boolean {
        return this.serving(name) || (this.regions[name].deployments[operator].replicas > 0 && this.schedulable(name));
    }

    /** Where Traffic Manager sends the global name. */
    routed(): RegionName | undefined {
        if (this.endpoint.status === "Enabled" && this.serving("primary")) return "primary";
        return this.serving("secondary") ? "secondary" : undefined;
    }

    /** `k` events, each acknowledged by `to` if it serves: through the global name unless a region is named (its cluster FQDN). */
    ingest(k: number, to: RegionName | undefined = this.routed()): void {
        if (!to || !this.serving(to)) return;
        const r = this.regions[to];
        const ids = Array.from({ length: k }, () => `e${++this.seq}`);
        r.held.push(...ids);
        r.topic.push(...ids);
        r.bucket.push({ name: `${this.outputs[to].storageObjectKeyPrefix}segments/seg-${++this.seq}.dat`, lastModified: wholeSeconds(this.now), etag: this.seq });
        for (const id of ids) {
            this.events.push({ id, by: to });
            if (to === "primary" && this.primarySuperseded) this.rpoLoss.add(id);
        }
        this.check();
    }

    setPrimaryNodes(up: boolean): void {
        this.regions.primary.nodesUp = up;
        this.log(`primary nodes ${up ? "back" : "down"}`);
        if (!up) this.reconcile("primary");
        this.check();
    }

    /**
     * The failover function, as far as drctl meets it: with the pair armed,
     * the endpoint enabled and the primary down, it records the failover,
     * starts a cold standby's pools, scales the secondary's humio-operator
     * and disables the primary endpoint.
     */
    async automaticFailover(): Promise<void> {
        if (this.record.phase !== "armed" || this.endpoint.status !== "Enabled" || this.serving("primary")) return;
        const session = await this.store.open();
        if (session === "busy") return;
        const previous = session.state;
        const next: DrState = { ...previous, phase: "failed-over", since: session.now, token: previous.token + 1, holder: { kind: "function", id: "instance-0" }, failedOverAt: session.now, pending: [] };
        await session.write(next);
        await session.release();
        this.recordWritten(previous, next);
        for (const p of this.pools.values()) if (p.power === "Stopped") Object.assign(p, { power: "Running", provisioning: "Starting", readyAt: this.now + poolStartMs });
        const op = this.regions.secondary.deployments[operator];
        const annotations = { ...op.annotations, [operatorAnnotations.fencingToken]: String(next.token), [operatorAnnotations.lastFailover]: String(session.now) };
        Object.assign(op, { replicas: Math.max(1, op.replicas), annotations, resourceVersion: op.resourceVersion + 1 });
        this.setEndpoint(primaryEndpointId(this.outputs), "Disabled");
        this.log(`the failover function failed over (token ${next.token})`);
        this.check();
    }

    /** The primary endpoint's status; Traffic Manager checks an enabled endpoint again before it calls it Online. */
    private setEndpoint(id: string, status: "Enabled" | "Disabled"): void {
        if (id !== primaryEndpointId(this.outputs)) throw new ApiError("arm", 404);
        if (status === "Disabled") this.disablePending = false;
        if (status === this.endpoint.status) return;
        this.endpoint = { status, monitor: status === "Disabled" ? "Disabled" : "CheckingEndpoint" };
        this.log(`primary endpoint ${status}`);
    }

    private recordWritten(previous: DrState, next: DrState): void {
        this.record = next;
        if (next.pending.some((p) => p.action === "disable-primary-endpoint") && this.endpoint.status === "Enabled") this.disablePending = true;
        if (next.phase !== previous.phase) this.log(`DR state record ${next.phase} (token ${next.token})`);
        const failingOver = (s: DrState) => s.phase === "failing-over" || s.phase === "failed-over";
        if (failingOver(next) && !failingOver(previous)) this.completedSinceFailover.clear();
    }

    inject(f: Fault): void {
        this.faults.push({ ...f });
    }

    clearFaults(): void {
        Object.assign(this, { faults: [], noFinalSnapshot: false, emptyRecoverySource: 0 });
    }

    // --- drctl's ports ---------------------------------------------------------------------

    /**
     * Runs `command` as one drctl process: it may be killed at a port call,
     * and its waits are bounded per step. Its monotonic clock (the context's
     * elapsedMs) runs with storage time: the model's sleeps pass no real time.
     */
    async drive<T>(kill: Kill | undefined, command: () => Promise<T>): Promise<T> {
        Object.assign(this, { calls: 0, stepsDone: 0, kill, untilKill: kill?.atCall ?? 0, dead: false, waitedMs: 0 });
        try {
            return await command();
        } finally {
            Object.assign(this, { kill: undefined, killed: this.dead, dead: false });
        }
    }

    /** A step finished (the journal recorded it): its waits are over. */
    stepDone(): void {
        this.waitedMs = 0;
        this.stepsDone++;
    }

    /** One call of drctl to the outside world: it may fail as injected, or be where drctl is killed. */
    private async call<T>(api: Api, effect: () => T, what?: string): Promise<T> {
        await Promise.resolve();
        if (this.dead) throw new Killed();
        if (++this.calls > callCap) this.violate(`invariant 6: a command made more than ${callCap} calls: it does not terminate`);
        const k = this.kill;
        const killHere = k !== undefined && this.stepsDone >= (k.afterSteps ?? 0) && --this.untilKill === 0;
        this.dead = this.calls > callCap || (killHere && !k.afterEffect);
        if (this.dead) throw new Killed();
        const fault = this.faults.find((f) => f.api === api && f.remaining > 0);
        if (fault) fault.remaining--;
        if (fault && fault.kind !== "timeout") throw new ApiError(api, fault.kind);
        const result = effect();
        if (what) {
            this.log(what);
            this.check();
        }
        this.dead = killHere;
        if (this.dead) throw new Killed();
        // A timeout: the call may have taken effect, but drctl never hears.
        if (fault) throw new Error(`${api}: no answer within the call's timeout`);
        return result;
    }

    private read<T>(api: Api, effect: () => T): Promise<T> {
        return this.call(api, effect);
    }

    /** A call that changes the world: logged, and the invariants looked at. */
    private change<T>(api: Api, what: string, effect: () => T): Promise<T> {
        return this.call(api, effect, what);
    }

    private async sleep(ms: number): Promise<void> {
        if (this.dead) throw new Killed();
        this.waitedMs += ms;
        if (this.waitedMs > waits.timeoutMs) throw new Error(`gave up waiting after ${waits.timeoutMs / 1000} s of storage time`);
        this.advance(ms);
    }

    private deployment(name: RegionName, d: string): Deployment {
        const dep = this.regions[name].deployments[d];
        if (!dep) throw new ApiError("kube", 404);
        return dep;
    }

    /** The Deployment as the failover function's code claims and stamps it (resourceVersion preconditions). */
    private operatorPort(name: RegionName, d: string): OperatorPort {
        const dep = () => this.deployment(name, d);
        const token = () => {
            const t = Number(dep().annotations[operatorAnnotations.fencingToken] ?? 0);
            return Number.isInteger(t) && t > 0 ? t : 0;
        };
        const patch = (x: Deployment, change: Partial<Deployment>) => Object.assign(x, { ...change, annotations: { ...x.annotations, ...change.annotations }, resourceVersion: x.resourceVersion + 1 });
        return {
            read: () => this.read("kube", () => ({ replicas: dep().replicas, token: token(), resourceVersion: String(dep().resourceVersion) })),
            claim: (c) =>
                this.change("kube", `${name} ${d} claimed at ${c.replicas} replica(s)`, () => c.resourceVersion === String(dep().resourceVersion) && !!patch(dep(), { replicas: c.replicas, annotations: c.annotations })).catch((e) => {
                    // A 409 is the API server's answer to a stale resourceVersion: the claim did not go through.
                    if (e instanceof ApiError && e.status === 409) return false;
                    throw e;
                }),
            stamp: (annotations) => this.change("kube", `${name} ${d} stamped`, () => void patch(dep(), { annotations })),
        };
    }

    private cluster(name: RegionName): ClusterOps {
        const r = this.regions[name];
        const { cluster, kafka } = this.names[name];
        const selected = (selector: string) => r.pods.filter((p) => matches(selector, p.labels));
        const started = (p: Pod) => {
            // The API server's answer for a container not started yet.
            if (p.phase === "Pending") throw new Error(`kube: HTTP 400: container "humio" in pod "${p.name}" is waiting to start: ContainerCreating`);
            return p.log;
        };
        const volumesMatch = (selector: string) => matches(selector, { "strimzi.io/cluster": kafka });
        return {
            namespace: "logging",
            // The port the failover function's code drives; a Deployment client in production.
            operator: (d) => this.operatorPort(name, d) as unknown as OperatorDeployment,
            replicas: (d) => this.read("kube", () => this.deployment(name, d).replicas),
            annotations: (d) => this.read("kube", () => ({ ...this.deployment(name, d).annotations })),
            scale: (d, replicas) => this.change("kube", `${name} ${d} scaled to ${replicas}`, () => void Object.assign(this.deployment(name, d), { replicas, resourceVersion: this.deployment(name, d).resourceVersion + 1 })),
            pods: (selector) => this.read("kube", () => selected(selector).map((p) => ({ name: p.name, phase: p.phase, ready: p.ready, labels: { ...p.labels } }))),
            deletePods: (selector) =>
                this.change("kube", `${name} pods ${selector} deleted`, () => {
                    for (const p of selected(selector)) p.terminating = true;
                    if (r.logscale && r.pods.some((p) => p.terminating && isLogScale(p))) r.logscale.stopping = true;
                }),
            logs: (selector) => this.read("kube", () => selected(selector).flatMap((p) => started(p).map((l) => l.line)).join("\n")),
            podLog: (podName, _container, sinceSeconds) =>
                this.read("kube", () => {
                    const p = r.pods.find((x) => x.name === podName);
                    if (!p) throw new ApiError("kube", 404);
                    const from = sinceSeconds === undefined ? -Infinity : this.now - sinceSeconds * 1000;
                    return started(p)
                        .filter((l) => l.at >= from)
                        .map((l) => `${new Date(l.at).toISOString()} ${l.line}`)
                        .join("\n");
                }),
            secretValue: (secret, key) =>
                this.read("kube", () => {
                    const s = adminTokenSecret(cluster);
                    if (secret !== s.name || key !== s.key) throw new ApiError("kube", 404);
                    return adminToken;
                }),
            putSecret: (secret, values) =>
                this.change("kube", `${name} secret ${secret} written`, () => {
                    if (secret !== logscaleSecrets.recoveryStorageKey.name) throw new Error(`the model holds no secret ${secret}`);
                    r.recoveryKeys = { accountKey: values[logscaleSecrets.recoveryStorageKey.key], encryptionKey: values[logscaleSecrets.recoveryEncryptionKey.key] };
                }),
            humioCluster: (hc) =>
                this.read("kube", () => {
                    if (hc !== cluster) throw new ApiError("kube", 404);
                    return { spec: { commonEnvironmentVariables: r.env } };
                }),
            setCommonEnv: (hc, vars) =>
                this.change("kube", `${name} HumioCluster environment: ${vars.map((v) => v.name).join(", ")}`, () => {
                    if (hc !== cluster) throw new ApiError("kube", 404);
                    const merged = [...r.env.filter((e) => !vars.some((v) => v.name === e.name)), ...vars];
                    if (JSON.stringify(merged) === JSON.stringify(r.env)) return false;
                    Object.assign(r, { env: merged, envPatches: r.envPatches + 1 });
                    return true;
                }),
            createPod: (spec) =>
                this.change("kube", `${name} pod ${spec.metadata?.name} created`, () => {
                    if (r.pods.some((p) => p.name === spec.metadata?.name)) throw new ApiError("kube", 409);
                    r.pods.push(pod("other", spec.metadata!.name!, { ...spec.metadata?.labels }, "Pending"));
                }),
            podPhase: (podName) => this.read("kube", () => r.pods.find((p) => p.name === podName)?.phase),
            deletePod: (podName) => this.change("kube", `${name} pod ${podName} deleted`, () => r.pods.filter((p) => p.name === podName).forEach((p) => (p.terminating = true))),
            persistentVolumeClaims: (selector) => this.read("kube", () => (volumesMatch(selector) ? r.pvcs.map((v) => v.name) : [])),
            deletePersistentVolumeClaims: (selector) => this.change("kube", `${name} persistentvolumeclaims ${selector} deleted`, () => {
                    if (volumesMatch(selector)) for (const v of r.pvcs) v.terminating = true;
                }),
            deleteStrimziPodSets: () => this.change("kube", `${name} strimzipodsets deleted`, () => void (r.podSets = [])),
        };
    }

    /** The region's bucket as the real SnapshotStore reaches it: a container client over the model. */
    private snapshots(name: RegionName): SnapshotStore {
        const r = this.regions[name];
        const o = this.outputs[name];
        const list = (prefix: string) => this.read("blob", () => r.bucket.filter((b) => b.name.startsWith(prefix)).map((b) => ({ name: b.name, properties: { lastModified: new Date(b.lastModified), etag: `"0x${b.etag}"` } })));
        const container = {
            url: `${o.storageBlobEndpoint}${o.storageContainerName}`,
            listBlobsFlat: ({ prefix }: { prefix: string }) => (async function* () {
                yield* await list(prefix);
            })(),
            getProperties: () => this.read("blob", () => ({ date: new Date(wholeSeconds(this.now)) })),
            deleteBlob: (blob: string) =>
                this.change("blob", `${name} blob ${blob} deleted`, () => {
                    r.bucket = r.bucket.filter((b) => b.name !== blob);
                    r.deletedBlobs.push(blob);
                }),
        };
        return new SnapshotStore(container as unknown as ContainerClient, o.storageObjectKeyPrefix);
    }

    private azure(): PairAzure {
        const endpointOf = (id: string) => {
            if (id !== primaryEndpointId(this.outputs)) throw new ApiError("arm", 404);
            return { status: this.endpoint.status, monitorStatus: this.endpoint.monitor };
        };
        const pool = (id: string) => {
            const p = this.pools.get(id);
            if (!p) throw new ApiError("arm", 404);
            return { power: p.power, provisioning: p.provisioning };
        };
        const accountOwner = (id: string): RegionName => {
            const owner = regionNames.find((r) => this.outputs[r].storageAccountId === id);
            if (!owner) throw new ApiError("arm", 404);
            return owner;
        };
        const isAlert = (rg: string, name: string) => rg === this.outputs.secondary.aksResourceGroup && name === alertRuleName(this.outputs.secondary.namePrefix);
        const start = (id: string) =>
            this.change("arm", `agent pool ${id.split("/").pop()} started`, () => {
                if (pool(id).power !== "Running") Object.assign(this.pools.get(id)!, { power: "Running", provisioning: "Starting", readyAt: this.now + poolStartMs });
            });
        return {
            alertState: (rg, name) => this.read("arm", () => (isAlert(rg, name) ? this.alert : "absent")),
            setAlertEnabled: (rg, name, enabled) =>
                this.change("arm", `failover alert enabled=${enabled}`, () => {
                    if (!isAlert(rg, name) || this.alert === "absent") throw new ApiError("arm", 404);
                    this.alert = enabled ? "enabled" : "disabled";
                }),
            endpoint: (id) => this.read("arm", () => endpointOf(id)),
            setEndpointStatus: (id, status) => this.change("arm", `endpoint set ${status}`, () => this.setEndpoint(id, status)),
            agentPool: (id) => this.read("arm", () => pool(id)),
            trafficManager: (id) => ({
                endpoint: () => this.read("arm", () => ({ endpointStatus: endpointOf(id).status, monitorStatus: endpointOf(id).monitorStatus })),
                disable: () => this.change("arm", "endpoint disabled by a failover", () => this.setEndpoint(id, "Disabled")),
            }),
            agentPools: () => ({ state: (id) => this.read("arm", () => pool(id)), start }),
            // The data tier's replication (drctl status): healthy, which the runbooks do not look at.
            postgresReplication: () => this.read("arm", () => ({ role: "GeoAsyncReplica", state: "Active" })),
            replicaLagSeconds: () => this.read("arm", () => 0),
            redisLinks: () => this.read("arm", () => []),
            storageFirewall: () => this.read("arm", () => ({ defaultAction: "Deny", ipRules: [], subnetIds: [] })),
            recoveryKey: (id) => this.read("arm", () => this.regions[accountOwner(id)].accountRecoveryKey),
            rotateRecoveryKey: (id) =>
                this.change("arm", "a recovery key regenerated", () => {
                    const owner = accountOwner(id);
                    const reader = this.regions[other(owner)];
                    // LogScale state recovered with the old key: a serving LogScale, or a snapshot a start would load.
                    if (reader.peerKeyInUse === this.regions[owner].accountRecoveryKey && (reader.logscale || newest(reader.bucket))) {
                        this.violate(`invariant 7: the ${owner}'s recovery key was revoked while the ${other(owner)}'s LogScale state reads the ${owner}'s segments with it`);
                    }
                    this.regions[owner].accountRecoveryKey = `${owner}-recovery-key-${++this.seq}`;
                }),
        };
    }

    private stack(): StackOps {
        return {
            getConfig: (r, key) => this.read("pulumi", () => this.config[`${r}:${key}`]),
            setConfig: (r, key, value) => this.change("pulumi", `config ${r}:${key}=${value}`, () => void (this.config[`${r}:${key}`] = value)),
            removeConfig: (r, key) => this.change("pulumi", `config rm ${r}:${key}`, () => void delete this.config[`${r}:${key}`]),
            preview: (r) => this.read("pulumi", () => `~  kubernetes:core.humio.com/v1alpha1:HumioCluster  (${r}: dr=${this.config[`${r}:dr`]})`),
            // With dr=active the standby gate is gone (humio-operator at 1), and with it the failover alert and the failover timeline output.
            up: (r) =>
                this.change("pulumi", `pulumi up ${r} (dr=${this.config[`${r}:dr`]})`, () => {
                    if (r !== "secondary" || this.config["secondary:dr"] !== "active") return;
                    const op = this.regions.secondary.deployments[operator];
                    Object.assign(op, { replicas: 1, resourceVersion: op.resourceVersion + 1 });
                    this.alert = "absent";
                    this.outputs.secondary.failoverTimeline = undefined;
                }),
        };
    }

    globalUrl(): string {
        return `https://${this.outputs.primary.globalFqdn ?? this.outputs.secondary.globalFqdn}`;
    }

    /** Which region answers at `url`: its own name, or the global name wherever Traffic Manager sends it. */
    private answering(url: string): RegionName | undefined {
        const own = regionNames.find((r) => url.startsWith(this.names[r].url));
        return own ?? (url.startsWith(this.globalUrl()) ? this.routed() : undefined);
    }

    /** Everything drctl reaches, for one command run with `journal`. */
    context(journal: Journal, o: { force?: boolean; answer?: boolean }): DrContext {
        const region = (name: RegionName): Region => ({ name, outputs: this.outputs[name], cluster: this.cluster(name), snapshots: this.snapshots(name), url: this.names[name].url });
        const store = watched(this.store, { fault: () => this.read("blob", () => undefined), seen: () => undefined, written: (previous, next) => this.recordWritten(previous, next) });
        return {
            primary: region("primary"),
            secondary: region("secondary"),
            azure: this.azure(),
            access: {
                open: () => this.change("arm", "storage access opened", () => void this.accessOpen++),
                close: () => this.change("arm", "storage access closed", () => void (this.accessOpen = 0)),
                describe: () => ["(the simulated pair has no storage firewall)"],
            },
            alert: { resourceGroup: this.outputs.secondary.aksResourceGroup, name: alertRuleName(this.outputs.secondary.namePrefix) },
            primaryEndpointId: primaryEndpointId(this.outputs),
            witness: { url: `${this.outputs.secondary.storageBlobEndpoint}${witnessContainer}/${witnessBlob}`, store: { ...store, peek: async () => (await this.read("blob", () => this.store)).peek() } },
            stack: this.stack(),
            journal,
            probe: (url) =>
                this.read("probe", () => {
                    const r = url.endsWith(healthProbePath) ? this.answering(url) : undefined;
                    return r && this.serving(r) ? { up: true, detail: "HTTP 200" } : { up: false, detail: "HTTP 503" };
                }).catch((e) => {
                    if (e instanceof Killed) throw e;
                    return { up: false, detail: "no answer within 10000 ms" };
                }),
            enableFlushOnShutdown: (url, token) =>
                this.change("logscale", "flush-on-shutdown enabled", () => {
                    const r = this.answering(url);
                    if (!r || !this.serving(r)) throw new Error("LogScale did not enable flush-on-shutdown (HTTP 503)");
                    if (token !== adminToken) throw new Error("LogScale did not enable flush-on-shutdown (HTTP 401)");
                    this.regions[r].flushOnShutdown = true;
                }),
            globalUrl: this.globalUrl(),
            confirm: async () => o.answer ?? true,
            // Evaluations in flight end within their budget: that much storage time passes.
            outlastInvocations: async () => this.advance(failoverInvocationSeconds * 1000),
            waits: { ...waits, sleep: (ms) => this.sleep(ms) },
            now: () => new Date(this.now + this.o.skewMs),
            elapsedMs: () => this.now,
            force: o.force ?? false,
        };
    }

    // --- Invariants --------------------------------------------------------------------

    private violate(message: string): void {
        if (!this.violations.includes(message)) this.violations.push(message);
    }

    /** Invariants 2, 3 and 5, at every change and every tick. */
    check(): void {
        // 2: never two writable regions behind two enabled endpoints (but in the failover function's own window).
        if (this.endpoint.status === "Enabled" && this.serving("primary") && this.serving("secondary") && !this.disablePending) {
            this.violate(`invariant 2: both regions accept writes while the primary endpoint is Enabled (record ${this.record.phase})`);
        }
        // 3: the function's timer fails over from `armed` (the alert only hastens it): armed only with the secondary clean and able to recover.
        if (this.record.phase === "armed") {
            const s = this.regions.secondary;
            const dirty = [
                s.deployments[operator].replicas > 0 && "its humio-operator runs",
                s.pods.some(isLogScale) && "LogScale pods exist",
                s.bucket.some((b) => b.events && b.lastModified < this.record.since * 1000) && "its bucket holds global snapshots from before the re-arm",
                s.kafkaStale && "its Kafka was not reset",
                this.recoverySource("secondary") === "denied" && "its recovery secret does not open the primary's bucket",
            ].filter(Boolean);
            if (dirty.length) this.violate(`invariant 3: automatic failover is armed (alert ${this.alert}) while the secondary is not clean: ${dirty.join(", ")}`);
        }
        // 5: only global snapshots are ever deleted.
        for (const r of regionNames) {
            const gone = this.regions[r].deletedBlobs.filter((b) => !b.startsWith(this.names[r].snapshots));
            if (gone.length) this.violate(`invariant 5: the ${r}'s ${gone.join(", ")} deleted: only ${this.names[r].snapshots} blobs may be`);
        }
    }

    /** What the region would hold after a restart: its own newest snapshot and its Kafka, or the snapshot its recovery variables point at. */
    recoverable(name: RegionName): Set<string> {
        const r = this.regions[name];
        const own = newest(r.bucket);
        if (own) return new Set([...own.events!, ...r.topic]);
        const source = this.recoverySource(name);
        return new Set(source && source !== "denied" ? (newest(this.regions[source].bucket)?.events ?? []) : []);
    }

    /** Invariant 1: once a failback and a clean-secondary have finished since the last failover, the primary holds every event but the failover's and the failback window's own loss, running and after a restart. */
    private checkNoLoss(): void {
        if (!this.completedSinceFailover.has("failback") || !this.completedSinceFailover.has("clean-secondary")) return;
        this.cycles++;
        const durable = this.recoverable("primary");
        const running = this.serving("primary") ? new Set(this.regions.primary.held) : durable;
        const missing = this.events.filter((e) => !this.rpoLoss.has(e.id) && !this.windowLoss.has(e.id) && (!durable.has(e.id) || !running.has(e.id)));
        if (!missing.length) return;
        const by = (r: RegionName) => missing.filter((e) => e.by === r).length;
        this.violate(`invariant 1: the primary lacks ${missing.length} acknowledged event(s) after a failback and a clean-secondary (${by("primary")} acknowledged by the primary, ${by("secondary")} by the secondary: ${missing.slice(0, 5).map((e) => e.id).join(", ")})`);
    }

    /** Throws the first invariant that failed, with what happened lately. */
    assertInvariants(): void {
        this.checkNoLoss();
        if (this.violations.length) throw new Violation(`${this.violations.join("; ")}\n  lately:\n    ${this.history.slice(-30).join("\n    ")}`);
    }

    /** The world as data (no faults, calls, history, nor a storage firewall rule a killed run left): equal fingerprints, the same world. */
    fingerprint(): string {
        const { now, regions, endpoint, alert, pools, config, record, events } = this;
        return JSON.stringify({ now, regions, endpoint, alert, pools: [...pools], config, record, events, promoted: this.outputs.secondary.failoverTimeline === undefined });
    }

    /** What a refused step must not have done: delete blobs or Kafka volumes, reset a topic, patch an environment. */
    dataMarks(): string {
        return JSON.stringify(regionNames.map((n) => [this.regions[n].deletedBlobs.length, this.regions[n].topicResets, this.regions[n].envPatches, this.regions[n].pvcs.filter((v) => !v.terminating).length]));
    }

    /** A runbook's outcome in terms that do not depend on how long it took. */
    outcome(): Record<string, unknown> {
        const held = new Set(this.regions.primary.held);
        const regions = regionNames.map((n) => ({
            region: n,
            serving: this.serving(n),
            operator: this.regions[n].deployments[operator].replicas,
            snapshots: this.regions[n].bucket.some((b) => b.events),
            recoversFrom: this.recoverySource(n) ?? "itself",
            kafkaStale: this.regions[n].kafkaStale,
        }));
        return { regions, endpoint: this.endpoint.status, alert: this.alert, phase: this.record.phase, routed: this.routed(), lostByThePrimary: this.events.filter((e) => !held.has(e.id)).map((e) => e.id) };
    }

    /** Removes what the world wrote to disk (drctl's journals). */
    dispose(): void {
        fs.rmSync(this.journalDir, { recursive: true, force: true });
    }
}
