// Both regions on loopback for drctl: Azurite holding each region's bucket
// (with a realistic layout) and the witness, a fake Kubernetes API per
// cluster seeded like a failed-over pair, fake ARM behind the real SDKs, and
// a fake LogScale per region. Outputs come from the program's own renders.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BlobServiceClient, ContainerClient } from "@azure/storage-blob";
import * as k8s from "@kubernetes/client-node";
import { alertRuleName, logscaleSecrets, operatorAnnotations as annotations, StackOutputs, witnessBlob, witnessContainer } from "../../contract";
import { probeHealth } from "../../functions/failover/src/health";
import { DrState, initialState } from "../../functions/failover/src/drState";
import { recoveryEnvVars, recoverySource } from "../../model/recovery";
import { AzureOps } from "../../tools/drctl/azure";
import { RegionCluster } from "../../tools/drctl/cluster";
import { DrContext, Region, StackOps } from "../../tools/drctl/commands";
import { Command, pairKey, primaryEndpointId, storageAccess, witness } from "../../tools/drctl/index";
import { enableFlushOnShutdown, recoveryLogSequence } from "../../tools/drctl/logscale";
import { pairOutputs, PairOutputs, RegionName } from "../../tools/drctl/outputs";
import { Journal } from "../../tools/drctl/runbook";
import { SnapshotStore } from "../../tools/drctl/snapshots";
import { secondaryEndpointId } from "../../tools/drctl/status";
import { asPeerOutputs } from "../../tools/offline/engine";
import { sharedAzurite } from "../background";
import { Azurite } from "../fakes/azurite";
import { fakeCredential, FakeResourceManager } from "../fakes/azureResourceManager";
import { FakeCluster } from "../fakes/kubernetes";
import { FakeLogScale } from "../fakes/logscale";
import { plan } from "../helpers";

export interface DrHarness {
    azurite: Azurite;
    blobs: BlobServiceClient;
    kube: Record<RegionName, FakeCluster>;
    logscale: Record<RegionName, FakeLogScale>;
    arm: FakeResourceManager;
    outputs: PairOutputs;
    journalDir: string;
    /** Config flips and ups drctl asked for. */
    stackCalls: string[];
    /** The stacks' config as the fake automation API holds it (`<region>:<key>`). */
    stackConfig: Record<string, string>;
    /** How the person answers drctl's questions. */
    answer: boolean;
}

/** The bucket layout of one region: what a failback may delete and what it must keep. */
export function bucketLayout(prefix: string) {
    return {
        segments: Array.from({ length: 12 }, (_, i) => `${prefix}segments/humio/2026/11/21/seg-${String(i).padStart(4, "0")}.dat`),
        snapshots: [1, 2, 3].map((i) => `${prefix}globalsnapshots/global-snapshot-${String(i).padStart(3, "0")}.json`),
        others: [`${prefix}globalsnapshots-archive/global-snapshot-old.json`, `${prefix}uploadedfiles/lookup.csv`, `other-cluster/globalsnapshots/global-snapshot-001.json`],
    };
}

export function container(h: DrHarness, region: RegionName): ContainerClient {
    return h.blobs.getContainerClient(h.outputs[region].storageContainerName);
}

export async function blobNames(h: DrHarness, region: RegionName): Promise<string[]> {
    const names: string[] = [];
    for await (const b of container(h, region).listBlobsFlat()) names.push(b.name);
    return names.sort();
}

/** The pair's outputs as the shipped stacks render them. */
export async function renderedOutputs(): Promise<PairOutputs> {
    const [p, s] = [await plan("primary"), await plan("secondary")];
    return pairOutputs({ primary: asPeerOutputs(p.rendering.outputs).values, secondary: asPeerOutputs(s.rendering.outputs).values });
}

