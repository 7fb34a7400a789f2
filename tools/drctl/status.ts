// drctl status: where each region stands, and whether the standby is ready to
// take over (READY, exit 0) or not (NOT READY with every reason, exit 1).
// Every read runs side by side with its own bound, so the answer comes within
// 20 s even when an API hangs; a read that fails or times out is unknown, and
// unknown is never ready.
import { createHash, timingSafeEqual } from "node:crypto";
import { DrState, heartbeatSeconds } from "../../functions/failover/src/drState";
import { ProbeResult } from "../../functions/failover/src/health";
import { endpointName, EnvVar, healthProbePath, logscaleClusterName, logscaleSecrets, operatorDeploymentName, StackOutputs, storageKeyNames } from "../../contract";
import { recoveryEnvVars, recoverySource } from "../../model/recovery";
import { EndpointState, PostgresReplication, RedisLink, StorageFirewall } from "./azure";
import { DrContext } from "./commands";
import { RegionName } from "./outputs";
import { bounded, firstLine, Read } from "./runbook";
import { SnapshotBlob } from "./snapshots";

/** How long the function may stay silent on a quiet pair before status calls it not ready: two heartbeats. */
const silentAfterSeconds = 2 * heartbeatSeconds;

/**
 * The oldest the primary's newest global snapshot may be. LogScale uploads a
 * snapshot of its global database to bucket storage every five minutes
 * (LogScale docs, "Snapshot Uploads",
 * library.humio.com/deployment-1.201/cluster-management-storage-uploads.html),
 * and a just-started cluster writes its first 10-20 minutes after startup
 * (the vendor's Azure DR failover-and-failback runbook, failback step 5j).
 * Older than 20 minutes, the uploads have stopped.
 */
export const rpoLimitMinutes = 20;

/**
 * The most the PostgreSQL replica may lag. Microsoft puts a replica's delay
 * at typically a few seconds to minutes (Microsoft Learn, "Read replicas in
 * Azure Database for PostgreSQL - Flexible Server", Considerations), and a
 * Forced promotion, the one that works in a regional outage, comes up
 * without the WAL not yet replayed (Microsoft Learn, "Promote read replicas
 * in Azure Database for PostgreSQL - Flexible Server"). Five minutes is past
 * the typical range: the replica is falling behind.
 */
export const replicaLagLimitSeconds = 300;

/**
 * Each read's bound. Longer than the health probe's own 10 s (index.ts), so a
 * LogScale that does not answer shows as DOWN with the probe's detail; the
 * reads run side by side, so the whole status stays within the issue's 20 s.
 */
export const readTimeoutMs = 12_000;

/** How often a person waiting is told which reads are still out. */
const waitingEveryMs = 3_000;

export interface RegionFacts {
    name: RegionName;
    outputs: Pick<StackOutputs, "location" | "aksClusterName">;
    health: Read<ProbeResult>;
    replicas: Read<number>;
    snapshot: Read<SnapshotBlob | undefined>;
}

/**
 * Whether the standby could read the primary's newest snapshot when it takes
 * over. Its own LogScale is stopped, so this is read from outside: what its
 * HumioCluster would recover from, whether its recovery-source secret holds
 * the keys drctl just read the primary's bucket with, and whether the
 * primary's firewall admits the standby's egress.
 */
export interface StandbyAccess {
    /** The seven recovery variables the standby should carry: the primary's bucket, from the primary's outputs (model/recovery.ts). */
    expected: EnvVar[];
    /** The secondary HumioCluster's common environment. */
    env: Read<EnvVar[]>;
    /** Whether the secondary's recovery-source secret holds the primary's recovery key (as Azure lists it now) and encryption key; compared here, never shown. */
    keys: Read<{ accountKey: boolean; encryptionKey: boolean }>;
    firewall: Read<StorageFirewall>;
    /** The secondary's NAT egress address: where its LogScale's requests to another region's account come from. */
    egressIp: string;
    /** The secondary's subnets with a Microsoft.Storage service endpoint: where its requests come from when the regions are paired. */
    subnetIds: string[];
}

/** Everything status read, as it read it. */
export interface StatusFacts {
    primary: RegionFacts;
    secondary: RegionFacts;
    /** The storage service's clock (snapshot ages are measured on it), else this machine's. */
    now: Date;
    primaryEndpoint: Read<EndpointState>;
    secondaryEndpoint: Read<EndpointState>;
    record: Read<DrState | undefined>;
    alert: Read<"enabled" | "disabled" | "absent">;
    standbyAccess: StandbyAccess;
    /** The standby's server (the replica) and the primary's, when both stacks export one. */
    postgres?: { primaryServerId: string; replica: Read<PostgresReplication>; lagSeconds: Read<number | undefined> };
    /** The links on the primary's cache (where the standby links its own) and the standby's cache, when both stacks export one. */
    redis?: { secondaryCacheId: string; links: Read<RedisLink[]> };
}

