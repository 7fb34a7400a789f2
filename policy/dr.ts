// DR invariants (mandatory): the DR-mode table of docs/design.md, Traffic Manager
// routing, protection of data-bearing resources, and the secondary endpoint's
// independence from the failover function.
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ancestors, commonEnv, configOf, drModeOf, revealed, stackDrMode, types } from "./facts";

const isKafkaNodePool = (type: string) => /^kubernetes:kafka\.strimzi\.io\/v[0-9a-z]+:KafkaNodePool$/.test(type);

/**
 * The generated keys LogScale encrypts its segments with: what the Kubernetes
 * Secret behind a HumioCluster's AZURE_STORAGE_ENCRYPTION_KEY is made from
 * (its random:* dependencies). A new key cannot read a single old segment.
 */
function encryptionKeySources(resources: PolicyResource[]): Set<string> {
    const out = new Set<string>();
    for (const hc of resources.filter((r) => r.type === types.humioCluster)) {
        const ref = (commonEnv(hc.props).get("AZURE_STORAGE_ENCRYPTION_KEY")?.valueFrom as any)?.secretKeyRef;
        if (!ref?.name) continue;
        const namespace = hc.props.metadata?.namespace;
        for (const secret of resources.filter((r) => r.type === "kubernetes:core/v1:Secret" && r.props.metadata?.name === ref.name && (!namespace || !r.props.metadata?.namespace || r.props.metadata.namespace === namespace))) {
            for (const d of secret.dependencies) if (d.type.startsWith("random:")) out.add(d.urn);
        }
    }
    return out;
}

/** What a standby recovers from (docs/design.md). The pack keeps its own copy of these names: it checks the program, so it shares none of its code. */
export const recoveryVariables = [
    "AZURE_RECOVER_FROM_BUCKET",
    "AZURE_RECOVER_FROM_ACCOUNTNAME",
    "AZURE_RECOVER_FROM_ACCOUNTKEY",
    "AZURE_RECOVER_FROM_ENDPOINT_BASE",
    "AZURE_RECOVER_FROM_OBJECT_KEY_PREFIX",
    "AZURE_RECOVER_FROM_ENCRYPTION_KEY",
    "AZURE_RECOVER_FROM_REPLACE_REGION",
];

const valueOf = (env: ReturnType<typeof commonEnv>, name: string) => env.get(name)?.value;

export const humioClusterDeclaresMode: ResourceValidationPolicy = {
    name: "dr-mode-declared",
    description: "Each HumioCluster declares its DR mode (annotation logscale.dr/mode: standby, active or none), so the DR policies and people know what to expect of it.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== types.humioCluster) args.notApplicable("applies to HumioClusters");
        if (!drModeOf(args.props)) report("metadata.annotations['logscale.dr/mode'] must be standby, active or none.");
    },
};

export const standbyEnvironment: ResourceValidationPolicy = {
    name: "dr-standby-environment",
    description:
        "A standby HumioCluster carries all seven AZURE_RECOVER_FROM_* variables and BUCKET_STORAGE_MULTIPLE_ENDPOINTS=true, never AZURE_RECOVER_FROM_REPLACE_BUCKET (403s on Azure), and ENABLE_ALERTS=false so a recovering standby cannot page anyone.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== types.humioCluster || drModeOf(args.props) !== "standby") args.notApplicable("applies to standby HumioClusters");
        const env = commonEnv(args.props);
        const missing = recoveryVariables.filter((n) => !env.has(n));
        if (missing.length) report(`missing ${missing.join(", ")}.`);
        if (valueOf(env, "BUCKET_STORAGE_MULTIPLE_ENDPOINTS") !== "true") report("BUCKET_STORAGE_MULTIPLE_ENDPOINTS must be \"true\".");
        if (env.has("AZURE_RECOVER_FROM_REPLACE_BUCKET")) report("AZURE_RECOVER_FROM_REPLACE_BUCKET must not be set on Azure.");
        if (valueOf(env, "ENABLE_ALERTS") !== "false") report("ENABLE_ALERTS must be \"false\".");
        for (const name of ["AZURE_RECOVER_FROM_ACCOUNTKEY", "AZURE_RECOVER_FROM_ENCRYPTION_KEY"]) {
            if (env.has(name) && !env.get(name)!.valueFrom) report(`${name} must come from a Secret (valueFrom).`);
        }
    },
};

