// The project's stack config: every key, its type, default and what is
// allowed, and the pure validation that turns raw config strings into typed
// settings. Pulumi.yaml declares the same keys (a test keeps them equal);
// stacks/config.ts does the reading.
import * as pulumi from "@pulumi/pulumi";
import { clusterSizeNames, ClusterSize } from "../components/sizing";
import { arePairedRegions, pairedRegion } from "./regions";

export const projectName = "logscale-dr";

export const drModes = ["active", "standby", ""] as const;
export type DrMode = (typeof drModes)[number];

export const clusterTypes = ["basic", "ingress", "dedicated-ui", "advanced"] as const;
export type ClusterType = (typeof clusterTypes)[number];

type KeyType = "string" | "boolean" | "integer" | "array";
type Value = string | boolean | number | string[];

export interface ConfigKeySpec {
    type: KeyType;
    /** Absent: the key is required. */
    default?: Value;
    secret?: true;
    description: string;
    /** What is allowed, as shown in error messages. */
    allowed: string;
    check?: (value: never) => boolean;
}

const oneOf = (values: readonly string[]) => (v: string) => values.includes(v);
const quoted = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");
const intIn = (min: number, max: number) => (v: number) => v >= min && v <= max;

/** Azure Monitor metric alert evaluation frequencies and windows (ISO 8601 durations). */
export const alertFrequencies = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H"] as const;
export const alertWindows = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D"] as const;

/** Seconds in one of the ISO 8601 durations above. */
export function isoDurationSeconds(d: string): number {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(d);
    if (!m) throw new Error(`not an ISO 8601 duration: ${d}`);
    return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60;
}

/** Tag keys the program writes itself (components/tags.ts); user tags may not override them. */
export const reservedTagKeys = ["app", "environment", "drRole", "drPair", "managedBy"] as const;

/** A `key=value` tag as Azure accepts it, or undefined. */
export function parseTag(tag: string): [string, string] | undefined {
    const at = tag.indexOf("=");
    if (at <= 0) return undefined;
    const [key, value] = [tag.slice(0, at), tag.slice(at + 1)];
    if (key.length > 512 || value.length > 256 || /[<>%&\\?/]/.test(key)) return undefined;
    if ((reservedTagKeys as readonly string[]).includes(key)) return undefined;
    return [key, value];
}

export const edges = ["nginx", "appGateway"] as const;
export type Edge = (typeof edges)[number];

export const postgresVersions = ["13", "14", "15", "16", "17"] as const;
export const postgresStorageSizes = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];
export const postgresServerIdPattern = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/i;

