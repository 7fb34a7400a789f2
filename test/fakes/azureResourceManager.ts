// Azure Resource Manager for drctl, which talks to it through the official
// SDKs: a loopback server for the failover metric alert, the primary
// Traffic Manager endpoint and a cold standby's agent pools, and an SDK transport that sends
// https://management.azure.com there (the SDKs refuse bearer tokens over
// plain HTTP, so the URL is rewritten after their policies ran).
import * as http from "http";
import { createDefaultHttpClient, HttpClient } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import { listen, readBody, Recorded, send } from "./http";

export class FakeResourceManager {
    readonly requests: Recorded[] = [];
    alerts = new Map<string, { enabled: boolean }>();
    endpoints = new Map<string, { status: string; monitorStatus: string }>();
    /** Agent pools by lower-cased ID; a started one runs after `readsUntilRunning` GETs. */
    pools = new Map<string, { power: string; provisioning: string }>();
    readsUntilRunning = 2;
    /** GETs after enabling until an endpoint reports Online. */
    readsUntilOnline = 2;
    /** Status codes the next requests answer with (then normal service). */
    failures: number[] = [];
    private reads = new Map<string, number>();
    private server!: http.Server;
    url = "";

    async start(): Promise<this> {
        ({ server: this.server, url: this.url } = await listen((req, res) => this.handle(req, res)));
        return this;
    }

    stop(): Promise<void> {
        return new Promise((resolve) => this.server.close(() => resolve()));
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
        this.requests.push({ at: Date.now(), method: req.method!, path: key, body });
        if (req.headers.authorization !== "Bearer fake-arm-token") return send(res, 401, { error: { code: "Unauthorized" } });
        const failure = this.failures.shift();
        if (failure) return send(res, failure, { error: { code: "Scripted", message: `scripted ${failure}` } });

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
        return send(res, 404, { error: { code: "NotFound", message: key } });
    }
}

/** A fixed token: the fake checks it. */
export const fakeCredential: TokenCredential = { getToken: async () => ({ token: "fake-arm-token", expiresOnTimestamp: Date.now() + 3_600_000 }) };