/** The secondary's endpoint on the primary's profile, named from the secondary's prefix (components/trafficManager.ts, SecondaryEndpoint). */
export function secondaryEndpointId(o: { primary: Pick<StackOutputs, "trafficManagerProfileId">; secondary: Pick<StackOutputs, "namePrefix"> }): string {
    return `${o.primary.trafficManagerProfileId}/externalEndpoints/${endpointName(o.secondary.namePrefix, "secondary")}`;
}

/** Two secrets compared without showing either, in constant time. */
function sameSecret(a: string, b: string): boolean {
    const digest = (x: string) => createHash("sha256").update(x).digest();
    return timingSafeEqual(digest(a), digest(b));
}

const failed = (r: unknown): r is Error => r instanceof Error;
const unknown = (e: Error) => `unknown (${firstLine(e)})`;
const replicaRoles = ["AsyncReplica", "GeoAsyncReplica"];

/** Minutes since the primary's newest global snapshot: the data a failover now would lose. */
function rpoMinutes(f: Pick<StatusFacts, "primary" | "now">): number | undefined {
    const s = f.primary.snapshot;
    return failed(s) || !s ? undefined : Math.round((f.now.getTime() - s.lastModified.getTime()) / 60_000);
}

/** The link on the primary's cache that names the standby's. */
function standbyLink(redis: NonNullable<StatusFacts["redis"]>): RedisLink | undefined {
    return failed(redis.links) ? undefined : redis.links.find((l) => l.linkedCacheId.toLowerCase() === redis.secondaryCacheId.toLowerCase());
}

/** The recovery variables whose value or secret reference differs from what the standby should carry. */
function differingRecoveryVariables(a: StandbyAccess): string[] {
    if (failed(a.env)) return [];
    const env = a.env;
    const same = (x: EnvVar, y: EnvVar | undefined) =>
        y !== undefined && x.value === y.value && x.valueFrom?.secretKeyRef.name === y.valueFrom?.secretKeyRef.name && x.valueFrom?.secretKeyRef.key === y.valueFrom?.secretKeyRef.key;
    return a.expected.filter((x) => !same(x, env.find((e) => e.name === x.name))).map((x) => x.name);
}

/**
 * What the firewall does not admit of the standby's LogScale: nothing under an
 * Allow default; else its egress address and each of its service-endpoint
 * subnets must be admitted. Requests to another region's account leave
 * through the NAT gateway's public address, which an IP rule admits; with
 * Microsoft.Storage service endpoints and a paired region they arrive from
 * the subnet's private address, which only a virtual-network rule admits
 * (Microsoft Learn, "Azure Storage firewall guidelines and limitations" and
 * "Configure Azure Storage firewalls and virtual networks").
 */
function notAdmitted(a: StandbyAccess): string[] {
    if (failed(a.firewall) || a.firewall.defaultAction === "Allow") return [];
    const subnets = new Set(a.firewall.subnetIds.map((id) => id.toLowerCase()));
    return [...(a.firewall.ipRules.includes(a.egressIp) ? [] : [`egress IP ${a.egressIp}`]), ...a.subnetIds.filter((id) => !subnets.has(id.toLowerCase())).map((id) => `subnet ${id.split("/").pop()}`)];
}

function standbyAccessReasons(a: StandbyAccess): string[] {
    const reasons: string[] = [];
    const differing = differingRecoveryVariables(a);
    if (failed(a.env)) reasons.push("the secondary's HumioCluster cannot be read: what it would recover from is unknown");
    else if (differing.length) reasons.push(`the secondary's HumioCluster would not recover from the primary's bucket (${differing.join(", ")} not as in the primary's outputs): pulumi up the secondary stack`);
    const secret = logscaleSecrets.recoveryStorageKey.name;
    if (failed(a.keys)) reasons.push(`the secondary's ${secret} secret cannot be read`);
    else {
        if (!a.keys.accountKey) reasons.push(`the secondary's ${secret} secret does not hold the primary's recovery key (${storageKeyNames.recovery} as Azure lists it now): the standby's recovery would be refused; pulumi up --stack primary, then pulumi up --stack secondary`);
        if (!a.keys.encryptionKey) reasons.push(`the secondary's ${secret} secret does not hold the primary's encryption key: the standby could not decrypt the snapshot`);
    }
    const missing = notAdmitted(a);
    if (failed(a.firewall)) reasons.push("the primary's storage firewall cannot be read");
    else if (missing.length) reasons.push(`the primary's storage firewall does not admit the secondary's ${missing.join(", ")}: the standby could not read the snapshot`);
    return reasons;
}

