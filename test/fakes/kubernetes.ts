// A loopback Kubernetes API for one namespace: Deployments (and their scale
// subresource), Pods (with logs), PersistentVolumeClaims, Secrets and custom
// objects, with label selectors, JSON merge patches (the content type
// enforced) and resourceVersion conflicts. Hooks let a test play the
// controllers: what happens when a Deployment is scaled.
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { FaultQueue, listen, mergePatch, readBody, Recorded, send } from "./http";

type Obj = Record<string, any>;

export class FakeCluster {
    /** A kubeconfig's static token, or a managed identity's token for the AKS Entra ID server app. */
    static readonly tokens = ["Bearer test-token", "Bearer token-for-6dae42f8-4368-4678-94ff-3960e28e3630"];
    readonly requests: Recorded[] = [];
    /** Objects by collection (deployments, pods, …, or group/version/plural for custom objects), then name. */
    private store = new Map<string, Map<string, Obj>>();
    private version = 1;
    private server!: http.Server;
    url = "";
    /** Errors and hangs the API server plays on the next requests. */
    readonly faults = new FaultQueue();
    /** Called after a Deployment is scaled: play its controller. */
    onScale: (deployment: string, replicas: number) => void = () => undefined;
    /** Pod logs by pod name; a line is stamped with the time it was first served (append to add lines later). */
    logs = new Map<string, string>();
    private logTimes = new Map<string, number[]>();
    /** Bytes of log the server has sent: a follower reads each line about once. */
    logBytesServed = 0;
    /** The query parameters of every log read, to hold against the upstream API definition. */
    logQueries: string[][] = [];
    /** The kubelet's clock, for log times and sinceSeconds. */
    clock: () => number = Date.now;
    /** How an admin pod ends, and after how many reads. */
    podOutcome = { phase: "Succeeded", afterReads: 2 };

    constructor(readonly namespace = "logging") {}

    collection(name: string): Map<string, Obj> {
        let c = this.store.get(name);
        if (!c) this.store.set(name, (c = new Map()));
        return c;
    }

    put(collection: string, obj: Obj): Obj {
        obj.metadata = { namespace: this.namespace, ...obj.metadata, resourceVersion: String(this.version++) };
        this.collection(collection).set(obj.metadata.name, obj);
        return obj;
    }

    get(collection: string, name: string): Obj | undefined {
        return this.collection(collection).get(name);
    }

