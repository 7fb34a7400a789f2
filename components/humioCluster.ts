// The HumioCluster object: digest pool plus the UI and ingest pools of the
// cluster type, bucket storage on Azure, Kafka over TLS, and the DR variables.
// Pure: inputs in, the object out; the LogScale component applies it.
import * as pulumi from "@pulumi/pulumi";
import { ClusterType, DrMode } from "../stacks/configSchema";
import { kafkaClusterName } from "./drContract";
import { drEnvVars, EnvVar, RecoverySource } from "./drEnv";
import { poolIdentity } from "./nodePools";
import { ClusterSize, clusterSizes, PodSize, PoolRole } from "./sizing";

export const digestPartitionsCount = 840;
export const drModeAnnotation = "logscale.dr/mode";

/** Kubernetes secrets the cluster reads, by name and key. */
export const logscaleSecrets = {
    storageKey: { name: "azure-storage-key", key: "storage-access-key" },
    encryptionKey: { name: "azure-storage-encryption-key", key: "storage-encryption-key" },
    staticUsers: { name: "logscale-static-users", key: "users" },
    license: { name: "logscale-license", key: "license" },
    oidcClientSecret: { name: "logscale-oidc", key: "client-secret" },
} as const;

/** How users sign in: LogScale's static users, or Entra ID over OIDC. */
export type LogScaleAuthentication = { kind: "static" } | { kind: "oidc"; provider: pulumi.Input<string>; clientId: pulumi.Input<string> };

/** The pod label that makes AKS inject a workload identity token. */
export const workloadIdentityPodLabels = { "azure.workload.identity/use": "true" } as const;

export function kafkaBootstrapServers(namePrefix: string, namespace: string): string {
    return `${kafkaClusterName(namePrefix)}-kafka-bootstrap.${namespace}.svc:9093`;
}

/** HumioCluster node pools by role, with the NODE_ROLES each runs. */
const dedicatedPools: Array<{ role: PoolRole; name: string; env: EnvVar[] }> = [
    {
        role: "ui",
        name: "ui",
        env: [
            { name: "NODE_ROLES", value: "httponly" },
            { name: "INITIAL_DISABLED_NODE_TASK", value: "digest,storage" },
        ],
    },
    {
        role: "ingest",
        name: "ingest-only",
        env: [
            { name: "NODE_ROLES", value: "ingestonly" },
            { name: "INITIAL_DISABLED_NODE_TASK", value: "digest,query,storage" },
        ],
    },
];

const dedicatedPoolsOfType: Record<ClusterType, PoolRole[]> = {
    basic: [],
    ingress: [],
    "dedicated-ui": ["ui"],
    advanced: ["ui", "ingest"],
};

/** The `humio.com/node-pool` label of a pool's pods: the cluster name, suffixed for the dedicated pools. */
export function nodePoolLabel(clusterName: string, role: "digest" | "ui" | "ingest"): string {
    if (role === "digest") return clusterName;
    return `${clusterName}-${dedicatedPools.find((p) => p.role === role)!.name}`;
}

export function hasDedicatedPool(type: ClusterType, role: "ui" | "ingest"): boolean {
    return dedicatedPoolsOfType[type].includes(role);
}

export interface HumioClusterInputs {
    name: string;
    namespace: string;
    image: string;
    dr: DrMode;
    drPreserveRecoveryEnv: boolean;
    clusterType: ClusterType;
    clusterSize: ClusterSize;
    location: string;
    /** Host name clients use (the global name); PUBLIC_URL points at it. */
    publicHostname: string;
    storage: {
        accountName: pulumi.Input<string>;
        containerName: pulumi.Input<string>;
        blobEndpoint: pulumi.Input<string>;
        objectKeyPrefix: string;
    };
    recoverySource?: RecoverySource;
    authentication: LogScaleAuthentication;
    /** The service account (federated with the region's LogScale identity) every pod runs as; absent: the operator's default. */
    serviceAccountName?: string;
}

