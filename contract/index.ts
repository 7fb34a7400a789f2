// Every name that crosses a process or stack boundary: what the program
// creates and the failover function, drctl, the peer stack or an operator
// (humio-operator, Strimzi) act on or read. No imports, so every side can
// load it — the function's bundle, drctl and the tests included.

export const projectName = "logscale-dr";

// --- Kubernetes -------------------------------------------------------------------

/** Namespace of LogScale, Kafka and the humio-operator. */
export const logscaleNamespace = "logging";

/** The humio-operator Deployment: the chart names it after its release (charts/humio-operator/templates/operator-deployment.yaml). */
export const operatorDeploymentName = "humio-operator";

/** The Strimzi cluster operator Deployment (helm-charts/helm3/strimzi-kafka-operator/templates/060-Deployment-strimzi-cluster-operator.yaml). */
export const strimziOperatorDeploymentName = "strimzi-cluster-operator";

/** LogScale answers 200 here when the node is up and 503 when it is not. */
export const healthProbePath = "/api/v1/status";

/** The HumioCluster is named after the region's name prefix. */
export function logscaleClusterName(namePrefix: string): string {
    return namePrefix;
}

/** humio-operator labels every LogScale pod `app.kubernetes.io/name=humio` and `humio.com/node-pool=<pool>`. */
export const logscalePodLabels = { name: { "app.kubernetes.io/name": "humio" }, nodePoolKey: "humio.com/node-pool" } as const;

/** The same, as a label selector. */
export const logscalePodSelector = Object.entries(logscalePodLabels.name)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

/** HumioCluster node pools beside the digest pool (the cluster's own spec), by the AKS pool their pods run on. */
export const dedicatedLogScalePools = { ui: "ui", ingest: "ingest-only" } as const;
export type DedicatedRole = keyof typeof dedicatedLogScalePools;

/** The `humio.com/node-pool` value of a pool's pods: the cluster's name, suffixed for a dedicated pool. */
export function logscaleNodePool(clusterName: string, role: "digest" | DedicatedRole): string {
    return role === "digest" ? clusterName : `${clusterName}-${dedicatedLogScalePools[role]}`;
}

/** humio-operator keeps an API token for its cluster in `<cluster>-admin-token`, key `token`. */
export function adminTokenSecret(clusterName: string): { name: string; key: string } {
    return { name: `${clusterName}-admin-token`, key: "token" };
}

/**
 * LogScale's own TLS (HumioCluster `tls.enabled`): humio-operator issues every
 * node a certificate from its cluster CA naming `<cluster>-headless.<namespace>`,
 * and keeps a certificate from that CA in the secret `<cluster>`, whose
 * `ca.crt` is the CA (humio/humio-operator, internal/controller/humiocluster_tls.go:
 * ConstructNodeCertificate, constructClusterCACertificateBundle).
 */
export function logscaleTls(clusterName: string, namespace: string): { caSecret: string; serverName: string } {
    return { caSecret: clusterName, serverName: `${clusterName}-headless.${namespace}` };
}

/** The service account LogScale's pods run as; Entra ID trusts its tokens through the region identity's federated credential. */
export const logscaleServiceAccount = "logscale";

/**
 * Which of a storage account's two keys (StorageAccounts_ListKeys: key1,
 * key2) serves whom: LogScale's own region uses key1; the peer region recovers
 * with key2, so drctl can revoke the peer's copy without touching LogScale's.
 */
export const storageKeyNames = { logscale: "key1", recovery: "key2" } as const;

/** Secrets in the namespace that LogScale's pods read, by name and key. */
export const logscaleSecrets = {
    storageKey: { name: "azure-storage-key", key: "storage-access-key" },
    encryptionKey: { name: "azure-storage-encryption-key", key: "storage-encryption-key" },
    staticUsers: { name: "logscale-static-users", key: "users" },
    license: { name: "logscale-license", key: "license" },
    oidcClientSecret: { name: "logscale-oidc", key: "client-secret" },
    /** The peer's keys: a standby recovers with them, an active region fails back with them. */
    recoveryStorageKey: { name: "logscale-recovery-source", key: "storage-access-key" },
    recoveryEncryptionKey: { name: "logscale-recovery-source", key: "storage-encryption-key" },
} as const;

