// Rule family 2: two declarations of one Azure resource. Under the mock
// runtime ids are fake, so each resource's ARM id is derived from its inputs
// (resource group, parent names, own name), and so are the ids of
// sub-resources declared inline (agent pool profiles in a ManagedCluster,
// subnets in a VirtualNetwork, endpoints in a Traffic Manager profile, rules
// in a network security group). Two declarations fight over one resource: the
// second create fails, azure-native checks first and refuses to create a
// resource that exists ("cannot create already existing resource",
// pulumi/pulumi-azure-native provider/pkg/provider/provider.go defaultCreate →
// provider/pkg/azure/client_azcore.go CanCreate); and whichever is updated
// last overwrites the other. For AKS: at least one pool must be inline for
// the cluster to be created, every other pool a separate AgentPool resource
// (pulumi/pulumi-azure-native#579).
import { managed, plainInputs, PreflightInput, Rule, unknownValue, violation, Violation } from "./report";
import { RecordedResource } from "../offline/engine";

type Inputs = Record<string, any>;

const rg = (i: Inputs) => `resourceGroups/${i.resourceGroupName}`;
const provider = (namespace: string) => (i: Inputs) => `${rg(i)}/providers/${namespace}`;
const network = provider("Microsoft.Network");

/** How an azure-native type's ARM id is built: the input naming it, and the path from the subscription. */
const armPaths: Record<string, { nameKey: string; path: (i: Inputs, name: string) => string }> = {
    "azure-native:resources:ResourceGroup": { nameKey: "resourceGroupName", path: (_i, n) => `resourceGroups/${n}` },
    "azure-native:storage:StorageAccount": { nameKey: "accountName", path: (i, n) => `${provider("Microsoft.Storage")(i)}/storageAccounts/${n}` },
    "azure-native:storage:BlobContainer": { nameKey: "containerName", path: (i, n) => `${provider("Microsoft.Storage")(i)}/storageAccounts/${i.accountName}/blobServices/default/containers/${n}` },
    "azure-native:storage:Blob": { nameKey: "blobName", path: (i, n) => `${provider("Microsoft.Storage")(i)}/storageAccounts/${i.accountName}/blobServices/default/containers/${i.containerName}/blobs/${n}` },
    "azure-native:network:VirtualNetwork": { nameKey: "virtualNetworkName", path: (i, n) => `${network(i)}/virtualNetworks/${n}` },
    "azure-native:network:Subnet": { nameKey: "subnetName", path: (i, n) => `${network(i)}/virtualNetworks/${i.virtualNetworkName}/subnets/${n}` },
    "azure-native:network:NetworkSecurityGroup": { nameKey: "networkSecurityGroupName", path: (i, n) => `${network(i)}/networkSecurityGroups/${n}` },
    "azure-native:network:SecurityRule": { nameKey: "securityRuleName", path: (i, n) => `${network(i)}/networkSecurityGroups/${i.networkSecurityGroupName}/securityRules/${n}` },
    "azure-native:network:NatGateway": { nameKey: "natGatewayName", path: (i, n) => `${network(i)}/natGateways/${n}` },
    "azure-native:network:PublicIPAddress": { nameKey: "publicIpAddressName", path: (i, n) => `${network(i)}/publicIPAddresses/${n}` },
    "azure-native:network:PrivateEndpoint": { nameKey: "privateEndpointName", path: (i, n) => `${network(i)}/privateEndpoints/${n}` },
    "azure-native:network:PrivateDnsZoneGroup": { nameKey: "privateDnsZoneGroupName", path: (i, n) => `${network(i)}/privateEndpoints/${i.privateEndpointName}/privateDnsZoneGroups/${n}` },
    "azure-native:network:ApplicationGateway": { nameKey: "applicationGatewayName", path: (i, n) => `${network(i)}/applicationGateways/${n}` },
    "azure-native:network:WebApplicationFirewallPolicy": { nameKey: "policyName", path: (i, n) => `${network(i)}/ApplicationGatewayWebApplicationFirewallPolicies/${n}` },
    "azure-native:dns:RecordSet": { nameKey: "relativeRecordSetName", path: (i, n) => `${network(i)}/dnsZones/${i.zoneName}/${i.recordType}/${n}` },
    "azure-native:privatedns:PrivateZone": { nameKey: "privateZoneName", path: (i, n) => `${network(i)}/privateDnsZones/${n}` },
    "azure-native:privatedns:VirtualNetworkLink": { nameKey: "virtualNetworkLinkName", path: (i, n) => `${network(i)}/privateDnsZones/${i.privateZoneName}/virtualNetworkLinks/${n}` },
    "azure-native:trafficmanager:Profile": { nameKey: "profileName", path: (i, n) => `${network(i)}/trafficManagerProfiles/${n}` },
    "azure-native:trafficmanager:Endpoint": { nameKey: "endpointName", path: (i, n) => `${network(i)}/trafficManagerProfiles/${i.profileName}/${i.endpointType}/${n}` },
    "azure-native:managedidentity:UserAssignedIdentity": { nameKey: "resourceName", path: (i, n) => `${provider("Microsoft.ManagedIdentity")(i)}/userAssignedIdentities/${n}` },
    "azure-native:managedidentity:FederatedIdentityCredential": {
        nameKey: "federatedIdentityCredentialResourceName",
        path: (i, n) => `${provider("Microsoft.ManagedIdentity")(i)}/userAssignedIdentities/${i.resourceName}/federatedIdentityCredentials/${n}`,
    },
    "azure-native:containerservice:ManagedCluster": { nameKey: "resourceName", path: (i, n) => `${provider("Microsoft.ContainerService")(i)}/managedClusters/${n}` },
    "azure-native:containerservice:AgentPool": { nameKey: "agentPoolName", path: (i, n) => `${provider("Microsoft.ContainerService")(i)}/managedClusters/${i.resourceName}/agentPools/${n}` },
    "azure-native:containerservice:MaintenanceConfiguration": {
        nameKey: "configName",
        path: (i, n) => `${provider("Microsoft.ContainerService")(i)}/managedClusters/${i.resourceName}/maintenanceConfigurations/${n}`,
    },
    "azure-native:keyvault:Vault": { nameKey: "vaultName", path: (i, n) => `${provider("Microsoft.KeyVault")(i)}/vaults/${n}` },
    "azure-native:keyvault:Secret": { nameKey: "secretName", path: (i, n) => `${provider("Microsoft.KeyVault")(i)}/vaults/${i.vaultName}/secrets/${n}` },
    "azure-native:dbforpostgresql:Server": { nameKey: "serverName", path: (i, n) => `${provider("Microsoft.DBforPostgreSQL")(i)}/flexibleServers/${n}` },
    "azure-native:dbforpostgresql:Configuration": { nameKey: "configurationName", path: (i, n) => `${provider("Microsoft.DBforPostgreSQL")(i)}/flexibleServers/${i.serverName}/configurations/${n}` },
    "azure-native:redis:Redis": { nameKey: "name", path: (i, n) => `${provider("Microsoft.Cache")(i)}/redis/${n}` },
    "azure-native:redis:LinkedServer": { nameKey: "linkedServerName", path: (i, n) => `${provider("Microsoft.Cache")(i)}/redis/${i.name}/linkedServers/${n}` },
    "azure-native:web:AppServicePlan": { nameKey: "name", path: (i, n) => `${provider("Microsoft.Web")(i)}/serverfarms/${n}` },
    "azure-native:web:WebApp": { nameKey: "name", path: (i, n) => `${provider("Microsoft.Web")(i)}/sites/${n}` },
    "azure-native:operationalinsights:Workspace": { nameKey: "workspaceName", path: (i, n) => `${provider("Microsoft.OperationalInsights")(i)}/workspaces/${n}` },
    "azure-native:applicationinsights:Component": { nameKey: "resourceName", path: (i, n) => `${provider("Microsoft.Insights")(i)}/components/${n}` },
    "azure-native:monitor:ActionGroup": { nameKey: "actionGroupName", path: (i, n) => `${provider("Microsoft.Insights")(i)}/actionGroups/${n}` },
    "azure-native:monitor:MetricAlert": { nameKey: "ruleName", path: (i, n) => `${provider("Microsoft.Insights")(i)}/metricAlerts/${n}` },
};

