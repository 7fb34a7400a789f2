// Azure Resource Manager for drctl, which talks to it through the official
// SDKs: a loopback server for the failover metric alert, the primary
// Traffic Manager endpoints, a cold standby's agent pools, the PostgreSQL
// replica and its lag metric and the Redis geo-replication links (what drctl
// status reads), and an SDK transport that sends
// https://management.azure.com there (the SDKs refuse bearer tokens over
// plain HTTP, so the URL is rewritten after their policies ran).
import * as http from "http";
import { createDefaultHttpClient, HttpClient } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import { Fault, listen, readBody, Recorded, send } from "./http";

export class FakeResourceManager {
    readonly requests: Recorded[] = [];
    alerts = new Map<string, { enabled: boolean }>();
    endpoints = new Map<string, { status: string; monitorStatus: string }>();
    /** Agent pools by lower-cased ID; a started one runs after `readsUntilRunning` GETs. */
    pools = new Map<string, { power: string; provisioning: string }>();
    readsUntilRunning = 2;
    /**
     * Storage accounts by lower-cased ID: their firewalls (properties.networkAcls)
     * and their two keys (StorageAccounts_ListKeys and _RegenerateKey, Storage 2024-01-01).
     */
    storageAccounts = new Map<string, { networkAcls: { defaultAction: string; bypass: string; ipRules: Array<{ value: string; action: string }>; virtualNetworkRules: unknown[] }; keys: { key1: string; key2: string } }>();
    /** Keys issued by regenerateKey so far. */
    private regenerated = 0;
    /** GETs after enabling until an endpoint reports Online. */
    readsUntilOnline = 2;
    /** Status codes the next requests answer with (then normal service). */
    failures: number[] = [];
    /** PostgreSQL flexible servers by lower-cased ID: their replica role and state, and the server they replicate (Servers - Get, 2025-08-01). */
    postgresServers = new Map<string, { role: string; replicationState: string; source?: string }>();
    /** The read-replica lag each server's metric reports, by lower-cased server ID; undefined: no data points. */
    replicaLag = new Map<string, number | undefined>();
    /** Each cache's geo-replication links by the cache's lower-cased ID (LinkedServer - List, 2024-11-01). */
    redisLinks = new Map<string, Array<{ linkedRedisCacheId: string; serverRole: string; provisioningState: string }>>();
    /** Faults for requests whose path matches, each played `times` times: an HTTP status, or "hang" (never answered). */
    private scripted: Array<{ match: RegExp; fault: Fault; times: number }> = [];
    private reads = new Map<string, number>();
    private server!: http.Server;
    url = "";

    /** `tls`: on HTTPS with the loopback certificate, for the SDKs in a child process (they send tokens over HTTPS only). */
    async start(o: { tls?: boolean } = {}): Promise<this> {
        ({ server: this.server, url: this.url } = await listen((req, res) => this.handle(req, res), o));
        return this;
    }

    stop(): Promise<void> {
        // Hung requests would otherwise hold the server open.
        this.server.closeAllConnections();
        return new Promise((resolve) => this.server.close(() => resolve()));
    }

    /** Answer requests whose (lower-cased) path matches with `fault` instead, `times` times. */
    sayNo(match: RegExp, fault: Fault, times = Infinity): void {
        this.scripted.push({ match, fault, times });
    }

    /** Normal service again for every path. */
    clearFaults(): void {
        this.scripted = [];
    }