/** The Kafka cluster Strimzi runs for a region: it names the bootstrap service and the CA secret after it. */
export function kafkaClusterName(namePrefix: string): string {
    return `${namePrefix}-strimzi-kafka`;
}

/** Strimzi's cluster CA certificate secret, with the PKCS12 truststore password under `ca.password`. */
export function kafkaCaSecret(kafkaCluster: string): { name: string; passwordKey: string; certificateKey: string } {
    return { name: `${kafkaCluster}-cluster-ca-cert`, passwordKey: "ca.password", certificateKey: "ca.crt" };
}

/**
 * The broker pods of a Kafka cluster. Strimzi labels every pod it runs for
 * the cluster `strimzi.io/cluster=<name>` and `strimzi.io/kind=Kafka`, the
 * entity operator (which its Deployment recreates) included; only brokers
 * carry `strimzi.io/component-type=kafka` (strimzi/strimzi-kafka-operator,
 * Labels.STRIMZI_COMPONENT_TYPE_LABEL and KafkaCluster.COMPONENT_TYPE).
 */
export function kafkaBrokerSelector(kafkaCluster: string): string {
    return `strimzi.io/cluster=${kafkaCluster},strimzi.io/component-type=kafka`;
}

export const strimziChartVersion = "0.47.0";
export const kafkaVersion = "3.9.0";
/** Strimzi's Kafka image for this operator and Kafka version (drctl's topic reset pod runs it). */
export const kafkaImage = `quay.io/strimzi/kafka:${strimziChartVersion}-kafka-${kafkaVersion}`;

/** AKS node pools by role. A role is also the AKS pool name (Linux: at most 12 lower-case alphanumerics). */
export const poolRoles = ["system", "kafka", "digest", "ingress", "ui", "ingest"] as const;
export type PoolRole = (typeof poolRoles)[number];
/** The `k8s-app` node label of each pool, which workloads select. */
export const nodePoolLabels: Record<PoolRole, string> = {
    system: "support",
    kafka: "strimzi",
    digest: "logscale-digest",
    ingress: "logscale-ingress",
    ui: "logscale-ui",
    ingest: "logscale-ingest",
};
export const nodePoolLabelKey = "k8s-app";

/** Annotation on the HumioCluster that says the region's DR mode (metadata only: pods do not roll). The policy pack reads it. */
export const drModeAnnotation = "logscale.dr/mode";

/**
 * Annotations on the humio-operator Deployment: the fencing token of whoever
 * last changed it for the pair (the function, or a person through drctl), and
 * when a failover scaled it. The DR state record (witness blob) holds the rest.
 */
export const operatorAnnotations = {
    fencingToken: "logscale.dr/fencing-token",
    lastFailover: "logscale.dr/last-failover-epoch",
} as const;

/** Application ID of the AKS Entra ID server: the audience of kubelogin tokens and of the function's Kubernetes token. */
export const aksServerAppId = "6dae42f8-4368-4678-94ff-3960e28e3630";

// --- LogScale's DR environment ---------------------------------------------------------

/** A container environment variable, as Kubernetes and the HumioCluster spec take it. */
export interface EnvVar {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef: { name: string; key: string } };
}

/** Where a variable read from a Kubernetes secret comes from: keys and passwords never appear as literals. */
export function fromSecret(secret: { name: string; key: string }): NonNullable<EnvVar["valueFrom"]> {
    return { secretKeyRef: { name: secret.name, key: secret.key } };
}

