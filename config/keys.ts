// The project's stack config: every key with its type, default, what is
// allowed and why it exists. The single source: the settings type below is
// derived from it, Pulumi.yaml's `config:` section is generated from it
// (npm run sync:pulumi-yaml), and config/parse.ts reads by it.
import { isDnsName, isEmail, isHttpsUrl, isKeyVaultName, isResourceGroupName, maxUserTags, reservedTagKeys, storageIpRuleProblem, tagLimits, tagsProblem, widestStorageIpRange } from "./formats";
import { aksMinors } from "./kubernetesVersions";
import { failoverConfirmation } from "../contract";

export const drModes = ["active", "standby", ""] as const;
export type DrMode = (typeof drModes)[number];

export const clusterTypes = ["basic", "ingress", "dedicated-ui", "advanced"] as const;
export type ClusterType = (typeof clusterTypes)[number];

export const clusterSizes = ["xsmall", "small"] as const;
export type ClusterSize = (typeof clusterSizes)[number];

export const edges = ["envoyGateway", "appGateway"] as const;
export type Edge = (typeof edges)[number];

/** Azure Monitor metric alert evaluation frequencies and windows (ISO 8601 durations). */
const alertFrequencies = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H"] as const;
const alertWindows = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D"] as const;

const postgresVersions = ["13", "14", "15", "16", "17"] as const;
const postgresServerIdPattern = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/i;
const isPostgresServerId = (v: string) => postgresServerIdPattern.test(v) && isResourceGroupName(postgresServerIdPattern.exec(v)?.[1] ?? "");
const postgresStorageSizes = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];
/** An Entra ID object id. */
const isGuid = (v: string) => /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(v);

export type KeyType = "string" | "boolean" | "integer" | "array";

interface Described {
    description: string;
    /** What is allowed, as shown in error messages. */
    allowed: string;
    /** How a refused value is shown, where the raw one could carry a credential. */
    shown?: (raw: string) => string;
}

/** A plain key whose value has type T. Absent `default`: the key is required. */
export interface KeySpec<T> extends Described {
    type: KeyType;
    default?: T;
    check?: (value: T) => boolean;
    /** Why a value the check refuses is refused, told beside it (such as which entry of a list). */
    why?: (value: T) => string | undefined;
    secret?: undefined;
}

/** A secret key: read as a Pulumi secret, never parsed into the settings. */
export interface SecretKeySpec extends Described {
    type: "string";
    secret: true;
}

const quoted = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");

function text(o: Described & { default?: string; check?: (v: string) => boolean }): KeySpec<string> {
    return { type: "string", ...o };
}

function choice<const V extends readonly string[]>(values: V, o: { default?: V[number]; description: string; allowed?: string }): KeySpec<V[number]> {
    return { type: "string", allowed: o.allowed ?? quoted(values), default: o.default, description: o.description, check: (v) => values.includes(v) };
}

function flag(o: { default: boolean; description: string }): KeySpec<boolean> {
    return { type: "boolean", allowed: "true or false", ...o };
}

function integer(min: number, max: number, o: { default: number; description: string }): KeySpec<number> {
    return { type: "integer", allowed: `${min}-${max}`, ...o, check: (v) => v >= min && v <= max };
}

function integerChoice(values: readonly number[], o: { default: number; description: string; allowed?: string }): KeySpec<number> {
    return { type: "integer", allowed: o.allowed ?? values.join(", "), default: o.default, description: o.description, check: (v) => values.includes(v) };
}

function list(o: Described & { check: (v: string[]) => boolean; why?: (v: string[]) => string | undefined }): KeySpec<string[]> {
    return { type: "array", default: [], ...o };
}

