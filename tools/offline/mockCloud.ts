// Stand-in for Azure, Entra ID, Kubernetes and the random provider in the
// offline plan: deterministic outputs shaped like the real ones, derived from
// the resource's own inputs, so a program's wiring can be read and tested.
// Knows the providers, not the program.
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import type { PeerOutputs } from "./engine";

const mockSubscriptionId = "00000000-0000-0000-0000-000000000000";
export const mockTenantId = "11111111-1111-1111-1111-111111111111";

/** A value that stands in for a generated secret; tests look for it in plan output. */
export function fakeSecret(seed: string, length = 64): string {
    let s = "";
    for (let i = 0; s.length < length; i++) s += createHash("sha256").update(`secret:${seed}:${i}`).digest("hex");
    return s.slice(0, length);
}

function digest(seed: string): string {
    return createHash("sha256").update(seed).digest("hex");
}

function fakeGuid(seed: string): string {
    const h = digest(seed);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A public IP from 20.0.0.0/8 (an Azure range), stable per seed. */
function fakePublicIp(seed: string): string {
    const h = Buffer.from(digest(seed), "hex");
    return `20.${h[0]}.${h[1]}.${(h[2] % 254) + 1}`;
}

type Inputs = Record<string, any>;

/** How each Azure type is named and where it lives in ARM. */
const armTypes: Record<string, { nameKey: string; path: (i: Inputs, name: string) => string }> = {
    "azure-native:resources:ResourceGroup": { nameKey: "resourceGroupName", path: (_i, n) => `resourceGroups/${n}` },
    "azure-native:storage:StorageAccount": { nameKey: "accountName", path: (i, n) => `${rg(i)}/providers/Microsoft.Storage/storageAccounts/${n}` },
    "azure-native:storage:BlobContainer": {
        nameKey: "containerName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Storage/storageAccounts/${i.accountName}/blobServices/default/containers/${n}`,
    },
    "azure-native:network:VirtualNetwork": { nameKey: "virtualNetworkName", path: (i, n) => `${rg(i)}/providers/Microsoft.Network/virtualNetworks/${n}` },
    "azure-native:network:Subnet": {
        nameKey: "subnetName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Network/virtualNetworks/${i.virtualNetworkName}/subnets/${n}`,
    },
    "azure-native:network:NetworkSecurityGroup": {
        nameKey: "networkSecurityGroupName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Network/networkSecurityGroups/${n}`,
    },
    "azure-native:network:NatGateway": { nameKey: "natGatewayName", path: (i, n) => `${rg(i)}/providers/Microsoft.Network/natGateways/${n}` },
    "azure-native:network:PublicIPAddress": {
        nameKey: "publicIpAddressName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Network/publicIPAddresses/${n}`,
    },
    "azure-native:network:RecordSet": {
        nameKey: "relativeRecordSetName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Network/dnsZones/${i.zoneName}/${i.recordType}/${n}`,
    },
    "azure-native:managedidentity:UserAssignedIdentity": {
        nameKey: "resourceName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`,
    },
    "azure-native:containerservice:ManagedCluster": {
        nameKey: "resourceName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.ContainerService/managedClusters/${n}`,
    },
    "azure-native:containerservice:AgentPool": {
        nameKey: "agentPoolName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.ContainerService/managedClusters/${i.resourceName}/agentPools/${n}`,
    },
    "azure-native:containerservice:MaintenanceConfiguration": {
        nameKey: "configName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.ContainerService/managedClusters/${i.resourceName}/maintenanceConfigurations/${n}`,
    },
    "azure-native:trafficmanager:Profile": { nameKey: "profileName", path: (i, n) => `${rg(i)}/providers/Microsoft.Network/trafficManagerProfiles/${n}` },
    "azure-native:trafficmanager:Endpoint": {
        nameKey: "endpointName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Network/trafficManagerProfiles/${i.profileName}/${i.endpointType}/${n}`,
    },
    "azure-native:storage:Blob": {
        nameKey: "blobName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Storage/storageAccounts/${i.accountName}/blobServices/default/containers/${i.containerName}/blobs/${n}`,
    },
    "azure-native:web:AppServicePlan": { nameKey: "name", path: (i, n) => `${rg(i)}/providers/Microsoft.Web/serverfarms/${n}` },
    "azure-native:web:WebApp": { nameKey: "name", path: (i, n) => `${rg(i)}/providers/Microsoft.Web/sites/${n}` },
    "azure-native:operationalinsights:Workspace": { nameKey: "workspaceName", path: (i, n) => `${rg(i)}/providers/Microsoft.OperationalInsights/workspaces/${n}` },
    "azure-native:applicationinsights:Component": { nameKey: "resourceName", path: (i, n) => `${rg(i)}/providers/Microsoft.Insights/components/${n}` },
    "azure-native:monitor:ActionGroup": { nameKey: "actionGroupName", path: (i, n) => `${rg(i)}/providers/Microsoft.Insights/actionGroups/${n}` },
    "azure-native:monitor:MetricAlert": { nameKey: "ruleName", path: (i, n) => `${rg(i)}/providers/Microsoft.Insights/metricAlerts/${n}` },
    "azure-native:managedidentity:FederatedIdentityCredential": {
        nameKey: "federatedIdentityCredentialResourceName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${i.resourceName}/federatedIdentityCredentials/${n}`,
    },
    "azure-native:keyvault:Vault": { nameKey: "vaultName", path: (i, n) => `${rg(i)}/providers/Microsoft.KeyVault/vaults/${n}` },
    "azure-native:keyvault:Secret": { nameKey: "secretName", path: (i, n) => `${rg(i)}/providers/Microsoft.KeyVault/vaults/${i.vaultName}/secrets/${n}` },
    "azure-native:dbforpostgresql:Server": { nameKey: "serverName", path: (i, n) => `${rg(i)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${n}` },
    "azure-native:dbforpostgresql:Configuration": {
        nameKey: "configurationName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${i.serverName}/configurations/${n}`,
    },
    "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra": {
        nameKey: "objectId",
        path: (i, n) => `${rg(i)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/${i.serverName}/administrators/${n}`,
    },
    "azure-native:privatedns:PrivateZone": { nameKey: "privateZoneName", path: (i, n) => `${rg(i)}/providers/Microsoft.Network/privateDnsZones/${n}` },
    "azure-native:privatedns:VirtualNetworkLink": {
        nameKey: "virtualNetworkLinkName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Network/privateDnsZones/${i.privateZoneName}/virtualNetworkLinks/${n}`,
    },
    "azure-native:redis:Redis": { nameKey: "name", path: (i, n) => `${rg(i)}/providers/Microsoft.Cache/Redis/${n}` },
    "azure-native:redis:LinkedServer": { nameKey: "linkedServerName", path: (i, n) => `${rg(i)}/providers/Microsoft.Cache/Redis/${i.name}/linkedServers/${n}` },
    "azure-native:network:PrivateEndpoint": { nameKey: "privateEndpointName", path: (i, n) => `${rg(i)}/providers/Microsoft.Network/privateEndpoints/${n}` },
    "azure-native:network:PrivateDnsZoneGroup": {
        nameKey: "privateDnsZoneGroupName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Network/privateEndpoints/${i.privateEndpointName}/privateDnsZoneGroups/${n}`,
    },
    "azure-native:network:ApplicationGateway": { nameKey: "applicationGatewayName", path: (i, n) => `${rg(i)}/providers/Microsoft.Network/applicationGateways/${n}` },
    "azure-native:network:WebApplicationFirewallPolicy": {
        nameKey: "policyName",
        path: (i, n) => `${rg(i)}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/${n}`,
    },
    "azure-native:authorization:RoleDefinition": {
        nameKey: "roleDefinitionId",
        path: (i, n) => `${String(i.scope).replace(/^\/subscriptions\/[^/]+\//, "")}/providers/Microsoft.Authorization/roleDefinitions/${n}`,
    },
    "azure-native:authorization:RoleAssignment": {
        nameKey: "roleAssignmentName",
        path: (i, n) => `${String(i.scope).replace(/^\/subscriptions\/[^/]+\//, "")}/providers/Microsoft.Authorization/roleAssignments/${n}`,
    },
};

function rg(i: Inputs): string {
    return `resourceGroups/${i.resourceGroupName}`;
}

function azureOutputs(type: string, name: string, i: Inputs): Inputs {
    const physical = armTypes[type]?.nameKey && i[armTypes[type].nameKey] ? String(i[armTypes[type].nameKey]) : `${name}${digest(name).slice(0, 6)}`;
    const path = armTypes[type] ? armTypes[type].path(i, physical) : `providers/${type}/${physical}`;
    const id = `/subscriptions/${mockSubscriptionId}/${path}`;
    const out: Inputs = { ...i, name: physical, id };
    switch (type) {
        case "azure-native:storage:StorageAccount":
            out.primaryEndpoints = { blob: `https://${physical}.blob.core.windows.net/` };
            break;
        case "azure-native:network:PublicIPAddress":
            out.ipAddress = fakePublicIp(id);
            if (i.dnsSettings?.domainNameLabel) {
                // A scoped label gets a hash in its FQDN (PublicIPAddressDnsSettings.domainNameLabelScope); TenantReuse: of the tenant and the label.
                const hash = i.dnsSettings.domainNameLabelScope ? `-${digest(`${mockTenantId}/${i.dnsSettings.domainNameLabel}`).slice(0, 16)}` : "";
                out.dnsSettings = { ...i.dnsSettings, fqdn: `${i.dnsSettings.domainNameLabel}${hash}.${i.location}.cloudapp.azure.com` };
            }
            break;
        case "azure-native:managedidentity:UserAssignedIdentity":
            out.principalId = fakeGuid(`${id}:principal`);
            out.clientId = fakeGuid(`${id}:client`);
            out.tenantId = mockTenantId;
            break;
        case "azure-native:containerservice:ManagedCluster":
            out.fqdn = `${i.dnsPrefix}-${digest(id).slice(0, 8)}.hcp.${i.location}.azmk8s.io`;
            out.nodeResourceGroup = i.nodeResourceGroup ?? `MC_${i.resourceGroupName}_${physical}_${i.location}`;
            out.oidcIssuerProfile = { ...i.oidcIssuerProfile, issuerURL: `https://${i.location}.oic.prod-aks.azure.com/${mockTenantId}/${fakeGuid(id)}/` };
            out.identityProfile = { kubeletidentity: { objectId: fakeGuid(`${id}:kubelet`), clientId: fakeGuid(`${id}:kubelet-client`) } };
            break;
        case "azure-native:trafficmanager:Profile":
            out.dnsConfig = { ...i.dnsConfig, fqdn: `${i.dnsConfig?.relativeName}.trafficmanager.net` };
            break;
        case "azure-native:storage:Blob":
            out.url = `https://${i.accountName}.blob.core.windows.net/${i.containerName}/${physical}`;
            break;
        case "azure-native:web:WebApp":
            out.defaultHostName = `${physical}.azurewebsites.net`;
            break;
        case "azure-native:keyvault:Vault":
            out.properties = { ...i.properties, vaultUri: `https://${physical}.vault.azure.net/` };
            break;
        case "azure-native:dbforpostgresql:Server":
            out.fullyQualifiedDomainName = `${physical}.postgres.database.azure.com`;
            out.replicationRole = i.createMode !== "Replica" ? "Primary" : i.replica?.promoteMode ? "None" : "GeoAsyncReplica";
            break;
        case "azure-native:redis:Redis":
            out.hostName = `${physical}.redis.cache.windows.net`;
            out.sslPort = 6380;
            break;
        case "azure-native:applicationinsights:Component":
            out.instrumentationKey = fakeGuid(`${id}:ikey`);
            out.connectionString = `InstrumentationKey=${out.instrumentationKey};IngestionEndpoint=https://${i.location}-0.in.applicationinsights.azure.com/`;
            break;
    }
    return out;
}

/** Mock outputs for one resource, derived from its inputs. */
function mockResourceState(args: pulumi.runtime.MockResourceArgs, peers: Record<string, PeerOutputs>): pulumi.runtime.MockResourceResult {
    const { type, name, inputs } = args;
    if (type === "pulumi:pulumi:StackReference") {
        const peer = peers[String(inputs.name)] ?? { values: {}, secretNames: [] };
        return { id: String(inputs.name), state: { name: inputs.name, outputs: peer.values, secretOutputNames: peer.secretNames } };
    }
    if (type.startsWith("azure-native:")) {
        const state = azureOutputs(type, name, inputs);
        return { id: state.id, state };
    }
    if (type.startsWith("azuread:")) {
        const objectId = fakeGuid(`${type}:${name}:object`);
        switch (type) {
            case "azuread:index/application:Application":
                return { id: `/applications/${objectId}`, state: { ...inputs, objectId, clientId: fakeGuid(`${name}:client`) } };
            case "azuread:index/applicationPassword:ApplicationPassword":
                return { id: `${inputs.applicationId}/password/${fakeGuid(name)}`, state: { ...inputs, keyId: fakeGuid(name), value: fakeSecret(`${pulumi.getStack()}:${name}`, 40) } };
            default:
                return { id: `/servicePrincipals/${objectId}`, state: { ...inputs, objectId } };
        }
    }
    if (type === "random:index/randomString:RandomString" || type === "random:index/randomPassword:RandomPassword") {
        const length = Number(inputs.length ?? 16);
        const seed = `${pulumi.getStack()}:${name}`;
        const value = type.endsWith("RandomString") ? digest(seed).slice(0, length) : fakeSecret(seed, length);
        return { id: name, state: { ...inputs, result: value } };
    }
    if (type.startsWith("kubernetes:")) {
        const meta = inputs.metadata ?? {};
        const id = meta.namespace ? `${meta.namespace}/${meta.name ?? name}` : (meta.name ?? inputs.name ?? name);
        return { id, state: { ...inputs, status: inputs.status ?? {} } };
    }
    return { id: `${name}-id`, state: inputs };
}

/** A kubeconfig with an exec (kubelogin) user, as AKS returns it for Entra ID clusters. */
export function mockKubeconfig(cluster: string, location: string): string {
    return [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        `- name: ${cluster}`,
        "  cluster:",
        `    server: https://${cluster}-dns.hcp.${location}.azmk8s.io:443`,
        "    certificate-authority-data: TU9DSy1DQQ==",
        "contexts:",
        `- name: ${cluster}`,
        "  context:",
        `    cluster: ${cluster}`,
        `    user: clusterUser_${cluster}`,
        `current-context: ${cluster}`,
        "users:",
        `- name: clusterUser_${cluster}`,
        "  user:",
        "    exec:",
        "      apiVersion: client.authentication.k8s.io/v1beta1",
        "      command: kubelogin",
        "      args: [get-token, --login, devicecode, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]",
        "",
    ].join("\n");
}

/** The display name the mock's Entra ID gives a group, stable per object id. */
export function mockGroupDisplayName(objectId: string): string {
    return `group-${digest(`group:${objectId}`).slice(0, 8)}`;
}

/** Mock results of provider functions (invokes). */
function mockCall(args: pulumi.runtime.MockCallArgs): Record<string, any> {
    const i = args.inputs;
    switch (args.token) {
        case "azure-native:storage:listStorageAccountKeys":
            return { keys: ["key1", "key2"].map((keyName) => ({ keyName, permissions: "FULL", value: fakeSecret(`${i.accountName}:${keyName}`, 88) })) };
        case "azure-native:containerservice:listManagedClusterUserCredentials":
            return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(mockKubeconfig(i.resourceName, "azure")).toString("base64") }] };
        case "azure-native:web:listWebAppFunctionKeys":
            return {
                id: `/subscriptions/${mockSubscriptionId}/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Web/sites/${i.name}/functions/${i.functionName}`,
                name: i.functionName,
                type: "Microsoft.Web/sites/functions",
                properties: { default: fakeSecret(`${i.name}:${i.functionName}:default`, 56) },
            };
        case "azuread:index/getGroup:getGroup":
            // The provider looks a group up by displayName, objectId or mailNickname (azuread getGroup.d.ts); the mock knows object ids only.
            if (typeof i.objectId !== "string" || i.objectId === "") throw new Error("the offline plan looks Entra ID groups up by objectId only");
            return { id: i.objectId, objectId: i.objectId, displayName: mockGroupDisplayName(i.objectId), securityEnabled: true, mailEnabled: false };
        case "azuread:index/getClientConfig:getClientConfig":
            return { clientId: fakeGuid("client"), objectId: fakeGuid("object"), tenantId: mockTenantId };
        case "azure-native:authorization:getClientConfig":
            return { clientId: fakeGuid("client"), objectId: fakeGuid("object"), subscriptionId: mockSubscriptionId, tenantId: mockTenantId };
        default:
            throw new Error(`the offline plan has no mock for function ${args.token}`);
    }
}

/** The mocks for one render: every provider above, and these referenced stacks. */
export function mockCloud(peers: Record<string, PeerOutputs>): pulumi.runtime.Mocks {
    return { newResource: (args) => mockResourceState(args, peers), call: mockCall };
}
