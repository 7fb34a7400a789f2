// Azure Resource Manager: the failover alert on the standby and the primary's
// Traffic Manager endpoint through the official SDKs; the endpoint's status
// changes through the failover function's own ArmClient, so the function and
// drctl put an endpoint in or out of rotation the same way.
import { MonitorClient } from "@azure/arm-monitor";
import { TrafficManagerManagementClient } from "@azure/arm-trafficmanager";
import type { HttpClient } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import { agentPoolPort, ArmClient, defaultRetryPolicy, trafficManagerPort } from "../../functions/failover/src/arm";
import type { AgentPoolPort, TrafficManagerPort } from "../../functions/failover/src/failover";
import { audiences } from "../../functions/failover/src/identity";
import { storageKeyNames } from "../../contract";

/** /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Network/trafficManagerProfiles/{p}/externalEndpoints/{e} */
export function parseEndpointId(id: string): { subscriptionId: string; resourceGroup: string; profile: string; endpoint: string } {
    const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/trafficManagerProfiles\/([^/]+)\/externalEndpoints\/([^/]+)$/i.exec(id);
    if (!m) throw new Error(`not a Traffic Manager external endpoint ID: ${id}`);
    return { subscriptionId: m[1], resourceGroup: m[2], profile: m[3], endpoint: m[4] };
}

/** The storage resource provider's API version (the upstream definitions in ../shared/schemas are of this one). */
const storageApiVersion = "2024-01-01";

/**
 * A storage account's firewall as ARM reports it: NetworkRuleSet at
 * 2024-01-01 (Azure/azure-rest-api-specs, specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01/storage.json:
 * `defaultAction` Allow or Deny, `ipRules[].value`, `virtualNetworkRules[].id`).
 */
export interface StorageFirewall {
    defaultAction: string;
    ipRules: string[];
    subnetIds: string[];
}

export interface EndpointState {
    status: string;
    monitorStatus: string;
}

/** A read a person waits on (drctl status) gives up when this aborts. */
export interface ReadOptions {
    abortSignal?: AbortSignal;
}

/**
 * Where a PostgreSQL flexible server stands in replication: Servers - Get at
 * 2025-08-01, the version azure-native 3.28 deploys it with
 * (../shared/schemas/azure/postgresql-2025-08-01.excerpt.json): `replica.role`
 * (ReplicationRole: None, Primary, AsyncReplica, GeoAsyncReplica),
 * `replica.replicationState` and `sourceServerResourceId`.
 */
export interface PostgresReplication {
    role: string;
    state: string;
    source?: string;
}

/**
 * One geo-replication link of a Redis cache: LinkedServer - List at
 * 2024-11-01, azure-native 3.28's version
 * (../shared/schemas/azure/redis-2024-11-01.excerpt.json; `provisioningState`,
 * which the excerpt omits, is RedisLinkedServerProperties in
 * Azure/azure-rest-api-specs specification/redis/resource-manager/Microsoft.Cache/stable/2024-11-01/redis.json,
 * and Succeeded is its value in examples/2024-11-01/RedisCacheLinkedServer_List.json).
 */
export interface RedisLink {
    linkedCacheId: string;
    serverRole: string;
    provisioningState: string;
}

const postgresApiVersion = "2025-08-01";
const redisApiVersion = "2024-11-01";

/**
 * The flexible server's "Read Replica Lag" in seconds, emitted every minute
 * (Microsoft Learn, "Monitor metrics on Azure Database for PostgreSQL -
 * Flexible Server", learn.microsoft.com/azure/postgresql/flexible-server/concepts-monitoring,
 * Enhanced metrics > Replication).
 */
export const replicaLagMetric = "physical_replication_delay_in_seconds";

/** How far back a lag value counts: a few minutes of the metric's ingestion delay should not read as none reported. */
const replicaLagWindowMs = 15 * 60_000;