export const activeEnvironment: ResourceValidationPolicy = {
    name: "dr-active-environment",
    description: "An active HumioCluster of a DR pair runs with ENABLE_ALERTS=true and BUCKET_STORAGE_MULTIPLE_ENDPOINTS=true, and never AZURE_RECOVER_FROM_REPLACE_BUCKET.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== types.humioCluster || drModeOf(args.props) !== "active") args.notApplicable("applies to active HumioClusters");
        const env = commonEnv(args.props);
        if (valueOf(env, "ENABLE_ALERTS") !== "true") report("ENABLE_ALERTS must be \"true\".");
        if (valueOf(env, "BUCKET_STORAGE_MULTIPLE_ENDPOINTS") !== "true") report("BUCKET_STORAGE_MULTIPLE_ENDPOINTS must be \"true\".");
        if (env.has("AZURE_RECOVER_FROM_REPLACE_BUCKET")) report("AZURE_RECOVER_FROM_REPLACE_BUCKET must not be set on Azure.");
    },
};

const dedicatedPools = ["ui", "ingest"];

export const standbyPools: StackValidationPolicy = {
    name: "dr-standby-has-no-ui-or-ingest-pools",
    description: "A standby runs system, kafka and digest nodes only: no UI or ingest agent pools, and its HumioCluster's UI and ingest pools are empty until promotion.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        if (stackDrMode(args.resources) !== "standby") args.notApplicable("not a standby");
        for (const r of args.resources) {
            if (r.type === types.agentPool && dedicatedPools.includes(r.props.agentPoolName)) report(`agent pool ${r.props.agentPoolName} must not exist on a standby.`, r.urn);
            if (r.type === types.humioCluster) {
                for (const pool of r.props.spec?.nodePools ?? []) {
                    if ((pool.spec?.nodeCount ?? 0) > 0) report(`HumioCluster node pool ${pool.name} has nodeCount ${pool.spec.nodeCount}; a standby's must be 0.`, r.urn);
                }
            }
        }
    },
};

const probeMetric = "ProbeAgentCurrentEndpointStateByProfileResourceId";

function failoverAlerts(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter((r) => r.type === types.metricAlert && (r.props.criteria?.allOf ?? []).some((c: any) => c.metricName === probeMetric));
}

export const failoverFunctionByMode: StackValidationPolicy = {
    name: "dr-failover-function-by-mode",
    description:
        "A standby has the failover path — a metric alert on the primary endpoint's probe state whose action group calls a function — and an active region has none, so it can never scale itself or disable its peer.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const mode = stackDrMode(args.resources);
        if (!mode || mode === "none") args.notApplicable("not part of a DR pair");
        const alerts = failoverAlerts(args.resources);
        const functions = args.resources.filter((r) => r.type === types.failoverFunction);
        if (mode === "standby") {
            const groups = new Map(args.resources.filter((r) => r.type === types.actionGroup).map((g) => [g.urn, g]));
            const wired = alerts.some((a) =>
                a.dependencies.some((d) => groups.has(d.urn) && (revealed<any[]>(groups.get(d.urn)!.props.azureFunctionReceivers) ?? []).some((f) => f.useCommonAlertSchema === true)),
            );
            if (!wired) report("a standby needs a metric alert on the primary endpoint's probe state whose action group calls the failover function with the common alert schema.");
        } else {
            for (const a of alerts) report("an active region must not watch its peer for failover.", a.urn);
            for (const f of functions) report("an active region must not run the failover function.", f.urn);
        }
    },
};

export const trafficManagerProfile: ResourceValidationPolicy = {
    name: "traffic-manager-priority-profile",
    description:
        "The global profile routes by priority (active-passive), keeps its DNS TTL short so clients follow a failover quickly, and probes LogScale's /api/v1/status, which answers 200 only when the node is up.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxTtlSeconds: { type: "integer", default: 60, description: "Longest DNS TTL allowed on the global name." } } },
    validateResource: (args, report) => {
        if (args.type !== types.trafficManagerProfile) args.notApplicable("applies to Traffic Manager profiles");
        const { maxTtlSeconds } = configOf(args, { maxTtlSeconds: 60 });
        const p = args.props;
        if (p.trafficRoutingMethod !== "Priority") report(`trafficRoutingMethod is ${JSON.stringify(p.trafficRoutingMethod)}; it must be Priority.`);
        if (!(p.dnsConfig?.ttl <= maxTtlSeconds)) report(`dnsConfig.ttl is ${p.dnsConfig?.ttl}; it must be at most ${maxTtlSeconds}.`);
        if (p.monitorConfig?.path !== "/api/v1/status") report(`monitorConfig.path is ${JSON.stringify(p.monitorConfig?.path)}; it must be /api/v1/status.`);
    },
};

