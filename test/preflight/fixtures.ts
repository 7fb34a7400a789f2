// Recorded registrations for the preflight's unit tests, in the style of
// pulumi/compliance-policies: a compliant baseline per resource type, and one
// mutation per violation (`mutated` deep-copies and sets one input path).
import { RecordedResource } from "../../tools/offline/engine";
import { PreflightInput } from "../../tools/preflight/report";

export function recorded(type: string, name: string, inputs: Record<string, unknown>, options: Partial<RecordedResource["options"]> = {}): RecordedResource {
    return {
        urn: `urn:pulumi:test::logscale-dr::${type}::${name}`,
        type,
        name,
        parent: null,
        custom: !/helm\.sh\/v4:Chart|yaml\/v2:ConfigFile/.test(type),
        read: false,
        inputs,
        state: {},
        options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], aliases: [], dependsOn: [], ...options },
    };
}

export function input(resources: RecordedResource[], extra: Partial<PreflightInput> = {}): PreflightInput {
    return { resources, kubernetesVersion: "1.33", ...extra };
}

/** A copy of `r` with the input at `path` (dots and [n]) set, or removed when `value` is undefined. */
export function mutated(r: RecordedResource, path: string, value: unknown): RecordedResource {
    const inputs = structuredClone(r.inputs) as any;
    const parts = path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
    let node = inputs;
    for (const p of parts.slice(0, -1)) node = node[p] ??= {};
    const last = parts[parts.length - 1];
    if (value === undefined) delete node[last];
    else node[last] = value;
    return { ...r, inputs };
}

const rg = "lsdr-logscale-eastus";
const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
const subnetId = (name: string) => `${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/lsdr-vnet/subnets/${name}`;
const pool = { vmSize: "Standard_F4s_v2", count: 2, minCount: 2, maxCount: 5, enableAutoScaling: true, osDiskSizeGB: 40, osType: "Linux", osSKU: "AzureLinux", type: "VirtualMachineScaleSets", availabilityZones: ["1", "2", "3"], vnetSubnetID: subnetId("system"), nodeLabels: { "k8s-app": "support" }, upgradeSettings: { maxSurge: "33%" } };