/** The Traffic Manager endpoint type segment of an inline endpoint's `type` (Microsoft.Network/trafficManagerProfiles/externalEndpoints). */
const endpointTypeSegment = (type: unknown) => String(type ?? "").split("/").pop();

/** Sub-resources a parent declares inline: their ids and where in the parent's inputs. */
const inlineChildren: Record<string, (i: Inputs, parentId: string) => Array<{ id: string; property: string }>> = {
    "azure-native:containerservice:ManagedCluster": (i, id) => (i.agentPoolProfiles ?? []).map((p: any, n: number) => ({ id: `${id}/agentPools/${p?.name}`, property: `agentPoolProfiles[${n}]` })),
    "azure-native:network:VirtualNetwork": (i, id) => (i.subnets ?? []).map((s: any, n: number) => ({ id: `${id}/subnets/${s?.name}`, property: `subnets[${n}]` })),
    "azure-native:network:NetworkSecurityGroup": (i, id) => (i.securityRules ?? []).map((s: any, n: number) => ({ id: `${id}/securityRules/${s?.name}`, property: `securityRules[${n}]` })),
    "azure-native:trafficmanager:Profile": (i, id) => (i.endpoints ?? []).map((e: any, n: number) => ({ id: `${id}/${endpointTypeSegment(e?.type)}/${e?.name}`, property: `endpoints[${n}]` })),
};