export const configKeys = {
    dr: choice(drModes, {
        default: "",
        description: 'DR mode of this region: "active" serves traffic, "standby" waits to take over, "" runs without DR.',
        allowed: '"active", "standby" or "" (no DR)',
    }),
    drUseDedicatedRouting: flag({
        default: true,
        description: "Route UI and ingest traffic to their dedicated LogScale pools; false sends all traffic to every LogScale pod (phase 1 of a zero-downtime promotion).",
    }),
    drPreserveRecoveryEnv: flag({
        default: true,
        description:
            "Keep the AZURE_RECOVER_FROM_* variables when a standby is promoted. They are inert while LogScale runs, and if the promoted cluster restarts before writing its own first snapshot it recovers again instead of starting empty.",
    }),
    manageGlobalDns: flag({
        default: false,
        description: "This stack owns the Traffic Manager profile and its priority-1 endpoint; the other stack registers a priority-2 endpoint on it.",
    }),
    peerStack: text({
        default: "",
        description: "The other region's stack: its name (such as primary) in this stack's organization and project, or <org>/<project>/<stack>. Required with dr=standby.",
        allowed: 'a stack name such as "primary" (this stack\'s organization and project) or "<org>/logscale-dr/primary", or ""',
        check: (v) => v === "" || /^([A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/.test(v),
    }),
    namePrefix: text({
        description: "Short prefix for resource names in this region.",
        // Names are built <namePrefix>-<purpose>, and the HumioCluster is named namePrefix itself (a DNS label, RFC 1123):
        // a trailing hyphen would give "--", which Key Vault names refuse (Microsoft Learn, "Naming rules and restrictions
        // for Azure resources"), as DNS labels do in their third and fourth characters (RFC 5891 §4.2.3.1).
        allowed: "1-8 characters of a-z, 0-9 and -, starting with a letter, ending with a letter or digit, without --",
        check: (v) => /^[a-z][a-z0-9-]{0,7}$/.test(v) && !v.endsWith("-") && !v.includes("--"),
    }),
    environment: text({
        default: "production",
        description: "Environment name, written to the environment tag.",
        allowed: "1-32 characters of a-z, 0-9 and -",
        check: (v) => /^[a-z0-9-]{1,32}$/.test(v),
    }),
    drPair: text({
        default: "logscale-dr",
        description: "Name shared by both stacks of the DR pair, written to the drPair tag.",
        allowed: "1-32 characters of a-z, 0-9 and -",
        check: (v) => /^[a-z0-9-]{1,32}$/.test(v),
    }),
    logscaleClusterType: choice(clusterTypes, {
        default: "basic",
        description: "LogScale architecture: which dedicated node pools exist (ingress, UI, ingest).",
    }),
    logscaleClusterSize: choice(clusterSizes, {
        default: "xsmall",
        description: "LogScale size: VM sizes, node counts and pod resources per pool.",
    }),
    logscaleImage: text({
        default: "humio/humio-core:1.159.1",
        description: "LogScale container image.",
        allowed: "an image reference such as humio/humio-core:1.159.1",
        check: (v) => /^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$/.test(v),
    }),
    logscaleLicense: {
        type: "string",
        secret: true,
        description: "LogScale license key (secret).",
        allowed: "a license key, set with pulumi config set --secret logscaleLicense <key>",
    } satisfies SecretKeySpec,
    kubernetesVersion: text({
        default: "1.35",
        description: "AKS Kubernetes version (minor, or minor.patch).",
        // The minors of AKS's release calendar (config/kubernetesVersions.ts); AKS refuses any other.
        allowed: `a supported AKS minor (${aksMinors.join(", ")}), or one of its patches such as ${aksMinors[aksMinors.length - 1]}.1`,
        check: (v) => {
            const m = /^(\d+\.\d+)(\.(0|[1-9]\d{0,3}))?$/.exec(v);
            return m !== null && aksMinors.includes(m[1]);
        },
    }),
    aksAdminGroupObjectIds: list({
        description: "Entra ID group object IDs that get cluster-admin on AKS.",
        allowed: "a list of GUIDs",
        check: (v) => v.every(isGuid),
    }),
    globalHostname: text({
        default: "logscale",
        description: "Global host name: the Traffic Manager name and, with dnsZone, the record clients use.",
        allowed: "a DNS label: 1-63 characters of a-z, 0-9 and -, not starting or ending with -",
        check: (v) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v),
    }),
    dnsZone: text({
        default: "",
        description: 'Azure DNS zone for the global name (<globalHostname>.<dnsZone>); "" uses <globalHostname>.trafficmanager.net.',
        // RFC 1035 §2.3.1 and §2.3.4, RFC 1123 §2.1: labels of 1-63 characters, 253 in all.
        allowed: 'a DNS zone such as logs.example.com: two labels or more of 1-63 characters of a-z, 0-9 and -, not starting or ending with -, at most 253 characters; or ""',
        check: (v) => v === "" || isDnsName(v, { lowerCase: true }),
    }),
    dnsZoneResourceGroup: text({
        default: "",
        description: "Resource group of dnsZone. Required with dnsZone: every region issues the global name's certificate by DNS-01 in the zone.",
        allowed: 'a resource group name: 1-90 letters, digits, _, -, ., ( and ), not ending with .; or ""',
        check: (v) => v === "" || isResourceGroupName(v),
    }),
    acmeEmail: text({
        default: "",
        description: "Contact e-mail for the Let's Encrypt account of cert-manager.",
        allowed: 'an e-mail address (a local part of at most 64 characters, a host name; 254 characters in all), or ""',
        check: (v) => v === "" || isEmail(v),
    }),
    trafficManagerProbeIntervalSeconds: integerChoice([10, 30], {
        default: 10,
        description: "Traffic Manager probe interval in seconds (10 is fast probing, billed extra; it shortens failover detection).",
        allowed: "10 or 30",
    }),
    trafficManagerProbeTimeoutSeconds: integer(5, 10, {
        default: 5,
        description: "Traffic Manager probe timeout in seconds: 5-9 when probing every 10 s, 5-10 every 30 s.",
    }),
    trafficManagerToleratedFailures: integer(0, 9, {
        default: 2,
        description: "Failed probes Traffic Manager tolerates before it marks an endpoint degraded.",
    }),
    failoverMode: choice(["automatic", "manual"], {
        default: "automatic",
        description: "What the standby's failover function does once the primary is confirmed down: fail over, or only record and log that a manual failover is required.",
        allowed: '"automatic" or "manual"',
    }),
    failoverConfirmationProbes: integer(failoverConfirmation.probes.min, failoverConfirmation.probes.max, {
        default: failoverConfirmation.probes.default,
        description: "Failed direct probes of the primary in a row (one per evaluation, every 20 s) before the function counts it as down.",
    }),
    failoverConfirmationSeconds: integer(failoverConfirmation.seconds.min, failoverConfirmation.seconds.max, {
        default: failoverConfirmation.seconds.default,
        description: "The failed probes must span at least this long: an outage shorter than this never fails over.",
    }),
    failoverNotificationEmails: list({
        description: "E-mail addresses the failover alert's action group notifies, beside calling the function.",
        allowed: "a list of e-mail addresses (a local part of at most 64 characters, a host name; 254 characters in all)",
        check: (v) => v.every(isEmail),
        why: (v) => (v.some((e) => !isEmail(e)) ? `not an e-mail address: ${v.filter((e) => !isEmail(e)).map((e) => JSON.stringify(e)).join(", ")}` : undefined),
    }),
    failoverNotificationWebhook: text({
        default: "",
        description: "An https URL the failover alert's action group also posts to (common alert schema), such as a chat or paging service.",
        allowed: 'an https URL with a host name and no user name or password (it would sit in the stack config in clear), or ""',
        check: (v) => v === "" || isHttpsUrl(v),
        // A refused URL may carry a password or a token: the error names its scheme and host only.
        shown: (raw) => raw.replace(/^([a-z]+:\/\/)(?:[^@/]*@)?([^/?#]*).*$/i, "$1$2/…"),
    }),
    standbyTier: choice(["warm", "cold"], {
        default: "warm",
        description: 'A "cold" standby keeps its user agent pools (kafka, digest) stopped; the failover function starts them first.',
        allowed: '"warm" or "cold"',
    }),
    failoverAlertFrequency: choice(alertFrequencies, {
        default: "PT1M",
        description: "How often Azure Monitor evaluates the primary endpoint's health metric.",
    }),
    failoverAlertWindow: choice(alertWindows, {
        default: "PT1M",
        description: "The window the metric alert looks back over; at least the frequency.",
    }),
    deployerIpRanges: list({
        description:
            "Public IPs or CIDR ranges of the machines that run pulumi up and drctl: the only addresses, beside the region's own egress, the AKS API server admits, and admitted by the failover function's host storage firewall to upload its package. Empty: the API server admits the region's egress only.",
        allowed: `a list of public IPv4 addresses or CIDR ranges /${widestStorageIpRange}-/30 given by their network address: not private (10/8, 172.16/12, 192.168/16), shared (100.64/10), loopback, link-local, documentation, multicast or reserved; no /31 or /32 (the storage firewall takes the address alone); nothing wider than /${widestStorageIpRange} (unsafe: it admits much of the Internet)`,
        check: (v) => v.every((ip) => storageIpRuleProblem(ip) === undefined),
        why: (v) =>
            v
                .filter((ip) => storageIpRuleProblem(ip) !== undefined)
                .map((ip) => `${JSON.stringify(ip)}: ${storageIpRuleProblem(ip)}`)
                .join(", ") || undefined,
    }),
    trafficManagerTtlSeconds: integer(0, 2147483647, {
        default: 60,
        description: "DNS TTL of the global name in seconds.",
    }),
    tags: list({
        description: `Extra tags as key=value, written to every taggable resource beside ${reservedTagKeys.slice(0, -1).join(", ")} and ${reservedTagKeys[reservedTagKeys.length - 1]}.`,
        allowed: `a list of at most ${maxUserTags} "key=value" strings (Azure takes ${tagLimits.perResource} tags, ${reservedTagKeys.length} are the program's): keys of 1-${tagLimits.nameLength} printable ASCII characters without spaces or < > % & \\ ? /, not starting with a digit, unique ignoring case, other than ${reservedTagKeys.join(", ")} in any case; values up to ${tagLimits.valueLength} characters`,
        check: (v) => tagsProblem(v) === undefined,
        why: tagsProblem,
    }),
    keyVault: flag({
        default: true,
        description: "A Key Vault per region (Azure RBAC, purge protection, firewall default Deny with the cluster subnets) holding break-glass copies of the storage key, the encryption key and the admin passwords.",
    }),
    workloadIdentity: flag({
        default: true,
        description: "A user-assigned identity for LogScale's pods, federated with the cluster's OIDC issuer and LogScale's service account: Storage Blob Data Contributor on its own container, and Reader on the peer's while dr=standby.",
    }),
    entraSignIn: flag({
        default: false,
        description: "Users sign in to LogScale with Entra ID (OIDC). The stack that manages global DNS owns the application and its redirect URIs; the other stack reads the client id from its peer and holds its own client secret.",
    }),
    postgres: flag({
        default: false,
        description: "A PostgreSQL flexible server per region for applications beside LogScale: the active side's server, and on a standby a read replica of the peer's.",
    }),
    postgresSku: text({
        default: "Standard_D2ds_v5",
        description: "PostgreSQL compute SKU; the tier follows from it (B: Burstable, D: GeneralPurpose, E: MemoryOptimized).",
        allowed: "a flexible server SKU such as Standard_B2ms, Standard_D2ds_v5 or Standard_E4ds_v5",
        check: (v) => /^Standard_[BDE][0-9]+[a-z_0-9]*$/.test(v),
    }),
    postgresStorageGb: integerChoice(postgresStorageSizes, {
        default: 128,
        description: "PostgreSQL storage size in GiB.",
    }),
    postgresVersion: choice(postgresVersions, {
        default: "16",
        description: "PostgreSQL major version.",
    }),
    postgresAdminGroupObjectId: text({
        default: "",
        description:
            "Object id of the Entra ID group whose members administer the PostgreSQL server this region creates (its Microsoft Entra administrator); required where postgresReplicaOf is \"\". A replica takes its source's administrators.",
        allowed: '"" or a GUID (an Entra ID group\'s object id)',
        check: (v) => v === "" || isGuid(v),
    }),
    postgresReplicaOf: text({
        default: "",
        description:
            "Where this region's PostgreSQL server came from: \"\" when it was created here, or the peer's server (its postgresServerId output) when it was created as a read replica. Stays set after promotion.",
        allowed: '"" or a flexible server resource id such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.DBforPostgreSQL/flexibleServers/<name>',
        check: (v) => v === "" || isPostgresServerId(v),
    }),
    postgresPromote: flag({
        default: false,
        description:
            "Promote this region's read replica (postgresReplicaOf) to a standalone server in this update, as postgresPromoteOption says (dr=active). The request is an update of the existing replica: set it for the one pulumi up that promotes, then unset it; a standalone server refuses another.",
    }),
    postgresPromoteOption: choice(["planned", "forced"], {
        default: "planned",
        description: "How postgresPromote promotes the read replica: planned waits for pending WAL (drills); forced comes up at once and loses the replication lag (a lost region).",
        allowed: '"planned" or "forced"',
    }),
    postgresReprotect: flag({
        default: false,
        description: "Allow this region's PostgreSQL server to be replaced by a fresh read replica of the peer's (re-protection after a failover or failback). Destroys the current server; unset it after the update.",
    }),
    redis: flag({
        default: false,
        description: "An Azure Cache for Redis (Premium) per region; a standby links its cache to the peer's for passive geo-replication and promotion unlinks it.",
    }),
    // Sku.capacity at 2024-11-01: "for P (Premium) family (1, 2, 3, 4)" (../shared/schemas/azure/redis-2024-11-01.excerpt.json).
    redisCapacity: integer(1, 4, {
        default: 1,
        description: "Premium cache size: 1-4 for P1-P4. Both regions must match for geo-replication.",
    }),
    edge: choice(edges, {
        default: "envoyGateway",
        description: "What faces the Internet: envoyGateway (Envoy Gateway on the region's public IP) or appGateway (Application Gateway WAF_v2 on that IP, in front of Envoy Gateway on an internal load balancer).",
        // Until 2026-12 the first value was "nginx" (ingress-nginx, retired in March 2026); a stack file still saying so is told the new name.
        allowed: '"envoyGateway" or "appGateway" ("nginx" is now "envoyGateway")',
    }),
    appGatewayCertificateSecretId: text({
        default: "",
        description: 'Key Vault secret id of the TLS certificate the Application Gateway serves; "" uses the certificate logscale-tls in this region\'s Key Vault.',
        allowed: '"" or a Key Vault secret URL such as https://<vault>.vault.azure.net/secrets/<name>, <vault> a Key Vault name (3-24 characters of a-z, 0-9 and -, starting with a letter, ending with a letter or digit, without --)',
        check: (v) => {
            const m = /^https:\/\/([^./]+)\.vault\.azure\.net\/secrets\/[A-Za-z0-9-]{1,127}(\/[a-f0-9]{32})?\/?$/.exec(v);
            return v === "" || (m !== null && isKeyVaultName(m[1]));
        },
    }),
    allowParityDrift: list({
        description: "Parity keys that may differ from the peer's on a standby, such as pools.ui.vmSize; a key ending in .* allows everything under it.",
        allowed: "a list of parity keys such as kubernetesVersion, pools.ui.vmSize or pools.*",
        check: (v) => v.every((k) => /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*(\.\*)?$/.test(k)),
    }),
};

type Keys = typeof configKeys;
export type ConfigKey = keyof Keys;
export type SecretConfigKey = { [K in ConfigKey]: Keys[K] extends SecretKeySpec ? K : never }[ConfigKey];
export type PlainConfigKey = Exclude<ConfigKey, SecretConfigKey>;

/** Typed, validated values of the plain keys, derived from the table. */
export type Settings = { readonly [K in PlainConfigKey]: Keys[K] extends KeySpec<infer T> ? T : never };

/** A stack's settings: its keys, and where it runs. */
export interface StackSettings extends Settings {
    readonly project: string;
    readonly stack: string;
    readonly location: string;
}

export function isSecretKey(key: ConfigKey): key is SecretConfigKey {
    return configKeys[key].secret === true;
}

/** Keys earlier versions read, and what took their place: a stack file still setting one is told where to go. */
export const retiredKeys: Record<string, string> = {
    preFailoverFailureSeconds: "failoverConfirmationSeconds and failoverConfirmationProbes (the function now confirms an outage by its own probes)",
    failoverDeployerIpRanges: "deployerIpRanges (the same addresses now also reach the AKS API server)",
    cooldownSeconds: "nothing: after a failover the function acts again only once a person re-arms it (npm run drctl -- clean-secondary)",
};