    /** An SDK transport that sends ARM requests here. */
    httpClient(): HttpClient {
        const inner = createDefaultHttpClient();
        return {
            sendRequest: (request) => {
                request.url = request.url.replace(/^https:\/\/management\.azure\.com/, this.url);
                request.allowInsecureConnection = true;
                return inner.sendRequest(request);
            },
        };
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
        const raw = await readBody(req);
        const u = new URL(req.url!, "http://x");
        const body = raw ? JSON.parse(raw) : undefined;
        const key = decodeURIComponent(u.pathname).toLowerCase();
        // App Service's managed identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER), which DefaultAzureCredential uses in a child process.
        if (key === "/msi/token") {
            if (req.headers["x-identity-header"] !== managedIdentityHeader) return send(res, 401, { error: "bad identity header" });
            return send(res, 200, { access_token: "fake-arm-token", expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: u.searchParams.get("resource"), token_type: "Bearer" });
        }
        this.requests.push({ at: Date.now(), method: req.method!, path: key, body });
        if (req.headers.authorization !== "Bearer fake-arm-token") return send(res, 401, { error: { code: "Unauthorized" } });
        const failure = this.failures.shift();
        if (failure) return send(res, failure, { error: { code: "Scripted", message: `scripted ${failure}` } });
        const scripted = this.scripted.find((f) => f.times > 0 && f.match.test(key));
        if (scripted) {
            scripted.times--;
            if (scripted.fault === "hang") return;
            return send(res, scripted.fault, { error: { code: "Scripted", message: `scripted ${scripted.fault}` } });
        }

        const alert = this.alerts.get(key);
        if (alert) {
            if (req.method === "PATCH") alert.enabled = body.properties.enabled;
            return send(res, 200, {
                id: u.pathname,
                name: key.split("/").pop(),
                location: "global",
                properties: { enabled: alert.enabled, severity: 1, scopes: [], evaluationFrequency: "PT1M", windowSize: "PT1M", criteria: { "odata.type": "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", allOf: [] } },
            });
        }
        const endpoint = this.endpoints.get(key);
        if (endpoint) {
            if (req.method === "PATCH") {
                endpoint.status = body.properties.endpointStatus;
                endpoint.monitorStatus = endpoint.status === "Enabled" ? "CheckingEndpoint" : "Disabled";
                this.reads.set(key, 0);
            } else if (endpoint.monitorStatus === "CheckingEndpoint") {
                const n = (this.reads.get(key) ?? 0) + 1;
                this.reads.set(key, n);
                if (n >= this.readsUntilOnline) endpoint.monitorStatus = "Online";
            }
            return send(res, 200, { id: u.pathname, name: key.split("/").pop(), type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints", properties: { endpointStatus: endpoint.status, endpointMonitorStatus: endpoint.monitorStatus, priority: 1 } });
        }
        const pool = this.pools.get(key);
        if (pool) {
            if (req.method === "PUT" && body.properties.powerState?.code === "Running" && pool.power !== "Running") {
                Object.assign(pool, { power: "Running", provisioning: "Starting" });
                this.reads.set(key, 0);
            } else if (pool.provisioning === "Starting") {
                const n = (this.reads.get(key) ?? 0) + 1;
                this.reads.set(key, n);
                if (n >= this.readsUntilRunning) pool.provisioning = "Succeeded";
            }
            return send(res, 200, { id: u.pathname, properties: { count: 3, powerState: { code: pool.power }, provisioningState: pool.provisioning } });
        }
        const keyAction = /^(.*)\/(listkeys|regeneratekey)$/.exec(key);
        const keysOf = keyAction && this.storageAccounts.get(keyAction[1]);
        if (keysOf) {
            // Both are POSTs; ARM answers a GET on an action with 405 (no such route).
            if (req.method !== "POST") return send(res, 405, { error: { code: "MethodNotAllowed" } });
            if (keyAction[2] === "regeneratekey") {
                const name = body?.keyName;
                // StorageAccountRegenerateKeyParameters.keyName is required; key1, key2 (or kerb1, kerb2) are its values.
                if (name !== "key1" && name !== "key2") return send(res, 400, { error: { code: "InvalidValuesForRequestParameters", message: `keyName ${name}` } });
                keysOf.keys[name as "key1" | "key2"] = `regenerated-${name}-${++this.regenerated}`;
            }
            return send(res, 200, { keys: (["key1", "key2"] as const).map((keyName) => ({ keyName, value: keysOf.keys[keyName], permissions: "FULL" })) });
        }
        const account = this.storageAccounts.get(key);
        if (account) {
            // networkAcls is replaced as a whole by a PATCH that carries it.
            if (req.method === "PATCH" && body.properties?.networkAcls) account.networkAcls = body.properties.networkAcls;
            return send(res, 200, { id: u.pathname, name: key.split("/").pop(), type: "Microsoft.Storage/storageAccounts", properties: { networkAcls: account.networkAcls } });
        }
        const server = this.postgresServers.get(key);
        if (server) {
            return send(res, 200, {
                id: u.pathname,
                name: key.split("/").pop(),
                type: "Microsoft.DBforPostgreSQL/flexibleServers",
                properties: { state: "Ready", replicationRole: server.role, replica: { role: server.role, replicationState: server.replicationState }, sourceServerResourceId: server.source },
            });
        }
        // The flexible server's "Read Replica Lag" (Microsoft Learn, "Monitor metrics on Azure Database for PostgreSQL - Flexible Server").
        const replicaLagMetric = "physical_replication_delay_in_seconds";
        const metrics = /^(.*)\/providers\/microsoft\.insights\/metrics$/.exec(key);
        if (metrics && this.replicaLag.has(metrics[1])) {
            // Azure Monitor refuses a metric the resource type does not have.
            if (u.searchParams.get("metricnames") !== replicaLagMetric) return send(res, 400, { code: "BadRequest", message: `Failed to find metric configuration for ${u.searchParams.get("metricnames")}` });
            const lag = this.replicaLag.get(metrics[1]);
            const minute = Math.floor(Date.now() / 60_000) * 60_000;
            const data = [3, 2, 1].map((ago) => ({ timeStamp: new Date(minute - ago * 60_000).toISOString(), ...(lag === undefined ? {} : { maximum: ago === 1 ? lag : 0 }) }));
            return send(res, 200, {
                timespan: u.searchParams.get("timespan"),
                interval: "PT1M",
                value: [{ id: `${metrics[1]}/providers/Microsoft.Insights/metrics/${replicaLagMetric}`, type: "Microsoft.Insights/metrics", name: { value: replicaLagMetric }, unit: "Seconds", timeseries: [{ metadatavalues: [], data }] }],
            });
        }
        const links = /^(.*)\/linkedservers$/.exec(key);
        if (links && this.redisLinks.has(links[1])) {
            return send(res, 200, {
                value: this.redisLinks.get(links[1])!.map((l) => ({ id: `${u.pathname}/${l.linkedRedisCacheId.split("/").pop()}`, type: "Microsoft.Cache/Redis/linkedServers", properties: l })),
            });
        }
        return send(res, 404, { error: { code: "NotFound", message: key } });
    }
}

/** The header value the fake's managed identity endpoint expects. */
export const managedIdentityHeader = "fake-identity-header";

/** A fixed token: the fake checks it. */
export const fakeCredential: TokenCredential = { getToken: async () => ({ token: "fake-arm-token", expiresOnTimestamp: Date.now() + 3_600_000 }) };
