// What drctl does to a region's Kubernetes cluster: scale and annotate
// Deployments, stop LogScale, read pods and logs, patch the HumioCluster,
// run a one-shot admin pod, and reset Strimzi's Kafka state.
import * as k8s from "@kubernetes/client-node";
import { EnvVar, fromSecret, kafkaCaSecret, logscaleNamespace } from "../../contract";
import { OperatorDeployment } from "../../functions/failover/src/kube";

const mergePatch = k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch);

export interface PodSummary {
    name: string;
    phase: string;
    ready: boolean;
    labels: Record<string, string>;
}

export class RegionCluster {
    private clients?: { apps: k8s.AppsV1Api; core: k8s.CoreV1Api; custom: k8s.CustomObjectsApi };

    /** `howToConnect` says how to get credentials when the kubeconfig has none for this cluster. */
    constructor(
        private readonly kubeconfig: k8s.KubeConfig,
        readonly namespace = logscaleNamespace,
        private readonly howToConnect = "",
    ) {}

    /** Clients are made on first use, so --dry-run needs no cluster access. */
    private api() {
        if (!this.clients) {
            if (!this.kubeconfig.getCurrentCluster()) throw new Error(`no cluster for kubeconfig context ${JSON.stringify(this.kubeconfig.getCurrentContext())}${this.howToConnect ? `: ${this.howToConnect}` : ""}`);
            this.clients = { apps: this.kubeconfig.makeApiClient(k8s.AppsV1Api), core: this.kubeconfig.makeApiClient(k8s.CoreV1Api), custom: this.kubeconfig.makeApiClient(k8s.CustomObjectsApi) };
        }
        return this.clients;
    }

    private get apps() {
        return this.api().apps;
    }

    private get core() {
        return this.api().core;
    }

    private get custom() {
        return this.api().custom;
    }

    /** A Deployment as the failover function's code claims and stamps it (resourceVersion preconditions). */
    operator(deployment: string): OperatorDeployment {
        return new OperatorDeployment(this.kubeconfig, this.namespace, deployment);
    }

    async replicas(deployment: string): Promise<number> {
        return (await this.apps.readNamespacedDeployment({ name: deployment, namespace: this.namespace })).spec?.replicas ?? 0;
    }

    async annotations(deployment: string): Promise<Record<string, string>> {
        return (await this.apps.readNamespacedDeployment({ name: deployment, namespace: this.namespace })).metadata?.annotations ?? {};
    }

    async annotate(deployment: string, changes: Record<string, string | null>): Promise<void> {
        await this.apps.patchNamespacedDeployment({ name: deployment, namespace: this.namespace, body: { metadata: { annotations: changes } } }, mergePatch);
    }

    async scale(deployment: string, replicas: number): Promise<void> {
        await this.apps.patchNamespacedDeploymentScale({ name: deployment, namespace: this.namespace, body: { spec: { replicas } } }, mergePatch);
    }