/** The seven variables a cold-starting LogScale recovers its global snapshot with (the vendor's DR runbook). */
export const recoveryVariables = {
    bucket: "AZURE_RECOVER_FROM_BUCKET",
    accountName: "AZURE_RECOVER_FROM_ACCOUNTNAME",
    accountKey: "AZURE_RECOVER_FROM_ACCOUNTKEY",
    endpointBase: "AZURE_RECOVER_FROM_ENDPOINT_BASE",
    objectKeyPrefix: "AZURE_RECOVER_FROM_OBJECT_KEY_PREFIX",
    encryptionKey: "AZURE_RECOVER_FROM_ENCRYPTION_KEY",
    replaceRegion: "AZURE_RECOVER_FROM_REPLACE_REGION",
} as const;
export const recoveryVariableNames = Object.values(recoveryVariables);

// --- The failover function --------------------------------------------------------------

/** The witness blob in the standby's storage account: the pair's DR state record, its lease and fencing token. */
export const witnessContainer = "dr-witness";
export const witnessBlob = "dr-state.json";

/** The standby's metric alert on the primary endpoint. */
export function alertRuleName(namePrefix: string): string {
    return `${namePrefix}-primary-endpoint-down`;
}

/**
 * The Node.js major version the function runs on in Azure and is bundled for:
 * Node 20 left support on 30 April 2026; Functions v4 on Linux supports 22
 * (Microsoft Learn, "Azure Functions Node.js developer guide").
 */
export const failoverNodeMajor = 22;

/** The function's triggers: Azure Monitor calls `alert` (POST /api/alert); `evaluate` runs every `evaluationPeriodSeconds`. */
export const failoverFunctions = { alert: "alert", timer: "evaluate" } as const;
export const evaluationPeriodSeconds = 20;

/**
 * Bounds on one invocation: each call to Kubernetes, ARM or the primary gives
 * up after `failoverCallTimeoutSeconds`, each storage call (the DR state
 * record) after `storageCallTimeoutSeconds`, and an invocation as a whole
 * ends within `failoverInvocationSeconds` (it starts no call that could end
 * later), well inside the timer period: a timer occurrence does not start
 * while the last still runs (Microsoft Learn, "Timer trigger for Azure
 * Functions").
 */
export const failoverCallTimeoutSeconds = 4;
export const storageCallTimeoutSeconds = 2;
export const failoverInvocationSeconds = 16;

/**
 * The function fails over only after this many failed direct probes in a row
 * spanning at least this many seconds (and Traffic Manager agreeing): a flap
 * shorter than the window never fails over. Defaults and allowed ranges.
 */
export const failoverConfirmation = {
    probes: { default: 3, min: 3, max: 30 },
    seconds: { default: 120, min: 40, max: 600 },
} as const;

/** The allowance for a cold standby's stopped pools to run, in the failover estimate (not a measured figure: AKS documents none). */
export const coldPoolStartAllowanceSeconds = 900;

/** The function's app settings: the program writes them, the function reads them. */
export const failoverSettingNames = {
    aksClusterId: "AKS_CLUSTER_ID",
    witnessBlobUrl: "WITNESS_BLOB_URL",
    primaryHealthUrl: "PRIMARY_HEALTH_URL",
    primaryEndpointId: "TM_PRIMARY_ENDPOINT_ID",
    alertRuleName: "ALERT_RULE_NAME",
    confirmationProbes: "CONFIRMATION_PROBES",
    confirmationSeconds: "CONFIRMATION_SECONDS",
    mode: "FAILOVER_MODE",
    operatorNamespace: "OPERATOR_NAMESPACE",
    operatorDeployment: "OPERATOR_DEPLOYMENT",
    coldAgentPoolIds: "COLD_AGENT_POOL_IDS",
} as const;

// --- Traffic Manager ---------------------------------------------------------------------

/** Endpoint priorities on the pair's profile: the owner's region first. */
export const endpointPriority = { primary: 1, secondary: 2 } as const;