export class AzureOps {
    private readonly monitor: MonitorClient;
    private readonly trafficManagerClient: TrafficManagerManagementClient;
    /** ARM as the failover function calls it, with this credential's tokens. */
    private readonly arm: ArmClient;
    /** The same for reads a person waits on: two attempts of at most 5 s, 1 s apart, so an answer or an error within 11 s (drctl status bounds each read at 12 s). */
    private readonly reads: ArmClient;

    /** `httpClient` and `armEndpoint` replace the transports (tests route them to loopback fakes). */
    /**
     * `cloud`: the cloud's ARM endpoint (another cloud's, such as Azure China's
     * https://management.chinacloudapi.cn; Azure's by default), which is also
     * the tokens' audience. `httpClient` and `armEndpoint` replace the
     * transports (tests route them to loopback fakes).
     */
    constructor(credential: TokenCredential, subscriptionId: string, o: { cloud?: string; httpClient?: HttpClient; armEndpoint?: string } = {}) {
        const cloud = o.cloud ?? "https://management.azure.com";
        const sdk = { httpClient: o.httpClient, endpoint: cloud, credentialScopes: [`${cloud}/.default`] };
        this.monitor = new MonitorClient(credential, subscriptionId, sdk);
        this.trafficManagerClient = new TrafficManagerManagementClient(credential, subscriptionId, sdk);
        const tokens = {
            token: async (resource: string) => {
                // The function's ArmClient asks for Azure's audience; drctl's is the cloud's.
                const t = await credential.getToken(resource === audiences.arm ? `${cloud}/.default` : `${resource}.default`);
                if (!t) throw new Error(`no token for ${resource}`);
                return t.token;
            },
        };
        this.arm = new ArmClient(o.armEndpoint ?? cloud, tokens);
        this.reads = new ArmClient(o.armEndpoint ?? cloud, tokens, { ...defaultRetryPolicy, retries: 1, minBackoffMs: 1_000, maxBackoffMs: 1_000 }, 5_000);
    }

    /** The failover alert's state; "absent" once a promotion removed it. */
    async alertState(resourceGroup: string, name: string, o: ReadOptions = {}): Promise<"enabled" | "disabled" | "absent"> {
        try {
            return (await this.monitor.metricAlerts.get(resourceGroup, name, o)).enabled ? "enabled" : "disabled";
        } catch (e) {
            if ((e as { statusCode?: number }).statusCode === 404) return "absent";
            throw e;
        }
    }

    async setAlertEnabled(resourceGroup: string, name: string, enabled: boolean): Promise<void> {
        await this.monitor.metricAlerts.update(resourceGroup, name, { enabled });
    }

    /**
     * Admit one more address, or stop admitting it: a read of the whole rule
     * set and a PATCH of it with only that rule changed (networkAcls is
     * replaced as a whole). Control-plane calls, which the firewall does not
     * govern (Microsoft Learn, "Azure Storage firewall guidelines and
     * limitations"). Idempotent.
     */
    async setStorageIpRule(accountId: string, ip: string, admitted: boolean): Promise<void> {
        const acls = (await this.arm.call("GET", accountId, storageApiVersion)).properties?.networkAcls ?? {};
        const rules: Array<{ value: string }> = acls.ipRules ?? [];
        if (rules.some((r) => r.value === ip) === admitted) return;
        const ipRules = admitted ? [...rules, { value: ip, action: "Allow" }] : rules.filter((r) => r.value !== ip);
        await this.arm.call("PATCH", accountId, storageApiVersion, { properties: { networkAcls: { ...acls, ipRules } } });
    }

    /**
     * The account's second key: the one the peer region recovers with, never
     * LogScale's own (key1). StorageAccounts_ListKeys at 2024-01-01 answers
     * StorageAccountListKeysResult, `keys[]` of {keyName key1|key2, value}
     * (Azure/azure-rest-api-specs, specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01/storage.json).
     */
    async recoveryKey(accountId: string): Promise<string> {
        const keys: Array<{ keyName?: string; value?: string }> = (await this.reads.call("POST", `${accountId}/listKeys`, storageApiVersion)).keys ?? [];
        const key = keys.find((k) => k.keyName === storageKeyNames.recovery)?.value;
        if (!key) throw new Error(`${accountId} lists no ${storageKeyNames.recovery}`);
        return key;
    }