/** Every reason the standby is not ready to take over; none is READY. */
export function readiness(f: StatusFacts): string[] {
    const reasons: string[] = [];
    const { primary, secondary } = f;
    if (!failed(primary.health) && !primary.health.up) reasons.push("the primary does not answer its health URL");
    const rpo = rpoMinutes(f);
    if (failed(primary.snapshot) || !primary.snapshot) reasons.push("the primary's bucket holds no global snapshot the standby could recover from");
    else if (rpo! > rpoLimitMinutes) reasons.push(`the primary's newest global snapshot is ${rpo} min old (limit ${rpoLimitMinutes}): a failover now would lose that much`);
    if (failed(secondary.replicas) || secondary.replicas !== 0) reasons.push("the secondary's humio-operator is not at 0: it is not a waiting standby");
    const pe = f.primaryEndpoint;
    if (failed(pe) || pe.status !== "Enabled" || pe.monitorStatus !== "Online") reasons.push("the primary endpoint is not Enabled and Online");
    // A waiting standby is down, so its endpoint is Enabled but Degraded, failing the probes (Microsoft Learn, "Traffic Manager endpoint monitoring").
    const se = f.secondaryEndpoint;
    if (failed(se) || se.status !== "Enabled") reasons.push("the secondary endpoint is not Enabled: Traffic Manager would send no one to the standby");
    const record = f.record;
    if (failed(record)) reasons.push("the DR state record cannot be read");
    else if (!record) reasons.push("the failover function has not evaluated yet");
    else {
        const heard = record.evaluatedAt === undefined ? undefined : Math.round(f.now.getTime() / 1000 - record.evaluatedAt);
        if (record.phase !== "armed" && record.phase !== "confirming") reasons.push(`the DR state record is ${record.phase}: automatic failover is not armed`);
        if (record.pending.length) reasons.push("a failover has actions pending");
        if (heard === undefined || heard > silentAfterSeconds) reasons.push(`the failover function has not evaluated for ${heard === undefined ? "ever" : `${heard} s`}`);
    }
    if (failed(f.alert) || f.alert !== "enabled") reasons.push("the failover alert is not enabled");
    reasons.push(...standbyAccessReasons(f.standbyAccess));
    if (f.postgres) {
        const { replica, lagSeconds, primaryServerId } = f.postgres;
        if (failed(replica)) reasons.push("the secondary's PostgreSQL server cannot be read");
        else if (!replicaRoles.includes(replica.role)) reasons.push(`the secondary's PostgreSQL server is not a replica any more (${replica.role}): it no longer receives the primary's writes`);
        else if (replica.source?.toLowerCase() !== primaryServerId.toLowerCase()) reasons.push(`the secondary's PostgreSQL server replicates ${replica.source ?? "nothing known"}, not the primary's`);
        else if (failed(lagSeconds)) reasons.push("the PostgreSQL replica's lag cannot be read");
        else if (lagSeconds === undefined) reasons.push("the PostgreSQL replica has reported no lag for 15 min");
        else if (lagSeconds > replicaLagLimitSeconds) reasons.push(`the PostgreSQL replica is ${lagSeconds} s behind (limit ${replicaLagLimitSeconds} s): a forced promotion now would lose that`);
    }
    if (f.redis) {
        const link = standbyLink(f.redis);
        if (failed(f.redis.links)) reasons.push("the Redis geo-replication link cannot be read");
        else if (!link) reasons.push("the primary's Redis cache has no geo-replication link to the secondary's");
        else if (link.provisioningState !== "Succeeded") reasons.push(`the Redis geo-replication link is ${link.provisioningState}, not Succeeded`);
    }
    return reasons;
}

