// The humio-operator Deployment: read its replicas and annotations, annotate
// it, and scale it through the scale subresource. Merge patches throughout:
// client-node sends JSON Patch unless told otherwise.
import * as k8s from "@kubernetes/client-node";

export interface OperatorState {
    replicas: number;
    annotations: Record<string, string>;
    resourceVersion: string;
}

export interface OperatorPort {
    read(): Promise<OperatorState>;
    /** Merge `changes` into the annotations (null removes one). With a resourceVersion, false if the object changed since. */
    annotate(changes: Record<string, string | null>, resourceVersion?: string): Promise<boolean>;
    scale(replicas: number): Promise<void>;
}

const mergePatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

function status(e: unknown): number | undefined {
    return e instanceof k8s.ApiException ? e.code : undefined;
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

    async read(): Promise<OperatorState> {
        const d = await this.api.readNamespacedDeployment({ name: this.name, namespace: this.namespace });
        return {
            replicas: d.spec?.replicas ?? 0,
            annotations: { ...(d.metadata?.annotations ?? {}) },
            resourceVersion: d.metadata?.resourceVersion ?? "",
        };
    }

    async annotate(changes: Record<string, string | null>, resourceVersion?: string): Promise<boolean> {
        const metadata: Record<string, unknown> = { annotations: changes };
        if (resourceVersion) metadata.resourceVersion = resourceVersion;
        try {
            await this.api.patchNamespacedDeployment({ name: this.name, namespace: this.namespace, body: { metadata } }, mergePatch);
            return true;
        } catch (e) {
            if (resourceVersion && status(e) === 409) return false;
            throw e;
        }
    }

    async scale(replicas: number): Promise<void> {
        await this.api.patchNamespacedDeploymentScale({ name: this.name, namespace: this.namespace, body: { spec: { replicas } } }, mergePatch);
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
