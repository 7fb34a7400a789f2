// What the policies read off resources: their types, the DR mode a stack is
// in (from the HumioCluster's own annotation), environment variables, and
// policy config with its defaults. The policies encode docs/design.md on
// their own and import nothing from the program they check: a copy of a name
// here (types, the mode annotation) is independence, not duplication.
import { ResourceValidation, ResourceValidationArgs, StackValidationArgs, PolicyResource, Secret } from "@pulumi/policy";

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

/** More resource types the policies read (Azure Native, AzureAD, Kubernetes). */
export const moreTypes = {
    roleAssignment: "azure-native:authorization:RoleAssignment",
    roleDefinition: "azure-native:authorization:RoleDefinition",
    lockByScope: "azure-native:authorization:ManagementLockByScope",
    lockAtResourceGroup: "azure-native:authorization:ManagementLockAtResourceGroupLevel",
    lockAtResource: "azure-native:authorization:ManagementLockAtResourceLevel",
    lockAtSubscription: "azure-native:authorization:ManagementLockAtSubscriptionLevel",
    blobServiceProperties: "azure-native:storage:BlobServiceProperties",
    keyVaultSecret: "azure-native:keyvault:Secret",
    postgresFirewallRule: "azure-native:dbforpostgresql:FirewallRule",
    postgresEntraAdministrator: "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra",
    networkSecurityGroup: "azure-native:network:NetworkSecurityGroup",
    securityRule: "azure-native:network:SecurityRule",
    publicIp: "azure-native:network:PublicIPAddress",
    applicationGateway: "azure-native:network:ApplicationGateway",
    wafPolicy: "azure-native:network:WebApplicationFirewallPolicy",
    webApp: "azure-native:web:WebApp",
    webAppSettings: "azure-native:web:WebAppApplicationSettings",
    federatedCredential: "azure-native:managedidentity:FederatedIdentityCredential",
    adApplication: "azuread:index/application:Application",
    adServicePrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
    adApplicationPassword: "azuread:index/applicationPassword:ApplicationPassword",
    namespace: "kubernetes:core/v1:Namespace",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    kafkaNodePool: "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool",
    secret: "kubernetes:core/v1:Secret",
} as const;

/** Diagnostic settings (azure-native v3's monitor module). */
export const isDiagnosticSetting = (type: string): boolean => type === "azure-native:monitor:DiagnosticSetting";

/** Cilium's own policy kinds, which enforce like NetworkPolicy does. */
export const isCiliumPolicy = (type: string): boolean => /^kubernetes:cilium\.io\/v2(alpha1)?:Cilium(Clusterwide)?NetworkPolicy$/.test(type);

/** Strimzi's Kafka kind, whatever its API version. */
export const isStrimziKafka = (type: string): boolean => /^kubernetes:kafka\.strimzi\.io\/v[0-9a-z]+:Kafka$/.test(type);

/**
 * The storage accounts LogScale keeps its segments in: those a HumioCluster
 * names in AZURE_STORAGE_ACCOUNTNAME. Without a HumioCluster in the stack,
 * every account counts (a stack that holds only storage holds logs).
 */
export function logAccounts(resources: PolicyResource[]): PolicyResource[] {
    const named = resources
        .filter((r) => r.type === types.humioCluster)
        .map((r) => commonEnv(r.props).get("AZURE_STORAGE_ACCOUNTNAME")?.value)
        .filter((v): v is string => typeof v === "string");
    return resources.filter((r) => r.type === types.storageAccount && (!named.length || named.includes(String(r.props.accountName))));
}

/** The last segment of an ARM ID, lower-cased: a role definition's GUID. */
export const lastSegment = (id: unknown): string => String(id ?? "").replace(/\/+$/, "").split("/").pop()!.toLowerCase();

export type ScopeLevel = "root" | "managementGroup" | "subscription" | "resourceGroup" | "resource";

/** How much of Azure an ARM scope covers. */
export function scopeLevel(scope: unknown): ScopeLevel {
    const s = String(scope ?? "").replace(/\/+$/, "");
    if (s === "") return "root";
    if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(s)) return "managementGroup";
    if (/^\/subscriptions\/[^/]+$/i.test(s)) return "subscription";
    if (/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+$/i.test(s)) return "resourceGroup";
    return "resource";
}

/** An IPv4 address or CIDR as [address, prefix length], or undefined when malformed. */
export function parseIpv4Range(text: unknown): { address: number[]; prefix: number } | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(String(text ?? "").trim());
    if (!m) return undefined;
    const address = m.slice(1, 5).map(Number);
    const prefix = m[5] === undefined ? 32 : Number(m[5]);
    if (address.some((o) => o > 255) || prefix > 32) return undefined;
    return { address, prefix };
}

/** RFC 1918 private, loopback and link-local ranges. */
export function isPrivateIpv4(address: number[]): boolean {
    const [a, b] = address;
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

/** A resource validation for one type: not applicable to any other. */
export const ofType =
    (type: string | ((t: string) => boolean), check: (props: Record<string, any>, report: (message: string) => void) => void): ResourceValidation =>
    (args, report) => {
        if (typeof type === "string" ? args.type !== type : !type(args.type)) args.notApplicable(`applies to ${typeof type === "string" ? type : "other types"}`);
        check(args.props, report);
    };