function affinity(role: PoolRole) {
    return {
        nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                    {
                        matchExpressions: [
                            { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
                            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                            { key: "k8s-app", operator: "In", values: [poolIdentity[role].label] },
                        ],
                    },
                ],
            },
        },
        podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
                {
                    labelSelector: { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["humio"] }] },
                    topologyKey: "kubernetes.io/hostname",
                },
            ],
        },
    };
}

function resources(pods: PodSize) {
    const amount = { cpu: pods.cpu, memory: pods.memory };
    return { requests: amount, limits: amount };
}

const updateStrategy = { type: "RollingUpdate", enableZoneAwareness: true, minReadySeconds: 120, maxUnavailable: "50%" };

/** Environment shared by every pool: bucket storage, Kafka over TLS, authentication, and the DR variables. */
export function commonEnvVars(i: HumioClusterInputs): EnvVar[] {
    const fromSecret = (s: { name: string; key: string }): EnvVar["valueFrom"] => ({ secretKeyRef: { name: s.name, key: s.key } });
    const kafka = kafkaBootstrapServers(i.name, i.namespace);
    return [
        { name: "AZURE_STORAGE_USE_HTTP_PROXY", value: "false" },
        { name: "AZURE_STORAGE_ACCOUNTNAME", value: i.storage.accountName },
        { name: "AZURE_STORAGE_BUCKET", value: i.storage.containerName },
        { name: "AZURE_STORAGE_ENDPOINT_BASE", value: i.storage.blobEndpoint },
        { name: "AZURE_STORAGE_OBJECT_KEY_PREFIX", value: i.storage.objectKeyPrefix },
        { name: "AZURE_STORAGE_REGION", value: i.location },
        { name: "AZURE_STORAGE_ACCOUNTKEY", valueFrom: fromSecret(logscaleSecrets.storageKey) },
        { name: "AZURE_STORAGE_ENCRYPTION_KEY", valueFrom: fromSecret(logscaleSecrets.encryptionKey) },
        { name: "KAFKA_BOOTSTRAP_SERVERS", value: kafka },
        { name: "KAFKA_SERVERS", value: kafka },
        { name: "KAFKA_COMMON_SECURITY_PROTOCOL", value: "SSL" },
        { name: "KAFKA_COMMON_SSL_TRUSTSTORE_TYPE", value: "PKCS12" },
        { name: "KAFKA_COMMON_SSL_TRUSTSTORE_LOCATION", value: "/tmp/kafka/ca.p12" },
        { name: "KAFKA_COMMON_SSL_TRUSTSTORE_PASSWORD", valueFrom: fromSecret({ name: `${kafkaClusterName(i.name)}-cluster-ca-cert`, key: "ca.password" }) },
        { name: "USING_EPHEMERAL_DISKS", value: "true" },
        { name: "LOCAL_STORAGE_PERCENTAGE", value: "80" },
        { name: "LOCAL_STORAGE_MIN_AGE_DAYS", value: "1" },
        { name: "PUBLIC_URL", value: `https://${i.publicHostname}` },
        ...authenticationEnvVars(i.authentication),
        ...drEnvVars({ dr: i.dr, preserveRecoveryEnv: i.drPreserveRecoveryEnv, recoverySource: i.recoverySource, ownRegion: i.location }),
    ];
}