export const endpointPriorities: StackValidationPolicy = {
    name: "traffic-manager-unique-priorities",
    description: "Endpoints on a profile have distinct priorities, and an endpoint a stack registers on its peer's profile never takes priority 1, which belongs to the profile's owner.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const endpoints = args.resources.filter((r) => r.type === types.trafficManagerEndpoint);
        if (!endpoints.length) args.notApplicable("no Traffic Manager endpoints");
        const ownProfiles = new Set(args.resources.filter((r) => r.type === types.trafficManagerProfile).map((r) => r.props.profileName));
        const seen = new Map<string, string>();
        for (const e of endpoints) {
            const key = `${e.props.resourceGroupName}/${e.props.profileName}#${e.props.priority}`;
            if (seen.has(key)) report(`priority ${e.props.priority} on profile ${e.props.profileName} is also used by ${seen.get(key)}.`, e.urn);
            seen.set(key, e.name);
            if (!ownProfiles.has(e.props.profileName) && e.props.priority === 1) report(`endpoint ${e.props.endpointName} takes priority 1 on a profile this stack does not own.`, e.urn);
        }
    },
};

/** A standby's read replica holds only a copy of its source; re-protection may replace it. Once promoted it holds the data. */
function isUnpromotedReplica(props: Record<string, any>): boolean {
    return props.createMode === "Replica" && !props.replica?.promoteMode;
}

// Its own list of what holds data (the program's is tools/resourceFacts.ts): the pack shares no code with what it checks.
export const dataBearingProtected: StackValidationPolicy = {
    name: "data-bearing-resources-protected",
    description:
        "Resources that hold data — LogScale's storage account and its containers, Key Vaults, PostgreSQL servers (but a standby's unpromoted read replica, a copy that re-protection may replace), Redis caches, the Kafka cluster and its node pools — and the generated key LogScale encrypts its segments with are protected, so no config flip or refactor can delete or replace them.",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        // LogScale's bucket is the account its HumioCluster writes to; without one, every account counts.
        const bucketAccounts = args.resources
            .filter((r) => r.type === types.humioCluster)
            .map((r) => commonEnv(r.props).get("AZURE_STORAGE_ACCOUNTNAME")?.value)
            .filter((v): v is string => typeof v === "string");
        const isDataAccount = (name: unknown) => (bucketAccounts.length ? bucketAccounts.includes(String(name)) : true);
        const keys = encryptionKeySources(args.resources);
        for (const r of args.resources) {
            if (keys.has(r.urn)) {
                if (!r.opts.protect) report(`${r.type} ${r.name} is LogScale's storage encryption key: a replacement cannot read one existing segment, so it must be protected.`, r.urn);
                continue;
            }
            const dataBearing =
                (r.type === types.storageAccount && isDataAccount(r.props.accountName)) ||
                (r.type === types.blobContainer && isDataAccount(r.props.accountName)) ||
                r.type === types.keyVault ||
                r.type === types.redis ||
                (r.type === types.postgresServer && !isUnpromotedReplica(r.props)) ||
                r.type === types.kafka ||
                isKafkaNodePool(r.type);
            if (dataBearing && !r.opts.protect) report(`${r.type} ${r.name} holds data and must be protected.`, r.urn);
        }
    },
};

export const secondaryEndpointIndependent: StackValidationPolicy = {
    name: "secondary-endpoint-outlives-failover-function",
    description: "The secondary Traffic Manager endpoint is not a child of the failover function: promotion deletes the function, and must keep the endpoint (the vendor's known gap).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const r of args.resources) {
            if (r.type === types.trafficManagerEndpoint && ancestors(r).some((a) => a.type === types.failoverFunction)) {
                report(`endpoint ${r.props.endpointName} is parented under the failover function.`, r.urn);
            }
        }
    },
};

export const drInvariants = [
    humioClusterDeclaresMode,
    standbyEnvironment,
    activeEnvironment,
    standbyPools,
    failoverFunctionByMode,
    trafficManagerProfile,
    endpointPriorities,
    dataBearingProtected,
    secondaryEndpointIndependent,
];
