// The humio-operator Deployment: read its replicas and fencing token, and
// change them only with the resourceVersion read (the API server refuses a
// write carrying a stale one with 409 Conflict: Kubernetes API conventions,
// "Concurrency Control and Consistency"). Merge patches throughout: client-node
// sends JSON Patch unless told otherwise, and it has no request timeout of its
// own, so every call carries one.
import * as k8s from "@kubernetes/client-node";
import { operatorAnnotations } from "../../../contract";
import { OperatorPort } from "./failover";

function status(e: unknown): number | undefined {
    return e instanceof k8s.ApiException ? e.code : undefined;
}

/** Per-call options: merge patch (for patches), and an abort after `timeoutMs`. */
function callOptions(timeoutMs: number, patch = false): k8s.ConfigurationOptions {
    const timeout: k8s.ObservableMiddleware = {
        pre: (request) => {
            request.setSignal(AbortSignal.timeout(timeoutMs));
            return new k8s.Observable(Promise.resolve(request));
        },
        post: (response) => new k8s.Observable(Promise.resolve(response)),
    };
    const base: k8s.ConfigurationOptions = { middleware: [timeout], middlewareMergeStrategy: "append" };
    return patch ? k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch, base) : base;
}

export class OperatorDeployment implements OperatorPort {
    private readonly api: k8s.AppsV1Api;

    constructor(
        kubeconfig: k8s.KubeConfig,
        private readonly namespace: string,
        private readonly name: string,
    ) {
        this.api = kubeconfig.makeApiClient(k8s.AppsV1Api);
    }

    async read(timeoutMs: number): Promise<{ replicas: number; token: number; resourceVersion: string }> {
        const d = await this.api.readNamespacedDeployment({ name: this.name, namespace: this.namespace }, callOptions(timeoutMs));
        const token = Number(d.metadata?.annotations?.[operatorAnnotations.fencingToken] ?? 0);
        return { replicas: d.spec?.replicas ?? 0, token: Number.isInteger(token) && token > 0 ? token : 0, resourceVersion: d.metadata?.resourceVersion ?? "" };
    }

    async claim(change: { resourceVersion: string; replicas: number; annotations: Record<string, string> }, timeoutMs: number): Promise<boolean> {
        try {
            await this.patch({ metadata: { resourceVersion: change.resourceVersion, annotations: change.annotations }, spec: { replicas: change.replicas } }, timeoutMs);
            return true;
        } catch (e) {
            if (status(e) === 409) return false;
            throw e;
        }
    }

    async stamp(annotations: Record<string, string>, timeoutMs: number): Promise<void> {
        await this.patch({ metadata: { annotations } }, timeoutMs);
    }

    private async patch(body: object, timeoutMs: number): Promise<void> {
        await this.api.patchNamespacedDeployment({ name: this.name, namespace: this.namespace, body }, callOptions(timeoutMs, true));
    }
}

/** A kubeconfig for an Entra ID AKS cluster: server and CA from ARM, a bearer token from the managed identity. */
export function kubeconfigWithToken(userKubeconfig: string, token: string): k8s.KubeConfig {
    const source = new k8s.KubeConfig();
    source.loadFromString(userKubeconfig);
    const cluster = source.getCurrentCluster();
    if (!cluster) throw new Error("the cluster's kubeconfig names no cluster");
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
        clusters: [cluster],
        users: [{ name: "failover-function", token }],
        contexts: [{ name: "failover", cluster: cluster.name, user: "failover-function" }],
        currentContext: "failover",
    });
    return kc;
}
