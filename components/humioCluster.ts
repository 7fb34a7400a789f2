// The HumioCluster object: the digest pool plus the dedicated UI and ingest
// pools, bucket storage on Azure, Kafka over TLS, sign-in, and the DR
// variables the region plan gives it. Pure: inputs in, the object out; the
// LogScale component applies it.
import * as pulumi from "@pulumi/pulumi";
import {
    dedicatedLogScalePools,
    DedicatedRole,
    drModeAnnotation,
    EnvVar,
    fromSecret,
    kafkaCaSecret,
    kafkaClusterName,
    logscalePodLabels,
    logscaleSecrets,
    nodePoolLabelKey,
    nodePoolLabels,
    PoolRole,
} from "../contract";
import { PodSize } from "./sizes";

export const digestPartitionsCount = 840;

/** A variable whose value may come from a resource output (the region's own storage account). */
export type EnvVarInput = Omit<EnvVar, "value"> & { value?: pulumi.Input<string> };

/** How users sign in: LogScale's static users, or Entra ID over OIDC. */
export type LogScaleAuthentication = { kind: "static" } | { kind: "oidc"; provider: pulumi.Input<string>; clientId: pulumi.Input<string> };

/** The pod label that makes AKS inject a workload identity token. */
export const workloadIdentityPodLabels = { "azure.workload.identity/use": "true" } as const;

export function kafkaBootstrapServers(namePrefix: string, namespace: string): string {
    return `${kafkaClusterName(namePrefix)}-kafka-bootstrap.${namespace}.svc:9093`;
}

/** The NODE_ROLES each dedicated pool runs. */
const dedicatedPoolEnv: Record<DedicatedRole, EnvVar[]> = {
    ui: [
        { name: "NODE_ROLES", value: "httponly" },
        { name: "INITIAL_DISABLED_NODE_TASK", value: "digest,storage" },
    ],
    ingest: [
        { name: "NODE_ROLES", value: "ingestonly" },
        { name: "INITIAL_DISABLED_NODE_TASK", value: "digest,query,storage" },
    ],
};

/** One LogScale node pool: how many pods, and their size. */
export interface LogScalePool {
    nodeCount: number;
    pods: PodSize;
}

export interface HumioClusterInputs {
    name: string;
    namespace: string;
    image: string;
    /** The DR mode the `logscale.dr/mode` annotation declares. */
    drMode: "standby" | "active" | "none";
    digest: LogScalePool;
    /** The dedicated pools, in order; a pool declared with nodeCount 0 exists but runs no pods. */
    dedicated: Array<LogScalePool & { role: DedicatedRole }>;
    targetReplicationFactor: number;
    /** The DR variables (recovery, multiple endpoints, alerts), the same on every pool. */
    drEnv: EnvVar[];
    location: string;
    /** Host name clients use (the global name); PUBLIC_URL points at it. */
    publicHostname: string;
    storage: {
        accountName: pulumi.Input<string>;
        containerName: pulumi.Input<string>;
        blobEndpoint: pulumi.Input<string>;
        objectKeyPrefix: string;
    };
    authentication: LogScaleAuthentication;
    /** The service account (federated with the region's LogScale identity) every pod runs as; absent: the operator's default. */
    serviceAccountName?: string;
    /**
     * With Entra ID sign-in, the client secret's rotation day (model/signIn.ts). LogScale reads the secret only when
     * a pod starts; carried in every pod's environment, a new day changes the pod spec, and humio-operator replaces
     * pods whose spec hash differs (humio/humio-operator, internal/controller/humiocluster_pods.go, podsMatch).
     */
    signInSecretRotatedOn?: string;
}

/** The variable that carries the sign-in secret's rotation day; LogScale does not read it. */
export const signInSecretRotationVariable = "LOGSCALE_DR_SIGN_IN_ROTATED_ON";

/**
 * The LogScale container's security context: humio-operator 0.34.1's default
 * (humio/humio-operator, internal/controller/humiocluster_defaults.go,
 * GetContainerSecurityContext) without the SYS_NICE capability it adds, which
 * the baseline Pod Security Standard does not allow (Kubernetes docs, "Pod
 * Security Standards", Baseline: Capabilities), and with the runtime's default
 * seccomp profile. Without it LogScale's pods would be refused in the
 * `logging` namespace, which enforces baseline (model/clusterSecurity.ts).
 */
export const logscaleContainerSecurityContext = {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsUser: 65534,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};