/** A Traffic Manager endpoint's name: the registering region's prefix and its priority role. */
export function endpointName(namePrefix: string, role: keyof typeof endpointPriority): string {
    return `${namePrefix}-${role}`;
}

// --- Stack outputs -------------------------------------------------------------------------

/** What must match between the regions, `key → value` (keys like `pools.ui.vmSize`). */
export type Parity = Record<string, string | number>;

/**
 * Worst-case seconds from the primary going down to the standby's operator
 * being scaled, by stage (model/failoverTimeline.ts). A cold standby's pools
 * start after that, beside LogScale's own recovery: not in the total.
 */
export interface FailoverTimeline {
    firstProbeSeconds: number;
    confirmationSeconds: number;
    trafficManagerSeconds: number;
    actionSeconds: number;
    totalSeconds: number;
    agentPoolStartSeconds: number;
}

/** Every output a stack exports: its peer's stack reference and drctl read them by these names. */
export interface StackOutputs {
    location: string;
    namePrefix: string;
    storageAccountName: string;
    /** The account's resource ID: drctl admits its own address through the account's firewall by it. */
    storageAccountId: string;
    storageContainerName: string;
    storageBlobEndpoint: string;
    storageObjectKeyPrefix: string;
    /** LogScale's own key (key1); drctl reads the region's snapshots and the DR state record with it. */
    storageAccountKey: string;
    /** The key the peer recovers with (key2). */
    recoveryAccountKey: string;
    storageEncryptionKey: string;
    egressIp: string;
    /** The subnets that reach storage through their Microsoft.Storage service endpoint: the peer's storage firewall admits them. */
    storageSubnetIds: string[];
    clusterFqdn: string;
    aksClusterName: string;
    aksResourceGroup: string;
    parity: Parity;
    keyVaultName?: string;
    postgresServerId?: string;
    redisCacheId?: string;
    signInClientId?: string;
    signInApplicationId?: string;
    trafficManagerProfileId?: string;
    trafficManagerProfileName?: string;
    trafficManagerResourceGroup?: string;
    globalFqdn?: string;
    primaryEndpointName?: string;
    reverseRecoveryEnvVars?: EnvVar[];
    failoverTimeline?: FailoverTimeline;
    /** A cold standby's stopped agent pools, which a failover starts (the function, or drctl failover). */
    coldAgentPoolIds?: string[];
}

/** Each output by name: `always` for every deployed stack, else only where the capability is on. */
export const stackOutputs: { readonly [K in keyof StackOutputs]-?: { always: undefined extends StackOutputs[K] ? false : true } } = {
    location: { always: true },
    namePrefix: { always: true },
    storageAccountName: { always: true },
    storageAccountId: { always: true },
    storageContainerName: { always: true },
    storageBlobEndpoint: { always: true },
    storageObjectKeyPrefix: { always: true },
    storageAccountKey: { always: true },
    recoveryAccountKey: { always: true },
    storageEncryptionKey: { always: true },
    egressIp: { always: true },
    storageSubnetIds: { always: true },
    clusterFqdn: { always: true },
    aksClusterName: { always: true },
    aksResourceGroup: { always: true },
    parity: { always: true },
    keyVaultName: { always: false },
    postgresServerId: { always: false },
    redisCacheId: { always: false },
    signInClientId: { always: false },
    signInApplicationId: { always: false },
    trafficManagerProfileId: { always: false },
    trafficManagerProfileName: { always: false },
    trafficManagerResourceGroup: { always: false },
    globalFqdn: { always: false },
    primaryEndpointName: { always: false },
    reverseRecoveryEnvVars: { always: false },
    failoverTimeline: { always: false },
    coldAgentPoolIds: { always: false },
};

export type StackOutputName = keyof StackOutputs;
export const stackOutputNames = Object.keys(stackOutputs) as StackOutputName[];
/** What every deployed stack exports: a peer missing one of these is not deployed yet. */
export const deployedStackOutputNames = stackOutputNames.filter((n) => stackOutputs[n].always);