/** What status read, a line or a few per thing, before the verdict. */
export function report(f: StatusFacts): string[] {
    const lines: string[] = [];
    for (const { name, outputs, health, replicas, snapshot } of [f.primary, f.secondary]) {
        lines.push(`${name} (${outputs.location}, ${outputs.aksClusterName})`);
        lines.push(`  health        ${failed(health) ? unknown(health) : `${health.up ? "up" : "DOWN"} (${health.detail})`}`);
        lines.push(`  humio-operator ${failed(replicas) ? unknown(replicas) : `${replicas} replica(s)`}`);
        lines.push(`  snapshot      ${failed(snapshot) ? unknown(snapshot) : snapshot ? `${snapshot.name} at ${snapshot.lastModified.toISOString()} (${Math.round((f.now.getTime() - snapshot.lastModified.getTime()) / 60_000)} min old)` : "none"}`);
    }
    const rpo = rpoMinutes(f);
    lines.push(`RPO now          ${failed(f.primary.snapshot) ? unknown(f.primary.snapshot) : rpo === undefined ? "no global snapshot in the primary's bucket" : `${rpo} min: the primary's newest global snapshot, what a failover now would recover (limit ${rpoLimitMinutes} min)`}`);
    const a = f.standbyAccess;
    const differing = differingRecoveryVariables(a);
    const keys = failed(a.keys) ? unknown(a.keys) : a.keys.accountKey && a.keys.encryptionKey ? "the primary's" : "NOT the primary's";
    const missing = notAdmitted(a);
    const firewall = failed(a.firewall) ? unknown(a.firewall) : missing.length ? `does NOT admit the ${missing.join(", ")}` : `admits ${a.egressIp} and ${a.subnetIds.length} subnet(s)`;
    lines.push(
        `standby access   recovery variables ${failed(a.env) ? unknown(a.env) : differing.length ? `DIFFER (${differing.join(", ")})` : "the primary's bucket"}; keys ${keys}; primary's firewall ${firewall}`,
    );
    const endpoint = (e: Read<EndpointState>) => (failed(e) ? unknown(e) : `${e.status}, ${e.monitorStatus}`);
    lines.push(`primary endpoint ${endpoint(f.primaryEndpoint)}`);
    lines.push(`secondary endpoint ${endpoint(f.secondaryEndpoint)}`);
    const record = f.record;
    if (failed(record)) lines.push(`dr state         ${unknown(record)}`);
    else if (!record) lines.push("dr state         no record yet (the function has not evaluated)");
    else {
        const heard = record.evaluatedAt === undefined ? undefined : Math.round(f.now.getTime() / 1000 - record.evaluatedAt);
        lines.push(
            `dr state         ${record.phase} since ${new Date(record.since * 1000).toISOString()}, token ${record.token} (${record.holder.kind} ${record.holder.id})` +
                `${heard === undefined ? "" : `, last evaluation ${heard} s ago`}${record.pending.length ? `, PENDING: ${record.pending.map((p) => p.action).join(", ")}` : ""}` +
                `${record.decisions.length ? `; last: ${record.decisions[record.decisions.length - 1].line}` : ""}`,
        );
    }
    const alert = f.alert;
    lines.push(`failover alert   ${failed(alert) ? unknown(alert) : alert === "enabled" ? "enabled" : alert === "disabled" ? "DISABLED" : "absent (the pair was promoted)"}`);
    if (f.postgres) {
        const { replica, lagSeconds } = f.postgres;
        const lag = failed(lagSeconds) ? unknown(lagSeconds) : lagSeconds === undefined ? "none reported for 15 min" : `${lagSeconds} s (limit ${replicaLagLimitSeconds} s)`;
        lines.push(`postgresql       ${failed(replica) ? unknown(replica) : `secondary's server ${replica.role} (${replica.state}), lag ${lag}`}`);
    }
    if (f.redis) {
        const link = standbyLink(f.redis);
        lines.push(`redis link       ${failed(f.redis.links) ? unknown(f.redis.links) : link ? `${link.provisioningState} (the standby's cache as ${link.serverRole})` : "none to the secondary's cache"}`);
    }
    return lines;
}

/**
 * Where each region stands, and whether the standby is ready to take over:
 * `progress` hears at once what is being checked, then every few seconds
 * which reads are still out; the last line says READY or NOT READY with
 * every reason.
 */
export async function status(ctx: DrContext, progress: (line: string) => void = () => undefined): Promise<{ lines: string[]; ready: boolean }> {
    const [p, s] = [ctx.primary.outputs, ctx.secondary.outputs];
    const pgIds = p.postgresServerId && s.postgresServerId ? { primary: p.postgresServerId, secondary: s.postgresServerId } : undefined;
    const redisIds = p.redisCacheId && s.redisCacheId ? { primary: p.redisCacheId, secondary: s.redisCacheId } : undefined;
    const checking = [
        "both regions' health, humio-operator and global snapshots",
        "the standby's access to the primary's bucket",
        "both Traffic Manager endpoints",
        "the DR state record",
        "the failover alert",
    ];
    if (pgIds) checking.push("the PostgreSQL replica and its lag");
    if (redisIds) checking.push("the Redis geo-replication link");
    progress(`checking ${checking.join(", ")} (each read given up after ${readTimeoutMs / 1000} s)`);

    const started = Date.now();
    const pending = new Set<string>();
    const read = <T>(what: string, f: (signal: AbortSignal) => Promise<T>): Promise<Read<T>> => {
        pending.add(what);
        return bounded(readTimeoutMs, f).finally(() => pending.delete(what));
    };
    const waiting = setInterval(() => pending.size && progress(`still waiting for ${[...pending].join(", ")} (${Math.round((Date.now() - started) / 1000)} s)`), waitingEveryMs);
    try {
        const region = async (r: DrContext["primary"]): Promise<RegionFacts> => {
            const [health, replicas, snapshot] = await Promise.all([
                read(`the ${r.name}'s health`, () => ctx.probe(`${r.url}${healthProbePath}`)),
                read(`the ${r.name}'s humio-operator`, () => r.cluster.replicas(operatorDeploymentName)),
                read(`the ${r.name}'s snapshots`, () => r.snapshots.newest()),
            ]);
            return { name: r.name, outputs: r.outputs, health, replicas, snapshot };
        };
        const [primary, secondary, env, keys, firewall, serverTime, primaryEndpoint, secondaryEndpoint, record, alert, replica, lagSeconds, links] = await Promise.all([
            region(ctx.primary),
            region(ctx.secondary),
            read("the secondary's HumioCluster", async (): Promise<EnvVar[]> => (await ctx.secondary.cluster.humioCluster(logscaleClusterName(s.namePrefix))).spec?.commonEnvironmentVariables ?? []),
            read("the secondary's recovery keys", async () => {
                // Against the key Azure holds now, not the primary's outputs: a rotation or a stale pulumi up shows here.
                const [accountKey, encryptionKey, live] = await Promise.all([
                    ...[logscaleSecrets.recoveryStorageKey, logscaleSecrets.recoveryEncryptionKey].map((k) => ctx.secondary.cluster.secretValue(k.name, k.key)),
                    ctx.azure.recoveryKey(p.storageAccountId),
                ]);
                return { accountKey: sameSecret(accountKey, live), encryptionKey: sameSecret(encryptionKey, p.storageEncryptionKey) };
            }),
            read("the primary's storage firewall", () => ctx.azure.storageFirewall(p.storageAccountId)),
            read("the storage clock", () => ctx.secondary.snapshots.serviceTime()),
            read("the primary endpoint", (abortSignal) => ctx.azure.endpoint(ctx.primaryEndpointId, { abortSignal })),
            read("the secondary endpoint", (abortSignal) => ctx.azure.endpoint(secondaryEndpointId({ primary: p, secondary: s }), { abortSignal })),
            read("the DR state record", () => ctx.witness.store.peek()),
            read("the failover alert", (abortSignal) => ctx.azure.alertState(ctx.alert.resourceGroup, ctx.alert.name, { abortSignal })),
            pgIds && read("the PostgreSQL replica", () => ctx.azure.postgresReplication(pgIds.secondary)),
            pgIds && read("the PostgreSQL replica's lag", (abortSignal) => ctx.azure.replicaLagSeconds(pgIds.secondary, { abortSignal })),
            redisIds && read("the Redis link", () => ctx.azure.redisLinks(redisIds.primary)),
        ]);
        const facts: StatusFacts = {
            primary,
            secondary,
            now: failed(serverTime) ? new Date() : serverTime,
            primaryEndpoint,
            secondaryEndpoint,
            record,
            alert,
            standbyAccess: { expected: recoveryEnvVars(recoverySource(p), s.location), env, keys, firewall, egressIp: s.egressIp, subnetIds: s.storageSubnetIds },
            postgres: pgIds && { primaryServerId: pgIds.primary, replica: replica!, lagSeconds: lagSeconds! },
            redis: redisIds && { secondaryCacheId: redisIds.secondary, links: links! },
        };
        const reasons = readiness(facts);
        return { lines: [...report(facts), reasons.length ? `NOT READY: ${reasons.join("; ")}` : "READY: the standby would take over automatically"], ready: reasons.length === 0 };
    } finally {
        clearInterval(waiting);
    }
}