export async function startDrHarness(): Promise<DrHarness> {
    const [azurite, primary, secondary, lsPrimary, lsSecondary, arm] = await Promise.all([
        sharedAzurite(),
        new FakeCluster().start(),
        new FakeCluster().start(),
        new FakeLogScale().start(),
        new FakeLogScale().start(),
        new FakeResourceManager().start(),
    ]);
    const outputs = await renderedOutputs();
    // Azurite has one account: give the regions distinct containers in it.
    outputs.primary.storageContainerName = "primary-logscale-data";
    outputs.secondary.storageContainerName = "secondary-logscale-data";
    return {
        azurite,
        blobs: BlobServiceClient.fromConnectionString(azurite.connectionString),
        kube: { primary, secondary },
        logscale: { primary: lsPrimary, secondary: lsSecondary },
        arm,
        outputs,
        journalDir: fs.mkdtempSync(path.join(os.tmpdir(), "drctl-journal-")),
        stackCalls: [],
        stackConfig: {},
        answer: true,
    };
}

export async function stopDrHarness(h: DrHarness): Promise<void> {
    await Promise.all([h.kube.primary.stop(), h.kube.secondary.stop(), h.logscale.primary.stop(), h.logscale.secondary.stop(), h.arm.stop()]);
}

/** Blob writes the fakes make on their own (a final snapshot at shutdown): a read of the bucket waits for them. */
const pendingWrites: Promise<unknown>[] = [];

/** A bucket's snapshots as drctl sees them once the fakes' own writes have landed. */
class SettledSnapshotStore extends SnapshotStore {
    override async list() {
        await Promise.all(pendingWrites.splice(0));
        return super.list();
    }
}

/** A storage account's firewall as the stacks deploy it: default Deny, the peer's egress address and service-endpoint subnets admitted (components/storage.ts). */
const deployedAcls = (peer: Pick<StackOutputs, "egressIp" | "storageSubnetIds">) => ({
    defaultAction: "Deny",
    bypass: "AzureServices, Logging, Metrics",
    ipRules: [{ value: peer.egressIp, action: "Allow" }],
    virtualNetworkRules: peer.storageSubnetIds.map((id) => ({ id, action: "Allow" })),
});

const base64 = (s: string) => Buffer.from(s).toString("base64");
/** A deployed account's keys, as its stack exported them. */
const accountKeys = (o: StackOutputs) => ({ key1: o.storageAccountKey, key2: o.recoveryAccountKey });

