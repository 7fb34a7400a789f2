// Loopback stand-ins for the failover function's Azure Resource Manager
// calls (with App Service's managed identity endpoint) and the primary's
// health URL. Both record what they were asked and can fail or hang.
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import * as path from "path";
import { FaultQueue, listen, readBody, Recorded, send } from "../fakes/http";

// --- Azure Resource Manager -------------------------------------------------------

export const tmProfileId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.Network/trafficManagerProfiles/lsdr-pri-global";
export const tmEndpointId = `${tmProfileId}/externalEndpoints/lsdr-pri-primary`;
export const clusterId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lsdr-sec-logscale-westus/providers/Microsoft.ContainerService/managedClusters/lsdr-sec-aks";
export const agentPoolIds = ["kafka", "digest"].map((p) => `${clusterId}/agentPools/${p}`);

export class FakeArm {
    readonly requests: Recorded[] = [];
    /** Errors and hangs played on the next requests (token requests aside). */
    readonly faults = new FaultQueue();
    endpointStatus = "Enabled";
    /** What Traffic Manager's probes make of the endpoint (endpointMonitorStatus); Disabled while the endpoint is. */
    monitorStatus = "Degraded";
    /** What listClusterUserCredential returns: an Entra ID (exec) kubeconfig for the cluster. */
    clusterKubeconfig = "";
    pools = new Map<string, { power: string; provisioning: string; pollsUntilRunning: number }>();
    private server!: http.Server;
    url = "";

    reset() {
        this.requests.length = 0;
        this.faults.clear();
        this.endpointStatus = "Enabled";
        this.monitorStatus = "Degraded";
        this.pools = new Map(agentPoolIds.map((id) => [id.toLowerCase(), { power: "Stopped", provisioning: "Succeeded", pollsUntilRunning: 2 }]));
    }

    endpointPatches(): Recorded[] {
        return this.requests.filter((r) => r.method === "PATCH" && r.path === tmEndpointId);
    }

    private endpoint() {
        return { id: tmEndpointId, properties: { endpointStatus: this.endpointStatus, endpointMonitorStatus: this.endpointStatus === "Disabled" ? "Disabled" : this.monitorStatus } };
    }

    async start(): Promise<this> {
        this.reset();
        ({ server: this.server, url: this.url } = await listen(async (req, res) => {
            const raw = await readBody(req);
            const u = new URL(req.url!, "http://x");
            const body = raw ? JSON.parse(raw) : undefined;
            if (u.pathname === "/msi/token") {
                if (req.headers["x-identity-header"] !== "identity-secret") return send(res, 401, { error: "bad identity header" });
                return send(res, 200, { access_token: `token-for-${u.searchParams.get("resource")}`, expires_on: String(Math.floor(Date.now() / 1000) + 3600) });
            }
            this.requests.push({ at: Date.now(), method: req.method!, path: u.pathname, body });
            if (this.faults.play(res)) return;
            if (req.headers.authorization !== "Bearer token-for-https://management.azure.com/") return send(res, 401, { error: "unauthorized" });
            if (u.pathname === tmEndpointId) {
                if (req.method === "PATCH") this.endpointStatus = body.properties.endpointStatus;
                else if (req.method !== "GET") return send(res, 405, { error: { code: "MethodNotAllowed" } });
                return send(res, 200, this.endpoint());
            }
            if (u.pathname === `${clusterId}/listClusterUserCredential` && req.method === "POST") {
                return send(res, 200, { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(this.clusterKubeconfig).toString("base64") }] });
            }
            const pool = this.pools.get(u.pathname.toLowerCase());
            if (pool) {
                if (req.method === "PUT") {
                    if (body.properties.powerState.code === "Running" && pool.power !== "Running") {
                        pool.power = "Running";
                        pool.provisioning = "Starting";
                    }
                } else if (pool.provisioning === "Starting" && --pool.pollsUntilRunning <= 0) {
                    pool.provisioning = "Succeeded";
                }
                return send(res, 200, { id: u.pathname, properties: { count: 3, vmSize: "Standard_L8s_v3", powerState: { code: pool.power }, provisioningState: pool.provisioning } });
            }
            return send(res, 404, { error: { code: "NotFound" } });
        }));
        return this;
    }

    stop(): Promise<void> {
        this.server.closeAllConnections();
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}

// --- The primary's health URL -----------------------------------------------------

const tls = path.join(__dirname, "../fixtures/tls");

export class FakeHealth {
    /** HTTP status to answer with, or "hang" to never answer. */
    answer: number | "hang" = 503;
    requests = 0;
    private server!: http.Server;
    url = "";

    /** `https`: served with a self-signed certificate that expired in 2020, for a name that is not this host's. */
    constructor(private readonly scheme: "http" | "https" = "http") {}

    async start(): Promise<this> {
        const handler: http.RequestListener = (_req, res) => {
            this.requests++;
            if (this.answer === "hang") return; // the client's timeout ends it
            send(res, this.answer, { status: this.answer === 200 ? "OK" : "down" });
        };
        if (this.scheme === "http") {
            ({ server: this.server, url: this.url } = await listen(handler));
        } else {
            this.server = https.createServer({ cert: fs.readFileSync(path.join(tls, "expired-selfsigned.crt")), key: fs.readFileSync(path.join(tls, "expired-selfsigned.key")) }, handler);
            await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
            this.url = `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        }
        this.url += "/api/v1/status";
        return this;
    }

    stop(): Promise<void> {
        this.server.closeAllConnections();
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}
