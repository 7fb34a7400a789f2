// Loopback stand-ins for what the failover function talks to: Azurite (a real
// Azure Storage emulator with leases and ETags), and small fakes of the
// Kubernetes API, Azure Resource Manager and the primary's health URL. All
// listen on 127.0.0.1 on a random port and record what they were asked.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../../tools/stackFiles";

export interface Recorded {
    at: number;
    method: string;
    path: string;
    contentType?: string;
    body?: any;
}

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
}

/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: any, patch: any): any {
    if (!patch || typeof patch !== "object" || Array.isArray(patch)) return patch;
    const out = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete out[k];
        else out[k] = mergePatch(out[k], v);
    }
    return out;
}

// --- Azurite -----------------------------------------------------------------

export interface Azurite {
    connectionString: string;
    stop(): Promise<void>;
}

const devAccount = "devstoreaccount1";
const devKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export async function startAzurite(): Promise<Azurite> {
    const main = path.join(projectRoot, "node_modules/azurite/dist/src/blob/main.js");
    const child: ChildProcess = spawn(process.execPath, [main, "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry"], {
        stdio: ["ignore", "pipe", "pipe"],
    });
    const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`Azurite did not start within 15 s: ${out}`)), 15_000);
        child.stdout!.on("data", (d) => {
            out += d;
            const m = /successfully listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        child.on("exit", (code) => reject(new Error(`Azurite exited (${code}): ${out}`)));
    });
    return {
        connectionString: `DefaultEndpointsProtocol=http;AccountName=${devAccount};AccountKey=${devKey};BlobEndpoint=${url}/${devAccount};`,
        stop: () =>
            new Promise((resolve) => {
                child.once("exit", () => resolve());
                child.kill();
            }),
    };
}

// --- Kubernetes API ------------------------------------------------------------

export class FakeKubernetes {
    /** A kubeconfig's static token, or a managed identity's token for the AKS Entra ID server app. */
    static readonly tokens = ["Bearer test-token", "Bearer token-for-6dae42f8-4368-4678-94ff-3960e28e3630"];
    readonly requests: Recorded[] = [];
    deployment: any;
    private server!: http.Server;
    url = "";
    private version = 1;

    constructor(
        readonly namespace = "logging",
        readonly name = "humio-operator",
    ) {
        this.reset();
    }

    reset(replicas = 0, annotations: Record<string, string> = {}) {
        this.requests.length = 0;
        this.deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: this.name, namespace: this.namespace, annotations, resourceVersion: String(this.version++) }, spec: { replicas } };
    }

    get annotations(): Record<string, string> {
        return this.deployment.metadata.annotations ?? {};
    }

    get replicas(): number {
        return this.deployment.spec.replicas;
    }

    scaleRequests(): Recorded[] {
        return this.requests.filter((r) => r.method === "PATCH" && r.path.endsWith("/scale"));
    }

    async start(): Promise<this> {
        const base = `/apis/apps/v1/namespaces/${this.namespace}/deployments/${this.name}`;
        ({ server: this.server, url: this.url } = await listen(async (req, res) => {
            const raw = await readBody(req);
            const body = raw ? JSON.parse(raw) : undefined;
            const pathname = new URL(req.url!, "http://x").pathname;
            this.requests.push({ at: Date.now(), method: req.method!, path: pathname, contentType: req.headers["content-type"], body });
            if (!FakeKubernetes.tokens.includes(String(req.headers.authorization))) return send(res, 401, { kind: "Status", code: 401 });
            if (pathname !== base && pathname !== `${base}/scale`) return send(res, 404, { kind: "Status", code: 404, reason: "NotFound" });
            const scale = () => ({ apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: this.name, namespace: this.namespace }, spec: { replicas: this.deployment.spec.replicas } });
            if (req.method === "GET") return send(res, 200, pathname === base ? this.deployment : scale());
            if (req.method !== "PATCH") return send(res, 405, { kind: "Status", code: 405 });
            if (req.headers["content-type"] !== "application/merge-patch+json") return send(res, 415, { kind: "Status", code: 415, message: `unsupported ${req.headers["content-type"]}` });
            const expected = body?.metadata?.resourceVersion;
            if (expected && expected !== this.deployment.metadata.resourceVersion) return send(res, 409, { kind: "Status", code: 409, reason: "Conflict" });
            if (pathname === base) {
                const { resourceVersion: _rv, ...metadata } = body.metadata ?? {};
                this.deployment = mergePatch(this.deployment, { ...body, metadata });
            } else {
                this.deployment.spec.replicas = body.spec.replicas;
            }
            this.deployment.metadata.resourceVersion = String(this.version++);
            return send(res, 200, pathname === base ? this.deployment : scale());
        }));
        return this;
    }

    /** The kubeconfig AKS hands out for an Entra ID cluster: this server, and an exec (kubelogin) user. */
    entraKubeconfig(): string {
        return [
            "apiVersion: v1",
            "kind: Config",
            `clusters: [{name: lsdr-sec-aks, cluster: {server: "${this.url}", insecure-skip-tls-verify: true}}]`,
            "users: [{name: clusterUser, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, args: [get-token, --login, devicecode]}}}]",
            "contexts: [{name: lsdr-sec-aks, context: {cluster: lsdr-sec-aks, user: clusterUser}}]",
            "current-context: lsdr-sec-aks",
        ].join("\n");
    }

    /** A kubeconfig file pointing at this server. */
    kubeconfigFile(): string {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "failover-kube-"));
        const file = path.join(dir, "config");
        fs.writeFileSync(
            file,
            [
                "apiVersion: v1",
                "kind: Config",
                // Plain HTTP on loopback: client-node only allows it with TLS verification off.
                `clusters: [{name: fake, cluster: {server: "${this.url}", insecure-skip-tls-verify: true}}]`,
                "users: [{name: test, user: {token: test-token}}]",
                "contexts: [{name: fake, context: {cluster: fake, user: test}}]",
                "current-context: fake",
            ].join("\n"),
        );
        return file;
    }

    stop(): Promise<void> {
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}

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