function seedCluster(
    kube: FakeCluster,
    prefix: string,
    o: { operatorReplicas: number; env: unknown[]; peerKeys: Pick<StackOutputs, "recoveryAccountKey" | "storageEncryptionKey">; annotations?: Record<string, string>; onStop?: () => void },
) {
    kube.reset(o.operatorReplicas, o.annotations ?? {});
    kube.deployment("strimzi-cluster-operator", 1);
    const kafka = { "strimzi.io/cluster": `${prefix}-strimzi-kafka`, "strimzi.io/kind": "Kafka", "strimzi.io/component-type": "kafka" };
    // The entity operator: labelled like the cluster, never deleted by drctl (its Deployment would recreate it).
    kube.pod(`${prefix}-strimzi-kafka-entity-operator-x`, { "strimzi.io/cluster": `${prefix}-strimzi-kafka`, "strimzi.io/kind": "Kafka", "strimzi.io/component-type": "entity-operator" });
    for (let i = 0; i < 3; i++) {
        kube.pod(`${prefix}-strimzi-kafka-brokers-${i}`, kafka);
        kube.put("persistentvolumeclaims", { metadata: { name: `data-0-${prefix}-strimzi-kafka-brokers-${i}`, labels: { "strimzi.io/cluster": `${prefix}-strimzi-kafka` } } });
    }
    kube.put("core.strimzi.io/v1beta2/strimzipodsets", { metadata: { name: `${prefix}-strimzi-kafka-brokers` } });
    kube.put("secrets", { metadata: { name: `${prefix}-admin-token` }, data: { token: base64("admin-token") } });
    // The recovery-source secret holds the peer's keys (components/logscale.ts).
    const recovery = logscaleSecrets.recoveryStorageKey;
    kube.put("secrets", {
        metadata: { name: recovery.name },
        data: { [recovery.key]: base64(o.peerKeys.recoveryAccountKey), [logscaleSecrets.recoveryEncryptionKey.key]: base64(o.peerKeys.storageEncryptionKey) },
    });
    kube.put("core.humio.com/v1alpha1/humioclusters", { apiVersion: "core.humio.com/v1alpha1", kind: "HumioCluster", metadata: { name: prefix }, spec: { commonEnvironmentVariables: o.env } });
    // A LogScale started with recovery variables has logged its recovery (the secondary after its failover).
    const recovered = (o.env as Array<{ name: string }>).some((e) => e.name === "AZURE_RECOVER_FROM_BUCKET");
    if (o.operatorReplicas > 0) humioPods(kube, prefix, recovered ? recoveryLogSequence.map((l) => `DataSnapshotLoader ${l} ...`).join("\n") : "LogScale running");
    kube.onScale = (deployment, replicas) => {
        if (deployment === "humio-operator" && replicas === 0) o.onStop?.();
        if (deployment === "strimzi-cluster-operator" && replicas > 0) for (let i = 0; i < 3; i++) kube.pod(`${prefix}-strimzi-kafka-brokers-${i}`, kafka);
        if (deployment === "humio-operator" && replicas > 0 && !kube.pods("app.kubernetes.io/name=humio").length) {
            // The operator starts LogScale; with recovery variables it logs the recovery sequence.
            const env = kube.get("core.humio.com/v1alpha1/humioclusters", prefix)?.spec.commonEnvironmentVariables ?? [];
            const recovering = env.some((e: { name: string }) => e.name === "AZURE_RECOVER_FROM_BUCKET");
            humioPods(kube, prefix, recovering ? recoveryLogSequence.map((l) => `DataSnapshotLoader ${l} ...`).join("\n") : "no recovery source");
        }
    };
}

function humioPods(kube: FakeCluster, prefix: string, log: string) {
    for (const pool of ["", "-ui"]) kube.pod(`${prefix}${pool}-core-abc${pool.length}`, { "app.kubernetes.io/name": "humio", "humio.com/node-pool": `${prefix}${pool}` }, { log });
}

/**
 * Put both regions where they are after an automatic failover: the primary
 * back up but stopped out of traffic, the secondary serving with its operator
 * at 1, both buckets holding segments and snapshots.
 */