    async pods(labelSelector: string): Promise<PodSummary[]> {
        const list = await this.core.listNamespacedPod({ namespace: this.namespace, labelSelector });
        return list.items.map((p) => ({
            name: p.metadata?.name ?? "",
            phase: p.status?.phase ?? "Unknown",
            ready: (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
            labels: p.metadata?.labels ?? {},
        }));
    }

    async deletePods(labelSelector: string): Promise<void> {
        await this.core.deleteCollectionNamespacedPod({ namespace: this.namespace, labelSelector });
    }

    async logs(labelSelector: string, container: string): Promise<string> {
        const out: string[] = [];
        for (const p of await this.pods(labelSelector)) out.push(await this.core.readNamespacedPodLog({ name: p.name, namespace: this.namespace, container }));
        return out.join("\n");
    }

    /**
     * One pod's log with each line's timestamp (RFC3339Nano, first on the
     * line), from `sinceSeconds` ago when given, at most 4 MiB: the log
     * endpoint's own parameters (Kubernetes 1.33 OpenAPI, readCoreV1NamespacedPodLog).
     */
    podLog(name: string, container: string, sinceSeconds?: number): Promise<string> {
        return this.core.readNamespacedPodLog({ name, namespace: this.namespace, container, timestamps: true, sinceSeconds, limitBytes: 4 * 1024 * 1024 });
    }

    async secretValue(name: string, key: string): Promise<string> {
        const s = await this.core.readNamespacedSecret({ name, namespace: this.namespace });
        const v = s.data?.[key];
        if (!v) throw new Error(`secret ${this.namespace}/${name} has no key ${key}`);
        return Buffer.from(v, "base64").toString("utf8");
    }

    /** Create the Opaque secret, or replace its data: what a cold start reads the peer's keys from. */
    async putSecret(name: string, values: Record<string, string>): Promise<void> {
        const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v, "utf8").toString("base64")]));
        try {
            await this.core.patchNamespacedSecret({ name, namespace: this.namespace, body: { data } }, mergePatch);
        } catch (e) {
            if (!(e instanceof k8s.ApiException && e.code === 404)) throw e;
            await this.core.createNamespacedSecret({ namespace: this.namespace, body: { metadata: { name, namespace: this.namespace }, type: "Opaque", data } });
        }
    }

    async humioCluster(name: string): Promise<any> {
        return this.custom.getNamespacedCustomObject({ group: "core.humio.com", version: "v1alpha1", namespace: this.namespace, plural: "humioclusters", name });
    }

    /** Put these variables into the HumioCluster's common environment, replacing same-named ones; true if anything changed. */
    async setCommonEnv(name: string, vars: EnvVar[]): Promise<boolean> {
        const hc = await this.humioCluster(name);
        const env: EnvVar[] = hc.spec?.commonEnvironmentVariables ?? [];
        const merged = [...env.filter((e) => !vars.some((v) => v.name === e.name)), ...vars];
        if (JSON.stringify(merged) === JSON.stringify(env)) return false;
        await this.custom.patchNamespacedCustomObject(
            { group: "core.humio.com", version: "v1alpha1", namespace: this.namespace, plural: "humioclusters", name, body: { metadata: { resourceVersion: hc.metadata.resourceVersion }, spec: { commonEnvironmentVariables: merged } } },
            mergePatch,
        );
        return true;
    }

    async createPod(pod: k8s.V1Pod): Promise<void> {
        await this.core.createNamespacedPod({ namespace: this.namespace, body: pod });
    }

    async podPhase(name: string): Promise<string | undefined> {
        try {
            return (await this.core.readNamespacedPod({ name, namespace: this.namespace })).status?.phase;
        } catch (e) {
            if (e instanceof k8s.ApiException && e.code === 404) return undefined;
            throw e;
        }
    }

    async deletePod(name: string): Promise<void> {
        try {
            await this.core.deleteNamespacedPod({ name, namespace: this.namespace });
        } catch (e) {
            if (!(e instanceof k8s.ApiException && e.code === 404)) throw e;
        }
    }

    async persistentVolumeClaims(labelSelector: string): Promise<string[]> {
        return (await this.core.listNamespacedPersistentVolumeClaim({ namespace: this.namespace, labelSelector })).items.map((c) => c.metadata?.name ?? "");
    }

    async deletePersistentVolumeClaims(labelSelector: string): Promise<void> {
        await this.core.deleteCollectionNamespacedPersistentVolumeClaim({ namespace: this.namespace, labelSelector });
    }

    async deleteStrimziPodSets(): Promise<void> {
        await this.custom.deleteCollectionNamespacedCustomObject({ group: "core.strimzi.io", version: "v1beta2", namespace: this.namespace, plural: "strimzipodsets" });
    }
}

/**
 * A one-shot pod that deletes the `global-events` topic over TLS (9093) with
 * a truststore built from the cluster CA secret. Running kafka-topics.sh in a
 * broker's own container runs out of memory, hence a pod of its own.
 */
export function topicResetPod(name: string, kafkaCluster: string, image: string): k8s.V1Pod {
    const bootstrap = `${kafkaCluster}-kafka-bootstrap:9093`;
    const ca = kafkaCaSecret(kafkaCluster);
    const script = [
        "set -eu",
        `keytool -importcert -noprompt -alias ca -file /ca/${ca.certificateKey} -keystore /tmp/truststore.p12 -storetype PKCS12 -storepass "$TRUSTSTORE_PASSWORD"`,
        "printf 'security.protocol=SSL\\nssl.truststore.type=PKCS12\\nssl.truststore.location=/tmp/truststore.p12\\nssl.truststore.password=%s\\n' \"$TRUSTSTORE_PASSWORD\" > /tmp/client.properties",
        `if bin/kafka-topics.sh --bootstrap-server ${bootstrap} --command-config /tmp/client.properties --list | grep -qx global-events; then`,
        `  bin/kafka-topics.sh --bootstrap-server ${bootstrap} --command-config /tmp/client.properties --delete --topic global-events`,
        "fi",
    ].join("\n");
    return {
        metadata: { name, labels: { "app.kubernetes.io/name": "logscale-dr-kafka-admin" } },
        spec: {
            restartPolicy: "Never",
            containers: [
                {
                    name: "kafka-admin",
                    image,
                    command: ["/bin/bash", "-c", script],
                    env: [{ name: "TRUSTSTORE_PASSWORD", valueFrom: fromSecret({ name: ca.name, key: ca.passwordKey }) }],
                    volumeMounts: [{ name: "ca", mountPath: "/ca", readOnly: true }],
                    resources: { requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } },
                },
            ],
            volumes: [{ name: "ca", secret: { secretName: ca.name } }],
        },
    };
}