export function authenticationEnvVars(auth: LogScaleAuthentication): EnvVar[] {
    const fromSecret = (s: { name: string; key: string }): EnvVar["valueFrom"] => ({ secretKeyRef: { name: s.name, key: s.key } });
    if (auth.kind === "static") {
        return [
            { name: "AUTHENTICATION_METHOD", value: "static" },
            { name: "STATIC_USERS", valueFrom: fromSecret(logscaleSecrets.staticUsers) },
        ];
    }
    return [
        // LogScale's "oauth" method with an OIDC provider: it signs users in through Entra ID at <PUBLIC_URL>/auth/oidc.
        { name: "AUTHENTICATION_METHOD", value: "oauth" },
        { name: "OIDC_PROVIDER", value: auth.provider },
        { name: "OIDC_OAUTH_CLIENT_ID", value: auth.clientId },
        { name: "OIDC_OAUTH_CLIENT_SECRET", valueFrom: fromSecret(logscaleSecrets.oidcClientSecret) },
        { name: "OIDC_USERNAME_CLAIM", value: "preferred_username" },
        { name: "OIDC_GROUPS_CLAIM", value: "groups" },
        { name: "AUTO_CREATE_USER_ON_SUCCESSFUL_LOGIN", value: "true" },
    ];
}

/** Pod identity fields, the same on the cluster's own spec and on every node pool's. */
function podIdentity(i: HumioClusterInputs) {
    return i.serviceAccountName ? { humioServiceAccountName: i.serviceAccountName, podLabels: { ...workloadIdentityPodLabels } } : {};
}

function dataVolume(pods: PodSize) {
    return { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: pods.disk } }, storageClassName: "managed-csi-premium" };
}

/** Digest nodes: production count, or the single recovery node on a standby. */
export function digestNodeCount(dr: DrMode, size: ClusterSize): number {
    return dr === "standby" ? 1 : clusterSizes[size].digest.count;
}

export function replicationFactor(dr: DrMode): number {
    return dr === "standby" ? 1 : 2;
}

export function humioClusterObject(i: HumioClusterInputs) {
    const size = clusterSizes[i.clusterSize];
    const kafkaTrustStore = {
        mounts: [{ name: "trust-store", mountPath: "/tmp/kafka/", readOnly: true }],
        volumes: [{ name: "trust-store", secret: { secretName: `${kafkaClusterName(i.name)}-cluster-ca-cert` } }],
    };
    const nodePools = dedicatedPools
        .filter((p) => dedicatedPoolsOfType[i.clusterType].includes(p.role))
        .map((p) => {
            const pods = size[p.role as "ui" | "ingest"];
            return {
                name: p.name,
                spec: {
                    image: i.image,
                    // A standby keeps the pools declared but empty; promotion only changes the counts.
                    nodeCount: i.dr === "standby" ? 0 : pods.count,
                    environmentVariables: p.env,
                    affinity: affinity(p.role),
                    resources: resources(pods),
                    dataVolumePersistentVolumeClaimSpecTemplate: dataVolume(pods),
                    extraHumioVolumeMounts: kafkaTrustStore.mounts,
                    extraVolumes: kafkaTrustStore.volumes,
                    updateStrategy,
                    ...podIdentity(i),
                },
            };
        });
    return {
        apiVersion: "core.humio.com/v1alpha1",
        kind: "HumioCluster",
        // The DR mode, for policies and people to read; metadata only, so pods do not roll.
        metadata: { name: i.name, namespace: i.namespace, annotations: { [drModeAnnotation]: i.dr === "" ? "none" : i.dr } },
        spec: {
            image: i.image,
            license: { secretKeyRef: { name: logscaleSecrets.license.name, key: logscaleSecrets.license.key } },
            nodeCount: digestNodeCount(i.dr, i.clusterSize),
            digestPartitionsCount,
            targetReplicationFactor: replicationFactor(i.dr),
            autoRebalancePartitions: i.dr !== "standby",
            tls: { enabled: true },
            updateStrategy,
            affinity: affinity("digest"),
            resources: resources(size.digest),
            dataVolumeSource: { ephemeral: { volumeClaimTemplate: { spec: dataVolume(size.digest) } } },
            commonEnvironmentVariables: commonEnvVars(i),
            environmentVariables: [{ name: "NODE_ROLES", value: "all" }],
            extraHumioVolumeMounts: kafkaTrustStore.mounts,
            extraVolumes: kafkaTrustStore.volumes,
            ...podIdentity(i),
            nodePools,
        },
    };
}