    /** Revoke the recovery key and issue a new one: StorageAccounts_RegenerateKey (same file), body StorageAccountRegenerateKeyParameters {keyName}. */
    async rotateRecoveryKey(accountId: string): Promise<void> {
        await this.arm.call("POST", `${accountId}/regenerateKey`, storageApiVersion, { keyName: storageKeyNames.recovery });
    }

    /** Through `reads`: answered or failed within 11 s. An account without networkAcls admits everyone (defaultAction's default is Allow). */
    async storageFirewall(accountId: string): Promise<StorageFirewall> {
        const acls = (await this.reads.call("GET", accountId, storageApiVersion)).properties?.networkAcls ?? {};
        return {
            defaultAction: acls.defaultAction ?? "Allow",
            ipRules: (acls.ipRules ?? []).map((r: { value: string }) => r.value),
            subnetIds: (acls.virtualNetworkRules ?? []).map((r: { id: string }) => r.id),
        };
    }

    async endpoint(endpointId: string, o: ReadOptions = {}): Promise<EndpointState> {
        const e = parseEndpointId(endpointId);
        const r = await this.trafficManagerClient.endpoints.get(e.resourceGroup, e.profile, "ExternalEndpoints", e.endpoint, o);
        return { status: r.endpointStatus ?? "Unknown", monitorStatus: r.endpointMonitorStatus ?? "Unknown" };
    }

    async postgresReplication(serverId: string): Promise<PostgresReplication> {
        const p = (await this.reads.call("GET", serverId, postgresApiVersion)).properties ?? {};
        return { role: p.replica?.role ?? p.replicationRole ?? "Unknown", state: p.replica?.replicationState ?? "Unknown", source: p.sourceServerResourceId };
    }

    /** The newest minute's maximum replica lag reported in the last 15 minutes, or undefined when none was. */
    async replicaLagSeconds(serverId: string, o: ReadOptions = {}): Promise<number | undefined> {
        const to = new Date();
        const r = await this.monitor.metrics.list(serverId.replace(/^\//, ""), {
            metricnames: replicaLagMetric,
            aggregation: "Maximum",
            interval: "PT1M",
            timespan: `${new Date(to.getTime() - replicaLagWindowMs).toISOString()}/${to.toISOString()}`,
            ...o,
        });
        const points = r.value.flatMap((m) => m.timeseries ?? []).flatMap((t) => t.data ?? []);
        return points.filter((d) => typeof d.maximum === "number").sort((a, b) => a.timeStamp.getTime() - b.timeStamp.getTime()).pop()?.maximum;
    }

    async redisLinks(cacheId: string): Promise<RedisLink[]> {
        const links: Array<{ properties?: Record<string, string> }> = (await this.reads.call("GET", `${cacheId}/linkedServers`, redisApiVersion)).value ?? [];
        return links.map(({ properties: p = {} }) => ({ linkedCacheId: p.linkedRedisCacheId ?? "", serverRole: p.serverRole ?? "Unknown", provisioningState: p.provisioningState ?? "Unknown" }));
    }

    async setEndpointStatus(endpointId: string, status: "Enabled" | "Disabled"): Promise<void> {
        await this.arm.setEndpointStatus(endpointId, status);
    }

    agentPool(poolId: string): Promise<{ power: string; provisioning: string }> {
        return this.arm.agentPool(poolId);
    }

    /** The primary endpoint and the agent pools as the failover function's code drives them. */
    trafficManager(endpointId: string): TrafficManagerPort {
        return trafficManagerPort(this.arm, endpointId);
    }

    agentPools(): AgentPoolPort {
        return agentPoolPort(this.arm);
    }
}