interface Declaration {
    resource: RecordedResource;
    property: string;
}

/** Every ARM id a rendering declares, in the engine's order. ARM ids compare without case. */
export function declaredIds(resources: readonly RecordedResource[]): Map<string, Declaration[]> {
    const ids = new Map<string, Declaration[]>();
    const add = (id: string, d: Declaration) => {
        // An id some input of which was not known at preview, or not given, names nothing yet.
        if (id.includes(unknownValue) || id.includes("undefined")) return;
        const key = id.toLowerCase();
        ids.set(key, [...(ids.get(key) ?? []), d]);
    };
    for (const r of managed(resources, "azure-native:")) {
        const arm = armPaths[r.type];
        const inputs = plainInputs(r.inputs);
        const name = arm && inputs[arm.nameKey];
        // Without its name input azure-native generates a unique one: no clash is possible.
        if (typeof name !== "string") continue;
        const id = arm.path(inputs, name);
        add(id, { resource: r, property: arm.nameKey });
        for (const child of inlineChildren[r.type]?.(inputs, id) ?? []) add(child.id, { resource: r, property: child.property });
    }
    return ids;
}

const source = "pulumi-azure-native provider/pkg/provider/provider.go (create refuses an existing resource); pulumi/pulumi-azure-native#579 (AKS pools: one inline, the rest as AgentPool)";

export function duplicateIdViolations(input: PreflightInput): Violation[] {
    const out: Violation[] = [];
    for (const [id, declarations] of declaredIds(input.resources)) {
        if (declarations.length < 2) continue;
        const [first, ...others] = declarations;
        for (const d of others) {
            out.push(
                violation(
                    "arm.duplicateId",
                    d.resource,
                    d.property,
                    `arm.duplicateId: declares ${id}, which ${first.resource.type} ${first.resource.name} also declares (${first.property})`,
                    source,
                ),
            );
        }
    }
    return out;
}

export const armIdRules: Rule[] = [{ id: "arm.duplicateId", summary: "no two declarations (resources, or sub-resources inline) of one ARM id", source }];
