// What the policies read off resources: their types, the DR mode a stack is
// in (from the HumioCluster's own annotation), environment variables, and
// policy config with its defaults. The policies encode docs/design.md on
// their own and import nothing from the program they check: a copy of a name
// here (types, the mode annotation) is independence, not duplication.
import { ResourceValidationArgs, StackValidationArgs, PolicyResource, Secret } from "@pulumi/policy";

export const types = {
    stack: "pulumi:pulumi:Stack",
    storageAccount: "azure-native:storage:StorageAccount",
    blobContainer: "azure-native:storage:BlobContainer",
    managedCluster: "azure-native:containerservice:ManagedCluster",
    agentPool: "azure-native:containerservice:AgentPool",
    keyVault: "azure-native:keyvault:Vault",
    postgresServer: "azure-native:dbforpostgresql:Server",
    postgresConfiguration: "azure-native:dbforpostgresql:Configuration",
    redis: "azure-native:redis:Redis",
    trafficManagerProfile: "azure-native:trafficmanager:Profile",
    trafficManagerEndpoint: "azure-native:trafficmanager:Endpoint",
    metricAlert: "azure-native:monitor:MetricAlert",
    actionGroup: "azure-native:monitor:ActionGroup",
    humioCluster: "kubernetes:core.humio.com/v1alpha1:HumioCluster",
    kafka: "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
    failoverFunction: "logscale-dr:failover:FailoverFunction",
    helmRelease: "kubernetes:helm.sh/v3:Release",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
} as const;

export type DrMode = "standby" | "active" | "none";
export const drModeAnnotation = "logscale.dr/mode";

/** The DR mode a HumioCluster declares, if it declares one. */
export function drModeOf(humioCluster: Record<string, any>): DrMode | undefined {
    const mode = humioCluster?.metadata?.annotations?.[drModeAnnotation];
    return mode === "standby" || mode === "active" || mode === "none" ? mode : undefined;
}

/** The stack's DR mode: its HumioCluster's, or undefined when it has none. */
export function stackDrMode(resources: PolicyResource[]): DrMode | undefined {
    const hc = resources.find((r) => r.type === types.humioCluster);
    return hc ? drModeOf(hc.props) : undefined;
}

export interface EnvVar {
    name: string;
    value?: unknown;
    valueFrom?: unknown;
}

/** The variables every HumioCluster pool gets. */
export function commonEnv(humioCluster: Record<string, any>): Map<string, EnvVar> {
    return new Map(((humioCluster?.spec?.commonEnvironmentVariables ?? []) as EnvVar[]).map((e) => [e.name, e]));
}

/** Every container environment list of a Kubernetes object, with where it sits. */
export function environmentLists(type: string, props: Record<string, any>): Array<{ where: string; env: EnvVar[] }> {
    const out: Array<{ where: string; env: EnvVar[] }> = [];
    const add = (where: string, env: unknown) => Array.isArray(env) && out.push({ where, env: env as EnvVar[] });
    if (type === types.humioCluster) {
        const spec = props.spec ?? {};
        add("spec.commonEnvironmentVariables", spec.commonEnvironmentVariables);
        add("spec.environmentVariables", spec.environmentVariables);
        (spec.nodePools ?? []).forEach((p: any) => add(`spec.nodePools[${p.name}].spec.environmentVariables`, p.spec?.environmentVariables));
        return out;
    }
    const podSpec = type.endsWith(":Pod") ? props.spec : type.endsWith(":CronJob") ? props.spec?.jobTemplate?.spec?.template?.spec : props.spec?.template?.spec;
    for (const kind of ["initContainers", "containers"]) {
        (podSpec?.[kind] ?? []).forEach((c: any) => add(`${kind}[${c.name}].env`, c.env));
    }
    return out;
}

/** Policy config with the schema's defaults filled in (the engine sends them; a direct call may not). */
export function configOf<T extends object>(args: ResourceValidationArgs | StackValidationArgs, defaults: T): T {
    return { ...defaults, ...(args.getConfig<Partial<T>>() ?? {}) };
}

/**
 * A property that may hold a secret, as plain data: @pulumi/policy unwraps
 * secrets for validations, but a remediation's view and the offline runner
 * (tools/policyRunner.ts) hand a property containing one over as a whole
 * Secret (the action group's function receivers carry the trigger's key).
 */
export function revealed<T = any>(value: unknown): T {
    return (value instanceof Secret ? revealed(value.value) : value) as T;
}

/** A resource's ancestors, nearest first. */
export function ancestors(r: PolicyResource): PolicyResource[] {
    const out: PolicyResource[] = [];
    for (let p = r.parent; p; p = p.parent) out.push(p);
    return out;
}