function affinity(role: PoolRole) {
    return {
        nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                    {
                        matchExpressions: [
                            { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
                            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
                            { key: nodePoolLabelKey, operator: "In", values: [nodePoolLabels[role]] },
                        ],
                    },
                ],
            },
        },
        podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
                {
                    labelSelector: { matchExpressions: Object.entries(logscalePodLabels.name).map(([key, value]) => ({ key, operator: "In", values: [value] })) },
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
export function commonEnvVars(i: HumioClusterInputs): EnvVarInput[] {
    const kafka = kafkaBootstrapServers(i.name, i.namespace);
    const ca = kafkaCaSecret(kafkaClusterName(i.name));
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
        { name: "KAFKA_COMMON_SSL_TRUSTSTORE_PASSWORD", valueFrom: fromSecret({ name: ca.name, key: ca.passwordKey }) },
        { name: "USING_EPHEMERAL_DISKS", value: "true" },
        { name: "LOCAL_STORAGE_PERCENTAGE", value: "80" },
        { name: "LOCAL_STORAGE_MIN_AGE_DAYS", value: "1" },
        { name: "PUBLIC_URL", value: `https://${i.publicHostname}` },
        ...authenticationEnvVars(i.authentication),
        ...(i.authentication.kind === "oidc" && i.signInSecretRotatedOn ? [{ name: signInSecretRotationVariable, value: i.signInSecretRotatedOn }] : []),
        ...i.drEnv,
    ];
}

export function authenticationEnvVars(auth: LogScaleAuthentication): EnvVarInput[] {
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
        // `sub`, not `preferred_username`, which Microsoft documents as mutable and unfit for authorization decisions; `sub`
        // is immutable, never reassigned, and the same for a user across both regions (one application), and it is in
        // the ID token and the UserInfo response alike, whichever LogScale reads (Microsoft Learn, "ID token claims
        // reference": preferred_username, sub; "Microsoft identity platform UserInfo endpoint"). `oid` is immutable too,
        // but UserInfo does not return it.
        { name: "OIDC_USERNAME_CLAIM", value: "sub" },
        { name: "OIDC_GROUPS_CLAIM", value: "groups" },
        // Safe once only assigned users and groups can get a token for the application (components/signIn.ts).
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

export function humioClusterObject(i: HumioClusterInputs) {
    const caSecret = kafkaCaSecret(kafkaClusterName(i.name)).name;
    const kafkaTrustStore = {
        mounts: [{ name: "trust-store", mountPath: "/tmp/kafka/", readOnly: true }],
        volumes: [{ name: "trust-store", secret: { secretName: caSecret } }],
    };
    const nodePools = i.dedicated.map((p) => ({
        name: dedicatedLogScalePools[p.role],
        spec: {
            image: i.image,
            nodeCount: p.nodeCount,
            environmentVariables: dedicatedPoolEnv[p.role],
            affinity: affinity(p.role),
            resources: resources(p.pods),
            dataVolumePersistentVolumeClaimSpecTemplate: dataVolume(p.pods),
            extraHumioVolumeMounts: kafkaTrustStore.mounts,
            extraVolumes: kafkaTrustStore.volumes,
            containerSecurityContext: logscaleContainerSecurityContext,
            updateStrategy,
            ...podIdentity(i),
        },
    }));
    return {
        apiVersion: "core.humio.com/v1alpha1",
        kind: "HumioCluster",
        // The DR mode, for policies and people to read; metadata only, so pods do not roll.
        metadata: { name: i.name, namespace: i.namespace, annotations: { [drModeAnnotation]: i.drMode } },
        spec: {
            image: i.image,
            license: fromSecret(logscaleSecrets.license),
            nodeCount: i.digest.nodeCount,
            digestPartitionsCount,
            targetReplicationFactor: i.targetReplicationFactor,
            // No autoRebalancePartitions: humio-operator 0.34.1's CRD marks it "Deprecated: No longer needed as of
            // 1.89.0 as partitions and segment distribution is now automatically managed by LogScale itself".
            tls: { enabled: true },
            updateStrategy,
            affinity: affinity("digest"),
            resources: resources(i.digest.pods),
            dataVolumeSource: { ephemeral: { volumeClaimTemplate: { spec: dataVolume(i.digest.pods) } } },
            commonEnvironmentVariables: commonEnvVars(i),
            environmentVariables: [{ name: "NODE_ROLES", value: "all" }],
            extraHumioVolumeMounts: kafkaTrustStore.mounts,
            extraVolumes: kafkaTrustStore.volumes,
            containerSecurityContext: logscaleContainerSecurityContext,
            ...podIdentity(i),
            nodePools,
        },
    };
}
