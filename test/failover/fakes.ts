// Loopback stand-ins for the failover function's Azure Resource Manager
// calls (with App Service's managed identity endpoint) and the primary's
// health URL. Both record what they were asked.
import * as http from "http";
import { listen, readBody, Recorded, send } from "../fakes/http";

// --- Azure Resource Manager -------------------------------------------------------

export const tmEndpointId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.Network/trafficManagerProfiles/lsdr-pri-global/externalEndpoints/lsdr-pri-primary";
export const clusterId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lsdr-sec-logscale-westus/providers/Microsoft.ContainerService/managedClusters/lsdr-sec-aks";
export const agentPoolIds = ["kafka", "digest"].map(
    (p) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lsdr-sec-logscale-westus/providers/Microsoft.ContainerService/managedClusters/lsdr-sec-aks/agentPools/${p}`,
);

export class FakeArm {
    readonly requests: Recorded[] = [];
    /** Statuses the endpoint PATCH answers with, in turn; then 200. */
    endpointResponses: Array<{ status: number; retryAfter?: string }> = [];
    endpointStatus = "Enabled";
    /** What listClusterUserCredential returns: an Entra ID (exec) kubeconfig for the cluster. */
    clusterKubeconfig = "";
    pools = new Map<string, { power: string; provisioning: string; pollsUntilRunning: number }>();
    private server!: http.Server;
    url = "";

    reset() {
        this.requests.length = 0;
        this.endpointResponses = [];
        this.endpointStatus = "Enabled";
        this.pools = new Map(agentPoolIds.map((id) => [id.toLowerCase(), { power: "Stopped", provisioning: "Succeeded", pollsUntilRunning: 2 }]));
    }

    endpointPatches(): Recorded[] {
        return this.requests.filter((r) => r.method === "PATCH" && r.path === tmEndpointId);
    }

    async start(): Promise<this> {
        this.reset();
        ({ server: this.server, url: this.url } = await listen(async (req, res) => {
            const raw = await readBody(req);
            const u = new URL(req.url!, "http://x");
            const body = raw ? JSON.parse(raw) : undefined;
            this.requests.push({ at: Date.now(), method: req.method!, path: u.pathname, body });
            if (u.pathname === "/msi/token") {
                if (req.headers["x-identity-header"] !== "identity-secret") return send(res, 401, { error: "bad identity header" });
                return send(res, 200, { access_token: `token-for-${u.searchParams.get("resource")}`, expires_on: String(Math.floor(Date.now() / 1000) + 3600) });
            }
            if (req.headers.authorization !== "Bearer token-for-https://management.azure.com/") return send(res, 401, { error: "unauthorized" });
            if (u.pathname === tmEndpointId && req.method === "PATCH") {
                const scripted = this.endpointResponses.shift();
                if (scripted && scripted.status !== 200) {
                    return send(res, scripted.status, { error: { code: "Scripted", message: `scripted ${scripted.status}` } }, scripted.retryAfter ? { "Retry-After": scripted.retryAfter } : {});
                }
                this.endpointStatus = body.properties.endpointStatus;
                return send(res, 200, { id: tmEndpointId, properties: { endpointStatus: this.endpointStatus } });
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
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}

// --- The primary's health URL -----------------------------------------------------

export class FakeHealth {
    /** HTTP status to answer with, or "hang" to never answer. */
    answer: number | "hang" = 503;
    requests = 0;
    private server!: http.Server;
    url = "";

    async start(): Promise<this> {
        ({ server: this.server, url: this.url } = await listen((_req, res) => {
            this.requests++;
            if (this.answer === "hang") return; // the client's timeout ends it
            send(res, this.answer, { status: this.answer === 200 ? "OK" : "down" });
        }));
        this.url += "/api/v1/status";
        return this;
    }

    stop(): Promise<void> {
        this.server.closeAllConnections();
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}