export const configKeys = {
    dr: {
        type: "string",
        default: "",
        description: 'DR mode of this region: "active" serves traffic, "standby" waits to take over, "" runs without DR.',
        allowed: '"active", "standby" or "" (no DR)',
        check: oneOf(drModes),
    },
    drUseDedicatedRouting: {
        type: "boolean",
        default: true,
        description: "Route UI and ingest traffic to their dedicated LogScale pools; false sends all traffic to every LogScale pod (phase 1 of a zero-downtime promotion).",
        allowed: "true or false",
    },
    drPreserveRecoveryEnv: {
        type: "boolean",
        default: true,
        description:
            "Keep the AZURE_RECOVER_FROM_* variables when a standby is promoted. They are inert while LogScale runs, and if the promoted cluster restarts before writing its own first snapshot it recovers again instead of starting empty.",
        allowed: "true or false",
    },
    manageGlobalDns: {
        type: "boolean",
        default: false,
        description: "This stack owns the Traffic Manager profile and its priority-1 endpoint; the other stack registers a priority-2 endpoint on it.",
        allowed: "true or false",
    },
    peerStack: {
        type: "string",
        default: "",
        description: "The other region's stack, as <org>/logscale-dr/<stack>. Required with dr=standby.",
        allowed: 'a stack name such as "acme/logscale-dr/primary", or ""',
        check: (v: string) => v === "" || /^([A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/.test(v),
    },
    namePrefix: {
        type: "string",
        description: "Short prefix for resource names in this region.",
        allowed: "1-8 characters of a-z, 0-9 and -, starting with a letter",
        check: (v: string) => /^[a-z][a-z0-9-]{0,7}$/.test(v),
    },
    environment: {
        type: "string",
        default: "production",
        description: "Environment name, written to the environment tag.",
        allowed: "1-32 characters of a-z, 0-9 and -",
        check: (v: string) => /^[a-z0-9-]{1,32}$/.test(v),
    },
    drPair: {
        type: "string",
        default: "logscale-dr",
        description: "Name shared by both stacks of the DR pair, written to the drPair tag.",
        allowed: "1-32 characters of a-z, 0-9 and -",
        check: (v: string) => /^[a-z0-9-]{1,32}$/.test(v),
    },
    logscaleClusterType: {
        type: "string",
        default: "basic",
        description: "LogScale architecture: which dedicated node pools exist (ingress, UI, ingest).",
        allowed: quoted(clusterTypes),
        check: oneOf(clusterTypes),
    },
    logscaleClusterSize: {
        type: "string",
        default: "xsmall",
        description: "LogScale size: VM sizes, node counts and pod resources per pool.",
        allowed: quoted(clusterSizeNames),
        check: oneOf(clusterSizeNames),
    },
    logscaleImage: {
        type: "string",
        default: "humio/humio-core:1.159.1",
        description: "LogScale container image.",
        allowed: "an image reference such as humio/humio-core:1.159.1",
        check: (v: string) => /^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$/.test(v),
    },
    logscaleLicense: {
        type: "string",
        secret: true,
        description: "LogScale license key (secret).",
        allowed: "a license key, set with pulumi config set --secret logscaleLicense <key>",
    },
    kubernetesVersion: {
        type: "string",
        default: "1.33",
        description: "AKS Kubernetes version (minor, or minor.patch).",
        allowed: "a version such as 1.33 or 1.33.2",
        check: (v: string) => /^\d+\.\d+(\.\d+)?$/.test(v),
    },
    aksAdminGroupObjectIds: {
        type: "array",
        default: [],
        description: "Entra ID group object IDs that get cluster-admin on AKS.",
        allowed: "a list of GUIDs",
        check: (v: string[]) => v.every((id) => /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(id)),
    },
    globalHostname: {
        type: "string",
        default: "logscale",
        description: "Global host name: the Traffic Manager name and, with dnsZone, the record clients use.",
        allowed: "1-63 characters of a-z, 0-9 and -",
        check: (v: string) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v),
    },
    dnsZone: {
        type: "string",
        default: "",
        description: 'Azure DNS zone for the global name (<globalHostname>.<dnsZone>); "" uses <globalHostname>.trafficmanager.net.',
        allowed: 'a DNS zone such as logs.example.com, or ""',
        check: (v: string) => v === "" || /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(v),
    },
    dnsZoneResourceGroup: {
        type: "string",
        default: "",
        description: "Resource group of dnsZone. Required when this stack manages global DNS in a zone.",
        allowed: 'a resource group name, or ""',
        check: (v: string) => /^[A-Za-z0-9_().-]{0,90}$/.test(v),
    },
    acmeEmail: {
        type: "string",
        default: "",
        description: "Contact e-mail for the Let's Encrypt account of cert-manager.",
        allowed: 'an e-mail address, or ""',
        check: (v: string) => v === "" || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
    },
    trafficManagerProbeIntervalSeconds: {
        type: "integer",
        default: 30,
        description: "Traffic Manager probe interval in seconds (10 is fast probing).",
        allowed: "10 or 30",
        check: (v: number) => v === 10 || v === 30,
    },
    trafficManagerProbeTimeoutSeconds: {
        type: "integer",
        default: 10,
        description: "Traffic Manager probe timeout in seconds; below the interval when probing every 10 s.",
        allowed: "5-10",
        check: intIn(5, 10),
    },
    trafficManagerToleratedFailures: {
        type: "integer",
        default: 3,
        description: "Failed probes Traffic Manager tolerates before it marks an endpoint degraded.",
        allowed: "0-9",
        check: intIn(0, 9),
    },
    failoverMode: {
        type: "string",
        default: "automatic",
        description: "What the standby's failover function does when the primary stays down: fail over, or only record and log that a manual failover is required.",
        allowed: '"automatic" or "manual"',
        check: oneOf(["automatic", "manual"]),
    },
    preFailoverFailureSeconds: {
        type: "integer",
        default: 180,
        description: "Holdoff: how long the primary must have been degraded (from the alert's first firing) before the function fails over; 0 fails over at once.",
        allowed: "0-600",
        check: intIn(0, 600),
    },
    cooldownSeconds: {
        type: "integer",
        default: 300,
        description: "After a failover, the function ignores further triggers for this long.",
        allowed: "0-86400",
        check: intIn(0, 86400),
    },
    standbyTier: {
        type: "string",
        default: "warm",
        description: 'A "cold" standby keeps its user agent pools (kafka, digest) stopped; the failover function starts them first.',
        allowed: '"warm" or "cold"',
        check: oneOf(["warm", "cold"]),
    },
    failoverAlertFrequency: {
        type: "string",
        default: "PT1M",
        description: "How often Azure Monitor evaluates the primary endpoint's health metric.",
        allowed: quoted(alertFrequencies),
        check: oneOf(alertFrequencies),
    },
    failoverAlertWindow: {
        type: "string",
        default: "PT1M",
        description: "The window the metric alert looks back over; at least the frequency.",
        allowed: quoted(alertWindows),
        check: oneOf(alertWindows),
    },
    failoverDeployerIpRanges: {
        type: "array",
        default: [],
        description: "Public IPs or CIDR ranges (the machine running pulumi up) allowed through the failover function's host storage firewall to upload its package.",
        allowed: "a list of IPv4 addresses or CIDR ranges",
        check: (v: string[]) => v.every((ip) => /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/.test(ip)),
    },
    trafficManagerTtlSeconds: {
        type: "integer",
        default: 60,
        description: "DNS TTL of the global name in seconds.",
        allowed: "0-2147483647",
        check: intIn(0, 2147483647),
    },
    tags: {
        type: "array",
        default: [],
        description: "Extra tags as key=value, written to every taggable resource beside app, environment, drRole, drPair and managedBy.",
        allowed: `a list of "key=value" strings: keys of 1-512 characters without < > % & \\ ? /, other than ${reservedTagKeys.join(", ")}; values up to 256 characters`,
        check: (v: string[]) => v.every((t) => parseTag(t) !== undefined),
    },
    keyVault: {
        type: "boolean",
        default: true,
        description: "A Key Vault per region (Azure RBAC, purge protection, firewall default Deny with the cluster subnets) holding break-glass copies of the storage key, the encryption key and the admin passwords.",
        allowed: "true or false",
    },
    workloadIdentity: {
        type: "boolean",
        default: true,
        description: "A user-assigned identity for LogScale's pods, federated with the cluster's OIDC issuer and LogScale's service account: Storage Blob Data Contributor on its own container, and Reader on the peer's while dr=standby.",
        allowed: "true or false",
    },
    entraSignIn: {
        type: "boolean",
        default: false,
        description: "Users sign in to LogScale with Entra ID (OIDC). The stack that manages global DNS owns the application and its redirect URIs; the other stack reads the client id from its peer and holds its own client secret.",
        allowed: "true or false",
    },
    postgres: {
        type: "boolean",
        default: false,
        description: "A PostgreSQL flexible server per region for applications beside LogScale: the active side's server, and on a standby a read replica of the peer's.",
        allowed: "true or false",
    },
    postgresSku: {
        type: "string",
        default: "Standard_D2ds_v5",
        description: "PostgreSQL compute SKU; the tier follows from it (B: Burstable, D: GeneralPurpose, E: MemoryOptimized).",
        allowed: "a flexible server SKU such as Standard_B2ms, Standard_D2ds_v5 or Standard_E4ds_v5",
        check: (v: string) => /^Standard_[BDE][0-9]+[a-z_0-9]*$/.test(v),
    },
    postgresStorageGb: {
        type: "integer",
        default: 128,
        description: "PostgreSQL storage size in GiB.",
        allowed: postgresStorageSizes.join(", "),
        check: (v: number) => postgresStorageSizes.includes(v),
    },
    postgresVersion: {
        type: "string",
        default: "16",
        description: "PostgreSQL major version.",
        allowed: quoted(postgresVersions),
        check: oneOf(postgresVersions),
    },
    postgresReplicaOf: {
        type: "string",
        default: "",
        description:
            "Where this region's PostgreSQL server came from: \"\" when it was created here, or the peer's server (its postgresServerId output) when it was created as a read replica. Stays set after promotion.",
        allowed: '"" or a flexible server resource id such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.DBforPostgreSQL/flexibleServers/<name>',
        check: (v: string) => v === "" || postgresServerIdPattern.test(v),
    },
    postgresPromoteOption: {
        type: "string",
        default: "planned",
        description: "How promotion (dr=active) promotes the read replica: planned waits for pending WAL (drills); forced comes up at once and loses the replication lag (a lost region).",
        allowed: '"planned" or "forced"',
        check: oneOf(["planned", "forced"]),
    },
    postgresReprotect: {
        type: "boolean",
        default: false,
        description: "Allow this region's PostgreSQL server to be replaced by a fresh read replica of the peer's (re-protection after a failover or failback). Destroys the current server; unset it after the update.",
        allowed: "true or false",
    },
    redis: {
        type: "boolean",
        default: false,
        description: "An Azure Cache for Redis (Premium) per region; a standby links its cache to the peer's for passive geo-replication and promotion unlinks it.",
        allowed: "true or false",
    },
    redisCapacity: {
        type: "integer",
        default: 1,
        description: "Premium cache size: 1-5 for P1-P5. Both regions must match for geo-replication.",
        allowed: "1-5",
        check: intIn(1, 5),
    },
    edge: {
        type: "string",
        default: "nginx",
        description: "What faces the Internet: nginx (ingress-nginx on the region's public IP) or appGateway (Application Gateway WAF_v2 on that IP, in front of ingress-nginx on an internal load balancer).",
        allowed: '"nginx" or "appGateway"',
        check: oneOf(edges),
    },
    appGatewayCertificateSecretId: {
        type: "string",
        default: "",
        description: 'Key Vault secret id of the TLS certificate the Application Gateway serves; "" uses the certificate logscale-tls in this region\'s Key Vault.',
        allowed: '"" or a Key Vault secret URL such as https://<vault>.vault.azure.net/secrets/<name>',
        check: (v: string) => v === "" || /^https:\/\/[a-z0-9-]{3,24}\.vault\.azure\.net\/secrets\/[A-Za-z0-9-]+(\/[a-f0-9]{32})?\/?$/.test(v),
    },
    allowParityDrift: {
        type: "array",
        default: [],
        description: "Parity keys that may differ from the peer's on a standby, such as pools.ui.vmSize; a key ending in .* allows everything under it.",
        allowed: "a list of parity keys such as kubernetesVersion, pools.ui.vmSize or pools.*",
        check: (v: string[]) => v.every((k) => /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*(\.\*)?$/.test(k)),
    },
} satisfies Record<string, ConfigKeySpec>;

export type ConfigKey = keyof typeof configKeys;

/** Typed, validated settings of one stack (secrets excluded). */
export interface StackSettings {
    project: string;
    stack: string;
    location: string;
    dr: DrMode;
    drUseDedicatedRouting: boolean;
    drPreserveRecoveryEnv: boolean;
    manageGlobalDns: boolean;
    peerStack: string;
    namePrefix: string;
    environment: string;
    drPair: string;
    logscaleClusterType: ClusterType;
    logscaleClusterSize: ClusterSize;
    logscaleImage: string;
    kubernetesVersion: string;
    aksAdminGroupObjectIds: string[];
    globalHostname: string;
    dnsZone: string;
    dnsZoneResourceGroup: string;
    acmeEmail: string;
    trafficManager: {
        probeIntervalSeconds: number;
        probeTimeoutSeconds: number;
        toleratedFailures: number;
        ttlSeconds: number;
    };
    failover: {
        mode: "automatic" | "manual";
        preFailoverFailureSeconds: number;
        cooldownSeconds: number;
        standbyTier: "warm" | "cold";
        alertFrequency: string;
        alertWindow: string;
        deployerIpRanges: string[];
    };
    /** User tags (the `tags` key), by key. */
    tags: Record<string, string>;
    keyVault: boolean;
    workloadIdentity: boolean;
    entraSignIn: boolean;
    /** Present when `postgres` is on. */
    postgres?: PostgresSettings;
    /** Present when `redis` is on. */
    redis?: { capacity: number };
    edge: Edge;
    appGatewayCertificateSecretId: string;
    allowParityDrift: string[];
}

export interface PostgresSettings {
    sku: string;
    storageGb: number;
    version: string;
    /** The server this region's server was created from as a read replica; "" when created here. */
    replicaOf: string;
    promoteOption: "planned" | "forced";
    reprotect: boolean;
}

/**
 * Every problem found in a stack's config, one line each. A RunError, so
 * Pulumi prints the lines without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: string[]) {
        super(problems.join("\n"));
        this.name = "ConfigError";
    }

    static isConfigError(e: unknown): e is ConfigError {
        return e instanceof Error && e.name === "ConfigError" && Array.isArray((e as ConfigError).problems);
    }
}

/**
 * One line naming the key, the value given and what is allowed.
 * `key` is either a project key or a fully qualified one (azure-native:location).
 */
export function problem(key: string, value: unknown, allowed: string, context = ""): string {
    const qualified = key.includes(":") ? key : `${projectName}:${key}`;
    const shown = value === undefined ? "(unset)" : JSON.stringify(value);
    return `${qualified}: ${shown} is not allowed${context}; allowed: ${allowed}`;
}

function parseRaw(type: KeyType, raw: string): { value: Value } | undefined {
    switch (type) {
        case "string":
            return { value: raw };
        case "boolean":
            return raw === "true" || raw === "false" ? { value: raw === "true" } : undefined;
        case "integer":
            return /^-?\d+$/.test(raw.trim()) ? { value: Number(raw) } : undefined;
        case "array": {
            try {
                const parsed = JSON.parse(raw);
                return Array.isArray(parsed) && parsed.every((v) => typeof v === "string") ? { value: parsed } : undefined;
            } catch {
                return undefined;
            }
        }
    }
}

/** Raw config as Pulumi hands it over: strings by project key (secrets left out). */
export type RawConfig = Partial<Record<ConfigKey, string>>;

/**
 * Parse and validate a stack's raw config. Collects every problem and throws
 * them together as a ConfigError.
 */
export function parseStackSettings(raw: RawConfig, context: { project: string; stack: string; location?: string }): StackSettings {
    const problems: string[] = [];
    const values: Partial<Record<ConfigKey, Value>> = {};
    for (const [key, spec] of Object.entries(configKeys) as [ConfigKey, ConfigKeySpec][]) {
        if (spec.secret) continue;
        const given = raw[key];
        if (given === undefined) {
            if (spec.default === undefined) problems.push(problem(key, undefined, spec.allowed));
            else values[key] = spec.default;
            continue;
        }
        const parsed = parseRaw(spec.type, given);
        if (!parsed || (spec.check && !(spec.check as (v: Value) => boolean)(parsed.value))) {
            problems.push(problem(key, parsed ? parsed.value : given, spec.allowed));
            continue;
        }
        values[key] = parsed.value;
    }
    if (!context.location) {
        problems.push(problem("azure-native:location", context.location, "an Azure region such as eastus"));
    } else if (!/^[a-z0-9]+$/.test(context.location)) {
        problems.push(problem("azure-native:location", context.location, "an Azure region name such as eastus (lower case, no spaces)"));
    }
    // Keys that failed to parse stay undefined; the cross-key rules skip them.
    const v = values as Record<ConfigKey, never>;
    const settings: StackSettings = {
        project: context.project,
        stack: context.stack,
        location: context.location!,
        dr: v.dr,
        drUseDedicatedRouting: v.drUseDedicatedRouting,
        drPreserveRecoveryEnv: v.drPreserveRecoveryEnv,
        manageGlobalDns: v.manageGlobalDns,
        peerStack: v.peerStack,
        namePrefix: v.namePrefix,
        environment: v.environment,
        drPair: v.drPair,
        logscaleClusterType: v.logscaleClusterType,
        logscaleClusterSize: v.logscaleClusterSize,
        logscaleImage: v.logscaleImage,
        kubernetesVersion: v.kubernetesVersion,
        aksAdminGroupObjectIds: v.aksAdminGroupObjectIds,
        globalHostname: v.globalHostname,
        dnsZone: v.dnsZone,
        dnsZoneResourceGroup: v.dnsZoneResourceGroup,
        acmeEmail: v.acmeEmail,
        trafficManager: {
            probeIntervalSeconds: v.trafficManagerProbeIntervalSeconds,
            probeTimeoutSeconds: v.trafficManagerProbeTimeoutSeconds,
            toleratedFailures: v.trafficManagerToleratedFailures,
            ttlSeconds: v.trafficManagerTtlSeconds,
        },
        failover: {
            mode: v.failoverMode,
            preFailoverFailureSeconds: v.preFailoverFailureSeconds,
            cooldownSeconds: v.cooldownSeconds,
            standbyTier: v.standbyTier,
            alertFrequency: v.failoverAlertFrequency,
            alertWindow: v.failoverAlertWindow,
            deployerIpRanges: v.failoverDeployerIpRanges,
        },
        tags: Object.fromEntries(((v.tags as string[] | undefined) ?? []).map(parseTag).filter((t): t is [string, string] => t !== undefined)),
        keyVault: v.keyVault,
        workloadIdentity: v.workloadIdentity,
        entraSignIn: v.entraSignIn,
        postgres: v.postgres
            ? {
                  sku: v.postgresSku,
                  storageGb: v.postgresStorageGb,
                  version: v.postgresVersion,
                  replicaOf: v.postgresReplicaOf,
                  promoteOption: v.postgresPromoteOption,
                  reprotect: v.postgresReprotect,
              }
            : undefined,
        redis: v.redis ? { capacity: v.redisCapacity } : undefined,
        edge: v.edge,
        appGatewayCertificateSecretId: v.appGatewayCertificateSecretId,
        allowParityDrift: v.allowParityDrift,
    };
    problems.push(...crossKeyProblems(settings));
    if (problems.length) throw new ConfigError(problems);
    return settings;
}

/** Rules that involve more than one key. A key that failed its own check is undefined here and its rules are skipped. */
export function crossKeyProblems(s: StackSettings): string[] {
    const problems: string[] = [];
    if (s.dr === "standby" && s.peerStack === "") {
        problems.push(problem("peerStack", s.peerStack, "the primary's stack, such as acme/logscale-dr/primary", " with dr=standby"));
    }
    if (s.peerStack && s.peerStack.split("/").pop() === s.stack) {
        problems.push(problem("peerStack", s.peerStack, "the other region's stack, not this one"));
    }
    const tm = s.trafficManager;
    if (tm.probeIntervalSeconds === 10 && tm.probeTimeoutSeconds > 9) {
        problems.push(problem("trafficManagerProbeTimeoutSeconds", tm.probeTimeoutSeconds, "5-9", " with trafficManagerProbeIntervalSeconds=10"));
    }
    const f = s.failover;
    if (f.alertFrequency && f.alertWindow && isoDurationSeconds(f.alertWindow) < isoDurationSeconds(f.alertFrequency)) {
        problems.push(problem("failoverAlertWindow", f.alertWindow, `a window of at least failoverAlertFrequency (${f.alertFrequency})`));
    }
    if (s.postgres?.reprotect && s.postgres.replicaOf === "") {
        problems.push(problem("postgresReprotect", true, "false, or true together with postgresReplicaOf: the peer server the replacement replicates"));
    }
    if (s.entraSignIn && !s.manageGlobalDns && s.peerStack === "" && s.dr !== "standby") {
        problems.push(problem("entraSignIn", true, "false, or true with manageGlobalDns (this stack owns the application) or with peerStack (the stack that owns it)"));
    }
    if (s.edge === "appGateway" && s.keyVault === false && s.appGatewayCertificateSecretId === "") {
        problems.push(problem("appGatewayCertificateSecretId", "", "a Key Vault secret URL of the certificate", " with edge=appGateway and keyVault=false (there is no region vault to take logscale-tls from)"));
    }
    if (s.manageGlobalDns && s.dnsZone && s.dnsZoneResourceGroup === "") {
        problems.push(problem("dnsZoneResourceGroup", s.dnsZoneResourceGroup, `the resource group of the DNS zone ${s.dnsZone}`, " with dnsZone set"));
    }
    return problems;
}

/** What the peer stack exports, as far as the rules below need it. */
export interface PeerFacts {
    location?: string;
    /** Outputs a standby needs from its peer that the peer does not export. */
    missingForStandby: string[];
    postgresServerId?: string;
    redisCacheId?: string;
    signInClientId?: string;
}

/** Rules that involve the peer stack's outputs. */
export function peerProblems(s: StackSettings, peer: PeerFacts): string[] {
    const problems: string[] = [];
    if (s.dr === "standby" && peer.missingForStandby.length) {
        problems.push(
            problem(
                "peerStack",
                s.peerStack,
                "a deployed peer stack: run pulumi up on it first",
                ` with dr=standby: it does not export ${peer.missingForStandby.join(", ")}`,
            ),
        );
    }
    // A peer that is not deployed yet explains everything else it lacks.
    const deployed = !(s.dr === "standby" && peer.missingForStandby.length);
    if (s.dr === "standby" && deployed) problems.push(...standbyDataTierProblems(s, peer));
    if (s.entraSignIn && !s.manageGlobalDns && !peer.signInClientId && deployed) {
        problems.push(problem("entraSignIn", true, `false, or a peer that owns the sign-in application: run pulumi up on ${s.peerStack} with entraSignIn=true first`, ` (${s.peerStack} exports no signInClientId)`));
    }
    if (peer.location !== undefined) {
        if (peer.location === s.location) {
            problems.push(problem("azure-native:location", s.location, "a region other than the peer's", ` (peer ${s.peerStack} is in ${peer.location} too)`));
        } else if (pairedRegion(s.location) && pairedRegion(peer.location) && !arePairedRegions(s.location, peer.location)) {
            problems.push(
                problem(
                    "azure-native:location",
                    s.location,
                    `the Azure pair of the peer's region (${pairedRegion(peer.location)})`,
                    ` with a peer in ${peer.location}`,
                ),
            );
        }
    }
    return problems;
}

/** A standby replicates the peer's data services: the peer must run them, and the replica must follow the peer's current server. */
function standbyDataTierProblems(s: StackSettings, peer: PeerFacts): string[] {
    const problems: string[] = [];
    const pg = s.postgres;
    if (pg && !peer.postgresServerId) {
        problems.push(problem("postgres", true, `false, or a peer that runs PostgreSQL: run pulumi up on ${s.peerStack} with postgres=true first`, ` with dr=standby (${s.peerStack} exports no postgresServerId)`));
    } else if (pg && pg.replicaOf === "") {
        problems.push(
            problem(
                "postgresReplicaOf",
                pg.replicaOf,
                `the peer's server, ${peer.postgresServerId}`,
                " with dr=standby: a standby's PostgreSQL server is a read replica of the peer's. If this region already runs a server (it was active), also set postgresReprotect=true: the update replaces that server and destroys its data",
            ),
        );
    } else if (pg && pg.replicaOf.toLowerCase() !== peer.postgresServerId!.toLowerCase()) {
        problems.push(
            problem(
                "postgresReplicaOf",
                pg.replicaOf,
                `the peer's current server, ${peer.postgresServerId}`,
                " with dr=standby: the peer runs another server than the one this region's replica was made from (it was promoted or re-protected). Set it together with postgresReprotect=true: the update replaces this region's server with a fresh replica and destroys the current one",
            ),
        );
    }
    if (s.redis && !peer.redisCacheId) {
        problems.push(problem("redis", true, `false, or a peer that runs Redis: run pulumi up on ${s.peerStack} with redis=true first`, ` with dr=standby (${s.peerStack} exports no redisCacheId)`));
    }
    return problems;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/**
 * Project keys set in the stack that the program does not read: usually a
 * typo that would be silently ignored. Secret values are never shown.
 */
export function unknownKeyProblems(config: Record<string, string>, project: string, isSecret: (key: string) => boolean): string[] {
    const known = Object.keys(configKeys);
    return Object.entries(config)
        .filter(([key]) => key.startsWith(`${project}:`) && !known.includes(key.slice(project.length + 1)))
        .map(([key, value]) => {
            const short = key.slice(project.length + 1);
            const nearest = known.reduce((best, k) => (editDistance(short, k) < editDistance(short, best) ? k : best));
            const hint = editDistance(short, nearest) <= 3 ? `${nearest} (did you mean it?)` : "a key Pulumi.yaml declares";
            return `${key}: ${isSecret(key) ? "[secret]" : JSON.stringify(value)} is not allowed; allowed: ${hint}`;
        });
}