export async function seedFailedOver(h: DrHarness, failoverEpoch: number): Promise<void> {
    const [p, s] = [h.outputs.primary.namePrefix, h.outputs.secondary.namePrefix];
    seedCluster(h.kube.primary, p, { operatorReplicas: 1, env: [{ name: "ENABLE_ALERTS", value: "true" }], peerKeys: h.outputs.secondary });
    seedCluster(h.kube.secondary, s, {
        operatorReplicas: 1,
        peerKeys: h.outputs.primary,
        env: [
            ...recoveryEnvVars(recoverySource(h.outputs.primary), h.outputs.secondary.location),
            { name: "ENABLE_ALERTS", value: "false" },
        ],
        annotations: { [annotations.lastFailover]: String(failoverEpoch), [annotations.fencingToken]: "1" },
        // LogScale with flush-on-shutdown writes a final global snapshot as it stops.
        onStop: () => {
            if (!h.logscale.secondary.flushOnShutdown || !h.logscale.secondary.writesFinalSnapshot) return;
            const name = `${h.outputs.secondary.storageObjectKeyPrefix}globalsnapshots/global-snapshot-final-${Date.now()}.json`;
            pendingWrites.push(container(h, "secondary").getBlockBlobClient(name).upload("x", 1));
        },
    });
    await Promise.all(
        (["primary", "secondary"] as const).map(async (region) => {
            const c = container(h, region);
            await c.deleteIfExists();
            await c.create();
            const layout = bucketLayout(h.outputs[region].storageObjectKeyPrefix);
            await Promise.all([...layout.segments, ...layout.snapshots, ...layout.others].map((name) => c.getBlockBlobClient(name).upload("x", 1)));
        }),
    );
    await h.blobs.getContainerClient(witnessContainer).createIfNotExists();
    // The DR state record as the function leaves it after a failover.
    const record = JSON.stringify({ ...initialState(failoverEpoch - 200), phase: "failed-over", since: failoverEpoch, token: 1, holder: { kind: "function", id: "instance-0" }, failedOverAt: failoverEpoch } satisfies DrState);
    const witness = h.blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob);
    await witness.getBlobLeaseClient().breakLease(0).catch(() => undefined);
    await witness.upload(record, Buffer.byteLength(record));
    h.logscale.primary.status = 200;
    h.logscale.secondary.status = 200;
    h.logscale.secondary.flushOnShutdown = false;
    h.logscale.secondary.writesFinalSnapshot = true;
    h.arm.requests.length = 0;
    h.arm.failures = [];
    h.arm.alerts = new Map([[`/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/${h.outputs.secondary.aksResourceGroup}/providers/microsoft.insights/metricalerts/${alertRuleName(s)}`.toLowerCase(), { enabled: true }]]);
    h.arm.endpoints = new Map([[primaryEndpointId(h.outputs).toLowerCase(), { status: "Disabled", monitorStatus: "Disabled" }]]);
    // The secondary's endpoint, on the primary's profile, serving.
    h.arm.endpoints.set(secondaryEndpointId(h.outputs).toLowerCase(), { status: "Enabled", monitorStatus: "Online" });
    h.arm.storageAccounts = new Map([
        [h.outputs.primary.storageAccountId.toLowerCase(), { networkAcls: deployedAcls(h.outputs.secondary), keys: accountKeys(h.outputs.primary) }],
        [h.outputs.secondary.storageAccountId.toLowerCase(), { networkAcls: deployedAcls(h.outputs.primary), keys: accountKeys(h.outputs.secondary) }],
    ]);
    h.arm.clearFaults();
    // The standby's PostgreSQL server replicates the primary's, 2 s behind; the primary's cache links the standby's.
    const [pg, cache] = [h.outputs.secondary.postgresServerId, h.outputs.secondary.redisCacheId];
    h.arm.postgresServers = new Map(pg ? [[pg.toLowerCase(), { role: "GeoAsyncReplica", replicationState: "Active", source: h.outputs.primary.postgresServerId }]] : []);
    h.arm.replicaLag = new Map(pg ? [[pg.toLowerCase(), 2]] : []);
    h.arm.redisLinks = new Map(cache ? [[h.outputs.primary.redisCacheId!.toLowerCase(), [{ linkedRedisCacheId: cache, serverRole: "Secondary", provisioningState: "Succeeded" }]]] : []);
    h.stackCalls.length = 0;
    h.stackConfig = { "secondary:dr": "standby", "secondary:drUseDedicatedRouting": "false" };
    h.answer = true;
    fs.rmSync(h.journalDir, { recursive: true, force: true });
}

function region(h: DrHarness, name: RegionName, blobs: BlobServiceClient): Region {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(h.kube[name].kubeconfig());
    return { name, outputs: h.outputs[name], cluster: new RegionCluster(kc), snapshots: new SettledSnapshotStore(blobs.getContainerClient(h.outputs[name].storageContainerName), h.outputs[name].storageObjectKeyPrefix), url: h.logscale[name].url };
}

/** Before any failover: no DR state record yet (the function has not evaluated). */
export async function forgetDrState(h: DrHarness): Promise<void> {
    await h.blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob).deleteIfExists();
}