/** A compliant registration of each type the rules look at. */
export const baseline = {
    managedCluster: recorded("azure-native:containerservice:ManagedCluster", "aks-cluster", {
        resourceGroupName: rg,
        location: "eastus",
        resourceName: "lsdr-aks",
        dnsPrefix: "lsdr",
        kubernetesVersion: "1.33",
        identity: { type: "UserAssigned", userAssignedIdentities: [`${sub}/resourceGroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/lsdr-aks`] },
        enableRBAC: true,
        oidcIssuerProfile: { enabled: true },
        networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay", networkDataplane: "cilium", networkPolicy: "cilium", outboundType: "userAssignedNATGateway", podCidr: "10.244.0.0/16", serviceCidr: "10.0.0.0/16", dnsServiceIP: "10.0.0.10" },
        autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "SecurityPatch" },
        agentPoolProfiles: [{ name: "system", mode: "System", ...pool }],
    }),
    agentPool: recorded("azure-native:containerservice:AgentPool", "aks-pool-kafka", { resourceGroupName: rg, resourceName: "lsdr-aks", agentPoolName: "kafka", mode: "User", orchestratorVersion: "1.33", ...pool, powerState: { code: "Running" } }),
    maintenance: recorded("azure-native:containerservice:MaintenanceConfiguration", "aks-maintenance", { resourceGroupName: rg, resourceName: "lsdr-aks", configName: "default", timeInWeek: [{ day: "Sunday", hourSlots: [2, 3] }] }),
    storageAccount: recorded("azure-native:storage:StorageAccount", "logs-account", {
        resourceGroupName: rg,
        location: "eastus",
        accountName: "lsdrlogsab12cd",
        kind: "StorageV2",
        sku: { name: "Standard_LRS" },
        networkRuleSet: { defaultAction: "Deny", virtualNetworkRules: [{ virtualNetworkResourceId: subnetId("system"), action: "Allow" }], ipRules: [] },
    }),
    subnet: recorded("azure-native:network:Subnet", "network-system-subnet", { resourceGroupName: rg, virtualNetworkName: "lsdr-vnet", subnetName: "system", addressPrefix: "172.16.0.0/24", serviceEndpoints: [{ service: "Microsoft.Storage" }] }),
    vnet: recorded("azure-native:network:VirtualNetwork", "network-vnet", { resourceGroupName: rg, location: "eastus", virtualNetworkName: "lsdr-vnet", addressSpace: { addressPrefixes: ["172.16.0.0/16"] } }),
    vault: recorded("azure-native:keyvault:Vault", "break-glass-vault", {
        resourceGroupName: rg,
        location: "eastus",
        vaultName: "lsdrkvab12cd",
        properties: { tenantId: "11111111-1111-1111-1111-111111111111", sku: { family: "A", name: "standard" }, networkAcls: { defaultAction: "Deny", bypass: "AzureServices", virtualNetworkRules: [{ id: subnetId("system") }] } },
    }),
    redis: recorded("azure-native:redis:Redis", "redis-cache", {
        resourceGroupName: rg,
        location: "eastus",
        name: "lsdrredisab12cd",
        sku: { name: "Premium", family: "P", capacity: 1 },
        enableNonSslPort: false,
        minimumTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        redisVersion: "6",
        zonalAllocationPolicy: "NoZones",
    }),
    linkedServer: recorded("azure-native:redis:LinkedServer", "redis-geo-link", {
        resourceGroupName: "lsdr-peer-logscale-westus",
        name: "lsdrpeerredis",
        linkedServerName: "lsdrredisab12cd",
        linkedRedisCacheId: `${sub}/resourceGroups/${rg}/providers/Microsoft.Cache/Redis/lsdrredisab12cd`,
        linkedRedisCacheLocation: "eastus",
        serverRole: "Secondary",
    }),
    postgres: recorded(
        "azure-native:dbforpostgresql:Server",
        "postgres-server",
        {
            resourceGroupName: rg,
            location: "eastus",
            serverName: "lsdr-pg",
            version: "16",
            sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
            storage: { storageSizeGB: 128, autoGrow: "Enabled" },
            createMode: "Replica",
            sourceServerResourceId: `${sub}/resourceGroups/lsdr-peer/providers/Microsoft.DBforPostgreSQL/flexibleServers/lsdr-peer-pg`,
        },
        { protect: true },
    ),
    profile: recorded("azure-native:trafficmanager:Profile", "global-dns-profile", {
        resourceGroupName: rg,
        profileName: "lsdr-global",
        location: "global",
        profileStatus: "Enabled",
        trafficRoutingMethod: "Priority",
        dnsConfig: { relativeName: "logscale", ttl: 60 },
        monitorConfig: { protocol: "HTTPS", port: 443, path: "/api/v1/status", intervalInSeconds: 10, timeoutInSeconds: 5, toleratedNumberOfFailures: 2 },
    }),
    endpoint: recorded("azure-native:trafficmanager:Endpoint", "global-dns-primary", {
        resourceGroupName: rg,
        profileName: "lsdr-global",
        endpointName: "lsdr-primary",
        endpointType: "ExternalEndpoints",
        type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
        target: "lsdr-logscale.eastus.cloudapp.azure.com",
        priority: 1,
        endpointStatus: "Enabled",
    }),
    metricAlert: recorded("azure-native:monitor:MetricAlert", "failover-alert", {
        resourceGroupName: rg,
        ruleName: "lsdr-primary-down",
        description: "The primary endpoint is down",
        location: "global",
        severity: 1,
        enabled: true,
        scopes: [`${sub}/resourceGroups/${rg}/providers/Microsoft.Network/trafficManagerProfiles/lsdr-global`],
        evaluationFrequency: "PT1M",
        windowSize: "PT1M",
        criteria: {
            odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
            allOf: [{ criterionType: "StaticThresholdCriterion", name: "down", metricName: "ProbeAgentCurrentEndpointStateByProfileResourceId", operator: "LessThan", threshold: 1, timeAggregation: "Maximum", dimensions: [{ name: "EndpointName", operator: "Include", values: ["lsdr-primary"] }] }],
        },
    }),
    actionGroup: recorded("azure-native:monitor:ActionGroup", "failover-actions", {
        resourceGroupName: rg,
        actionGroupName: "lsdr-failover",
        groupShortName: "lsdrfailovr",
        location: "Global",
        enabled: true,
        emailReceivers: [{ name: "email-1", emailAddress: "oncall@example.com", useCommonAlertSchema: true }],
    }),
    webApp: recorded("azure-native:web:WebApp", "failover-app", { resourceGroupName: rg, location: "eastus", name: "lsdr-failover", kind: "functionapp,linux" }),
    recordSet: recorded("azure-native:dns:RecordSet", "global-dns-cname", { resourceGroupName: "dns", zoneName: "logs.example.com", relativeRecordSetName: "logscale", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "logscale.trafficmanager.net" } }),
};