    deployment(name: string, replicas = 0, annotations: Record<string, string> = {}): Obj {
        return this.put("deployments", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name, annotations }, spec: { replicas } });
    }

    pod(name: string, labels: Record<string, string>, o: { ready?: boolean; phase?: string; log?: string } = {}): Obj {
        if (o.log !== undefined) {
            this.logs.set(name, o.log);
            this.logTimes.delete(name);
        }
        return this.put("pods", {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name, labels },
            status: { phase: o.phase ?? "Running", conditions: [{ type: "Ready", status: o.ready === false ? "False" : "True" }] },
        });
    }

    pods(selector: string): Obj[] {
        return [...this.collection("pods").values()].filter((p) => matches(p, selector));
    }

    /** The humio-operator Deployment's annotations and replicas, the common case in tests. */
    get annotations(): Record<string, string> {
        return this.get("deployments", "humio-operator")?.metadata.annotations ?? {};
    }

    get replicas(): number {
        return this.get("deployments", "humio-operator")?.spec.replicas ?? 0;
    }

    scaleRequests(deployment = "humio-operator"): Recorded[] {
        return this.requests.filter((r) => r.method === "PATCH" && r.path.endsWith(`/deployments/${deployment}/scale`));
    }

    /** Forget everything; start with the humio-operator Deployment at these replicas and annotations. */
    reset(replicas = 0, annotations: Record<string, string> = {}): void {
        this.requests.length = 0;
        this.store = new Map();
        this.logs = new Map();
        this.logTimes = new Map();
        this.logBytesServed = 0;
        this.logQueries = [];
        this.onScale = () => undefined;
        this.faults.clear();
        this.deployment("humio-operator", replicas, annotations);
    }

    async start(): Promise<this> {
        ({ server: this.server, url: this.url } = await listen((req, res) => this.handle(req, res)));
        return this;
    }

    stop(): Promise<void> {
        if (this.kubeconfigDir) fs.rmSync(this.kubeconfigDir, { recursive: true, force: true });
        this.server.closeAllConnections();
        return new Promise((resolve) => this.server.close(() => resolve()));
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
        const raw = await readBody(req);
        const u = new URL(req.url!, "http://x");
        const body = raw ? JSON.parse(raw) : undefined;
        this.requests.push({ at: Date.now(), method: req.method!, path: u.pathname, contentType: req.headers["content-type"], body });
        if (this.faults.play(res)) return;
        if (!FakeCluster.tokens.includes(String(req.headers.authorization))) return send(res, 401, status(401, "Unauthorized"));

        const ns = `/namespaces/${this.namespace}/`;
        const m =
            /^\/api\/v1\/namespaces\/[^/]+\/([a-z]+)(?:\/([^/]+))?(?:\/(log|scale))?$/.exec(u.pathname) ??
            /^\/apis\/apps\/v1\/namespaces\/[^/]+\/(deployments)(?:\/([^/]+))?(?:\/(scale))?$/.exec(u.pathname) ??
            /^\/apis\/([^/]+\/[^/]+)\/namespaces\/[^/]+\/([a-z]+)(?:\/([^/]+))?$/.exec(u.pathname);
        if (!m || !u.pathname.includes(ns)) return send(res, 404, status(404, "NotFound"));
        const custom = u.pathname.startsWith("/apis/") && !u.pathname.startsWith("/apis/apps/");
        const collection = custom ? `${m[1]}/${m[2]}` : m[1];
        const name = custom ? m[3] : m[2];
        const sub = custom ? undefined : m[3];
        const items = this.collection(collection);
        const selector = u.searchParams.get("labelSelector") ?? "";

        if (!name) {
            if (req.method === "GET") return send(res, 200, { kind: "List", apiVersion: "v1", metadata: {}, items: [...items.values()].filter((o) => matches(o, selector)) });
            if (req.method === "DELETE") {
                const gone = [...items.values()].filter((o) => matches(o, selector));
                gone.forEach((o) => items.delete(o.metadata.name));
                return send(res, 200, { kind: "List", apiVersion: "v1", metadata: {}, items: gone });
            }
            if (req.method === "POST") {
                if (items.has(body.metadata.name)) return send(res, 409, status(409, "AlreadyExists"));
                return send(res, 201, this.put(collection, { ...body, status: { phase: "Pending" }, reads: 0 }));
            }
            return send(res, 405, status(405, "MethodNotAllowed"));
        }

        const obj = items.get(name);
        if (!obj) return send(res, 404, status(404, "NotFound"));
        if (sub === "log") {
            const lines = (this.logs.get(name) ?? "").split("\n").filter(Boolean);
            const times = this.logTimes.get(name) ?? [];
            while (times.length < lines.length) times.push(this.clock());
            this.logQueries.push([...u.searchParams.keys()]);
            this.logTimes.set(name, times);
            // The log endpoint's timestamps and sinceSeconds (the kubelet filters by its own clock).
            const since = u.searchParams.has("sinceSeconds") ? this.clock() - Number(u.searchParams.get("sinceSeconds")) * 1000 : -Infinity;
            const stamped = u.searchParams.get("timestamps") === "true";
            const text = lines
                .map((l, i) => ({ l, i, at: times[i] }))
                .filter((x) => x.at >= since)
                // RFC3339Nano: the line's index as the sub-millisecond digits keeps every stamp distinct.
                .map((x) => (stamped ? `${new Date(x.at).toISOString().replace(/Z$/, `${String(x.i).padStart(6, "0")}Z`)} ${x.l}` : x.l))
                .join("\n");
            this.logBytesServed += Buffer.byteLength(text);
            res.writeHead(200, { "Content-Type": "text/plain" });
            return res.end(text);
        }
        if (req.method === "GET") {
            if (collection === "pods" && obj.status?.phase === "Pending" && ++obj.reads >= this.podOutcome.afterReads) obj.status.phase = this.podOutcome.phase;
            return send(res, 200, sub === "scale" ? scaleOf(obj) : obj);
        }
        if (req.method === "DELETE") {
            items.delete(name);
            return send(res, 200, obj);
        }
        if (req.method !== "PATCH") return send(res, 405, status(405, "MethodNotAllowed"));
        if (req.headers["content-type"] !== "application/merge-patch+json") return send(res, 415, status(415, `unsupported ${req.headers["content-type"]}`));
        const expected = body?.metadata?.resourceVersion;
        if (expected && expected !== obj.metadata.resourceVersion) return send(res, 409, status(409, "Conflict"));
        if (sub === "scale") {
            obj.spec.replicas = body.spec.replicas;
            obj.metadata.resourceVersion = String(this.version++);
            this.onScale(name, body.spec.replicas);
            return send(res, 200, scaleOf(obj));
        }
        const { resourceVersion: _rv, ...metadata } = body.metadata ?? {};
        const patched = mergePatch(obj, { ...body, metadata });
        patched.metadata.resourceVersion = String(this.version++);
        items.set(name, patched);
        if (collection === "deployments" && body.spec?.replicas !== undefined && body.spec.replicas !== obj.spec?.replicas) this.onScale(name, body.spec.replicas);
        return send(res, 200, patched);
    }

    /** A kubeconfig pointing at this server with a static token. */
    kubeconfig(): string {
        return [
            "apiVersion: v1",
            "kind: Config",
            // Plain HTTP on loopback: client-node only allows it with TLS verification off.
            `clusters: [{name: fake, cluster: {server: "${this.url}", insecure-skip-tls-verify: true}}]`,
            "users: [{name: test, user: {token: test-token}}]",
            "contexts: [{name: fake, context: {cluster: fake, user: test}}]",
            "current-context: fake",
        ].join("\n");
    }

    private kubeconfigDir?: string;

    /** The same as a file (for KUBECONFIG): written once, removed when the server stops. */
    kubeconfigFile(): string {
        this.kubeconfigDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "fake-kube-"));
        const file = path.join(this.kubeconfigDir, "config");
        if (!fs.existsSync(file)) fs.writeFileSync(file, this.kubeconfig());
        return file;
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
}

function status(code: number, reason: string) {
    return { kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message: reason };
}

function scaleOf(d: Obj) {
    return { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: d.metadata.name, namespace: d.metadata.namespace }, spec: { replicas: d.spec.replicas } };
}

/** Equality-based label selectors: a=b,c=d. */
function matches(o: Obj, selector: string): boolean {
    if (!selector) return true;
    const labels = o.metadata?.labels ?? {};
    return selector.split(",").every((term) => {
        const [k, v] = term.split("=");
        return labels[k] === v;
    });
}