/**
 * Where a failback leaves the pair: the primary serving and back in rotation,
 * the DR state record failed-back (token 2) a minute ago, the alert off; and,
 * if `primaryWroteSnapshot`, the primary's first global snapshot since.
 */
export async function seedFailedBack(h: DrHarness, o: { primaryWroteSnapshot: boolean }): Promise<void> {
    await seedFailedOver(h, Math.floor(Date.now() / 1000) - 3600);
    h.arm.endpoints.set(primaryEndpointId(h.outputs).toLowerCase(), { status: "Enabled", monitorStatus: "Online" });
    for (const a of h.arm.alerts.values()) a.enabled = false;
    // Failed back after the buckets were seeded (the storage clock counts whole seconds).
    const at = Math.ceil(Date.now() / 1000);
    const record = JSON.stringify({ ...initialState(at - 3600), phase: "failed-back", since: at, token: 2, holder: { kind: "person", id: "drctl test" } } satisfies DrState);
    await h.blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob).upload(record, Buffer.byteLength(record));
    if (o.primaryWroteSnapshot) {
        await new Promise((resolve) => setTimeout(resolve, at * 1000 + 1100 - Date.now()));
        await container(h, "primary").getBlockBlobClient(`${h.outputs.primary.storageObjectKeyPrefix}globalsnapshots/global-snapshot-004.json`).upload("x", 1);
    }
}

/** drctl's context on the fake pair; `blobs` reaches the buckets another way (through a fake firewall). */
export function drContext(h: DrHarness, command: Command, o: { force?: boolean; failoverTime?: Date; fresh?: boolean; operatorIp?: string; blobs?: BlobServiceClient } = {}): DrContext {
    const blobs = o.blobs ?? h.blobs;
    const stack: StackOps = {
        getConfig: async (r, key) => h.stackConfig[`${r}:${key}`],
        setConfig: async (r, key, value) => {
            h.stackCalls.push(`${r}: config ${key}=${value}`);
            h.stackConfig[`${r}:${key}`] = value;
        },
        removeConfig: async (r, key) => {
            h.stackCalls.push(`${r}: config rm ${key}`);
            delete h.stackConfig[`${r}:${key}`];
        },
        preview: async (r) => {
            h.stackCalls.push(`${r}: preview`);
            return "~  kubernetes:core.humio.com/v1alpha1:HumioCluster  logscale-cluster\n-  logscale-dr:failover:FailoverFunction  failover";
        },
        up: async (r) => void h.stackCalls.push(`${r}: up`),
    };
    const [primary, secondary] = [region(h, "primary", blobs), region(h, "secondary", blobs)];
    const azure = new AzureOps(fakeCredential, "00000000-0000-0000-0000-000000000000", { httpClient: h.arm.httpClient(), armEndpoint: h.arm.url });
    const waits = { timeoutMs: 3000, pollMs: 5 };
    return {
        primary,
        secondary,
        azure,
        access: storageAccess(h.outputs, command, { primary, secondary }, azure, { journalDir: h.journalDir, operatorIp: o.operatorIp }, waits),
        alert: { resourceGroup: h.outputs.secondary.aksResourceGroup, name: alertRuleName(h.outputs.secondary.namePrefix) },
        primaryEndpointId: primaryEndpointId(h.outputs),
        witness: witness(blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob)),
        stack,
        journal: new Journal(Journal.path(h.journalDir, pairKey(h.outputs), command), command, () => new Date(), o.fresh),
        probe: (url) => probeHealth(url, 1000),
        enableFlushOnShutdown: (url, token) => enableFlushOnShutdown(url, token),
        confirm: async () => h.answer,
        // No failover function runs against the fake pair: nothing is in flight.
        outlastInvocations: async () => undefined,
        // The global name resolves to the primary once its endpoint is back in rotation.
        globalUrl: h.logscale.primary.url,
        waits,
        now: () => new Date(),
        elapsedMs: () => performance.now(),
        force: o.force ?? false,
        failoverTime: o.failoverTime,
    };
}
