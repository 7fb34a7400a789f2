// Microsoft.Network at api-version 2024-05-01, the version @pulumi/azure-native
// 3.28.0 uses for every network type this program creates (the "Uses Azure
// REST API version 2024-05-01" line of network/{networkSecurityGroup,subnet,
// virtualNetwork,publicIPAddress,natGateway,privateEndpoint,
// privateDnsZoneGroup,applicationGateway,webApplicationFirewallPolicy}.d.ts).
// One excerpt per upstream file of Azure/azure-rest-api-specs, read at the
// commit its `source` names; natGateway.json and privateEndpoint.json were read
// in the repository's later layout (Microsoft.Network/Network/stable/...),
// whose `./network.json` and `./virtualNetwork.json` references resolve here to
// the excerpts of those files read in the earlier layout (same api-version).
//
// Every definition below lists every property of the upstream definition
// (closed: an unlisted nested key is reported unknown). A property whose
// definition lives in a file not read here is marked `x-excerpt-unread` with
// that reference: nothing is checked below it. A comment gives each rule's
// place in its file; "(description)" marks a range or length the file states in
// the property's description rather than as a keyword. None of these files
// marks a property x-ms-mutability, so nothing here is create-only beyond the
// path parameters.
import { Excerpt } from "../restExcerpt";

const repo = "Azure/azure-rest-api-specs";
const apiVersion = "2024-05-01";
const stable = "specification/network/resource-manager/Microsoft.Network/stable/2024-05-01";
const stableLater = "specification/network/resource-manager/Microsoft.Network/Network/stable/2024-05-01";

const NETWORK = "network-network-2024-05-01.encoded";
const NSG = "network-networkSecurityGroup-2024-05-01.encoded";
const VNET = "network-virtualNetwork-2024-05-01.encoded";
const PIP = "network-publicIpAddress-2024-05-01.encoded";
const NAT = "network-natGateway-2024-05-01.encoded";
const PE = "network-privateEndpoint-2024-05-01.encoded";
const APPGW = "network-applicationGateway-2024-05-01.encoded";
const WAF = "network-webapplicationfirewall-2024-05-01.encoded";

// Fresh nodes each time: the preflight caches by node, and a local `#/...` reference resolves in the file it sits in.
const pathParam = (name: string, constraints: Record<string, unknown> = {}) => ({ name, in: "path", required: true, type: "string", ...constraints });
const local = (def: string, extra: Record<string, unknown> = {}) => ({ $ref: `#/definitions/${def}`, ...extra });
const inFile = (file: string, def: string, extra: Record<string, unknown> = {}) => ({ $ref: `${file}#/definitions/${def}`, ...extra });
const subResource = () => inFile(NETWORK, "SubResource");
const subResources = () => ({ type: "array", items: subResource() });
const provisioningState = () => inFile(NETWORK, "ProvisioningState", { readOnly: true });
const readOnlyString = () => ({ readOnly: true, type: "string" });
const str = () => ({ type: "string" });
const int = () => ({ type: "integer" });
const bool = () => ({ type: "boolean" });
const strings = () => ({ type: "array", items: { type: "string" } });
const arrayOf = (items: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: "array", items, ...extra });
const unread = (ref: string, extra: Record<string, unknown> = {}) => ({ "x-excerpt-unread": ref, ...extra });
const flatten = (def: string) => local(def, { "x-ms-client-flatten": true });
/**
 * The shape most Microsoft.Network child resources share: flattened
 * `properties`, a writable `name`, a read-only `etag`, a `type` (read-only in
 * some definitions), on network.json's SubResource (a writable `id`).
 */
const childResource = (propertiesDef: string, type: "readOnly" | "writable" | "absent" = "readOnly") => ({
    properties: {
        properties: flatten(propertiesDef),
        name: str(),
        etag: readOnlyString(),
        ...(type === "absent" ? {} : { type: type === "readOnly" ? readOnlyString() : str() }),
    },
    allOf: [subResource()],
});

export const excerpts: Record<string, Excerpt> = {
    // ------------------------------------------------------------------ network.json: the definitions the others share
    [NETWORK]: {
        source: { repo, path: `${stable}/network.json`, commit: "ea83a2a3e90ca3f0420e9d0ef55a811523541aba", apiVersion },
        definitions: {
            // #/definitions/Resource: id writable, name and type read-only, location and tags (no x-ms-mutability, location not required)
            Resource: {
                properties: {
                    id: str(),
                    name: readOnlyString(),
                    type: readOnlyString(),
                    location: str(),
                    tags: { type: "object", additionalProperties: { type: "string" } },
                },
                "x-ms-azure-resource": true,
            },
            // #/definitions/SubResource
            SubResource: { properties: { id: str() }, "x-ms-azure-resource": true },
            // #/definitions/ManagedServiceIdentity
            ManagedServiceIdentity: {
                properties: {
                    principalId: readOnlyString(),
                    tenantId: readOnlyString(),
                    // #/definitions/ManagedServiceIdentity/properties/type
                    type: { type: "string", enum: ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"] },
                    // #/definitions/ManagedServiceIdentity/properties/userAssignedIdentities: values have read-only properties only (the SDK takes a list of ids)
                    userAssignedIdentities: { type: "object", additionalProperties: { type: "object", properties: { principalId: readOnlyString(), clientId: readOnlyString() } } },
                },
            },
            // #/definitions/ProvisioningState
            ProvisioningState: { type: "string", readOnly: true, enum: ["Succeeded", "Updating", "Deleting", "Failed"] },
            // #/definitions/IPAllocationMethod
            IPAllocationMethod: { type: "string", enum: ["Static", "Dynamic"] },
            // #/definitions/IPVersion
            IPVersion: { type: "string", enum: ["IPv4", "IPv6"] },
            // #/definitions/ExtendedLocationType
            ExtendedLocationType: { type: "string", enum: ["EdgeZone"] },
            // #/definitions/ExtendedLocation
            ExtendedLocation: { properties: { name: str(), type: local("ExtendedLocationType") } },
        },
    },

    // ------------------------------------------------------------------ networkSecurityGroup.json
    [NSG]: {
        source: { repo, path: `${stable}/networkSecurityGroup.json`, commit: "c93887028b4d26ea3c19a1c5be394b4f69e636c3", apiVersion },
        resources: {
            // #/paths/.../networkSecurityGroups/{networkSecurityGroupName}/put (path parameters inline, no constraints)
            "azure-native:network:NetworkSecurityGroup": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/networkSecurityGroups/{networkSecurityGroupName}",
                parameters: [pathParam("resourceGroupName"), pathParam("networkSecurityGroupName")],
                body: "#/definitions/NetworkSecurityGroup",
            },
        },
        definitions: {
            // #/definitions/SecurityRulePropertiesFormat (required: protocol, access, priority, direction)
            SecurityRulePropertiesFormat: {
                properties: {
                    // #/definitions/SecurityRulePropertiesFormat/properties/description: "Restricted to 140 chars." (description)
                    description: { type: "string", maxLength: 140 },
                    // #/definitions/SecurityRulePropertiesFormat/properties/protocol
                    protocol: { type: "string", enum: ["Tcp", "Udp", "Icmp", "Esp", "*", "Ah"] },
                    sourcePortRange: str(),
                    destinationPortRange: str(),
                    sourceAddressPrefix: str(),
                    sourceAddressPrefixes: strings(),
                    sourceApplicationSecurityGroups: arrayOf(unread("./applicationSecurityGroup.json#/definitions/ApplicationSecurityGroup")),
                    destinationAddressPrefix: str(),
                    destinationAddressPrefixes: strings(),
                    destinationApplicationSecurityGroups: arrayOf(unread("./applicationSecurityGroup.json#/definitions/ApplicationSecurityGroup")),
                    sourcePortRanges: strings(),
                    destinationPortRanges: strings(),
                    // #/definitions/SecurityRulePropertiesFormat/properties/access → #/definitions/SecurityRuleAccess
                    access: local("SecurityRuleAccess"),
                    // #/definitions/SecurityRulePropertiesFormat/properties/priority: "The value can be between 100 and 4096." (description)
                    priority: { type: "integer", minimum: 100, maximum: 4096 },
                    // #/definitions/SecurityRulePropertiesFormat/properties/direction → #/definitions/SecurityRuleDirection
                    direction: local("SecurityRuleDirection"),
                    provisioningState: provisioningState(),
                },
                required: ["protocol", "access", "priority", "direction"],
            },
            // #/definitions/SecurityRule: flattened properties, name, etag (read-only), type (writable), on SubResource
            SecurityRule: childResource("SecurityRulePropertiesFormat", "writable"),
            // #/definitions/NetworkSecurityGroupPropertiesFormat
            NetworkSecurityGroupPropertiesFormat: {
                properties: {
                    flushConnection: bool(),
                    securityRules: arrayOf(local("SecurityRule")),
                    defaultSecurityRules: arrayOf(local("SecurityRule"), { readOnly: true }),
                    networkInterfaces: arrayOf(unread("./networkInterface.json#/definitions/NetworkInterface"), { readOnly: true }),
                    subnets: arrayOf(inFile(VNET, "Subnet"), { readOnly: true }),
                    flowLogs: arrayOf(unread("./networkWatcher.json#/definitions/FlowLog"), { readOnly: true }),
                    resourceGuid: readOnlyString(),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/NetworkSecurityGroup
            NetworkSecurityGroup: {
                properties: { properties: flatten("NetworkSecurityGroupPropertiesFormat"), etag: readOnlyString() },
                allOf: [inFile(NETWORK, "Resource")],
            },
            // #/definitions/SecurityRuleAccess
            SecurityRuleAccess: { type: "string", enum: ["Allow", "Deny"] },
            // #/definitions/SecurityRuleDirection
            SecurityRuleDirection: { type: "string", enum: ["Inbound", "Outbound"] },
        },
    },

    // ------------------------------------------------------------------ virtualNetwork.json: VirtualNetwork and Subnet
    [VNET]: {
        source: { repo, path: `${stable}/virtualNetwork.json`, commit: "4e8108cc8dd608db81c7d08502613e5917032ab7", apiVersion },
        resources: {
            // #/paths/.../virtualNetworks/{virtualNetworkName}/put
            "azure-native:network:VirtualNetwork": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}",
                parameters: [pathParam("resourceGroupName"), pathParam("virtualNetworkName")],
                body: "#/definitions/VirtualNetwork",
            },
            // #/paths/.../virtualNetworks/{virtualNetworkName}/subnets/{subnetName}/put
            "azure-native:network:Subnet": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}/subnets/{subnetName}",
                parameters: [pathParam("resourceGroupName"), pathParam("virtualNetworkName"), pathParam("subnetName")],
                body: "#/definitions/Subnet",
            },
        },
        definitions: {
            // #/definitions/ServiceAssociationLinkPropertiesFormat
            ServiceAssociationLinkPropertiesFormat: {
                properties: { linkedResourceType: str(), link: str(), provisioningState: provisioningState(), allowDelete: bool(), locations: strings() },
            },
            // #/definitions/ServiceAssociationLink
            ServiceAssociationLink: childResource("ServiceAssociationLinkPropertiesFormat"),
            // #/definitions/ResourceNavigationLinkFormat
            ResourceNavigationLinkFormat: { properties: { linkedResourceType: str(), link: str(), provisioningState: provisioningState() } },
            // #/definitions/ResourceNavigationLink (its id is read-only)
            ResourceNavigationLink: {
                properties: { properties: flatten("ResourceNavigationLinkFormat"), name: str(), id: readOnlyString(), etag: readOnlyString(), type: readOnlyString() },
                allOf: [subResource()],
            },
            // #/definitions/ServiceDelegationPropertiesFormat
            ServiceDelegationPropertiesFormat: { properties: { serviceName: str(), actions: { ...strings(), readOnly: true }, provisioningState: provisioningState() } },
            // #/definitions/Delegation (type writable)
            Delegation: childResource("ServiceDelegationPropertiesFormat", "writable"),
            // #/definitions/SubnetPropertiesFormat
            SubnetPropertiesFormat: {
                properties: {
                    addressPrefix: str(),
                    addressPrefixes: strings(),
                    networkSecurityGroup: inFile(NSG, "NetworkSecurityGroup"),
                    routeTable: unread("./routeTable.json#/definitions/RouteTable"),
                    natGateway: subResource(),
                    serviceEndpoints: arrayOf(local("ServiceEndpointPropertiesFormat")),
                    serviceEndpointPolicies: arrayOf(unread("./serviceEndpointPolicy.json#/definitions/ServiceEndpointPolicy")),
                    privateEndpoints: arrayOf(inFile(PE, "PrivateEndpoint"), { readOnly: true }),
                    ipConfigurations: arrayOf(unread("./networkInterface.json#/definitions/IPConfiguration"), { readOnly: true }),
                    ipConfigurationProfiles: arrayOf(unread("./networkProfile.json#/definitions/IPConfigurationProfile"), { readOnly: true }),
                    ipAllocations: subResources(),
                    resourceNavigationLinks: arrayOf(local("ResourceNavigationLink"), { readOnly: true }),
                    serviceAssociationLinks: arrayOf(local("ServiceAssociationLink"), { readOnly: true }),
                    delegations: arrayOf(local("Delegation")),
                    // #/definitions/SubnetPropertiesFormat/properties/purpose
                    purpose: readOnlyString(),
                    provisioningState: provisioningState(),
                    // #/definitions/SubnetPropertiesFormat/properties/privateEndpointNetworkPolicies
                    privateEndpointNetworkPolicies: { type: "string", enum: ["Enabled", "Disabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled"] },
                    // #/definitions/SubnetPropertiesFormat/properties/privateLinkServiceNetworkPolicies
                    privateLinkServiceNetworkPolicies: { type: "string", enum: ["Enabled", "Disabled"] },
                    applicationGatewayIPConfigurations: arrayOf(inFile(APPGW, "ApplicationGatewayIPConfiguration")),
                    // #/definitions/SubnetPropertiesFormat/properties/sharingScope
                    sharingScope: { type: "string", enum: ["Tenant", "DelegatedServices"] },
                    defaultOutboundAccess: bool(),
                    ipamPoolPrefixAllocations: arrayOf(local("IpamPoolPrefixAllocation")),
                },
            },
            // #/definitions/ServiceEndpointPropertiesFormat
            ServiceEndpointPropertiesFormat: { properties: { service: str(), networkIdentifier: subResource(), locations: strings(), provisioningState: provisioningState() } },
            // #/definitions/Subnet (type writable)
            Subnet: childResource("SubnetPropertiesFormat", "writable"),
            // #/definitions/VirtualNetworkPropertiesFormat
            VirtualNetworkPropertiesFormat: {
                properties: {
                    addressSpace: local("AddressSpace"),
                    dhcpOptions: local("DhcpOptions"),
                    flowTimeoutInMinutes: int(),
                    subnets: arrayOf(local("Subnet")),
                    virtualNetworkPeerings: arrayOf(unread("#/definitions/VirtualNetworkPeering")),
                    resourceGuid: readOnlyString(),
                    provisioningState: provisioningState(),
                    enableDdosProtection: bool(),
                    enableVmProtection: bool(),
                    ddosProtectionPlan: subResource(),
                    bgpCommunities: local("VirtualNetworkBgpCommunities"),
                    encryption: local("VirtualNetworkEncryption"),
                    ipAllocations: subResources(),
                    flowLogs: arrayOf(unread("./networkWatcher.json#/definitions/FlowLog"), { readOnly: true }),
                    privateEndpointVNetPolicies: local("PrivateEndpointVNetPolicies"),
                },
            },
            // #/definitions/VirtualNetwork
            VirtualNetwork: {
                properties: { extendedLocation: inFile(NETWORK, "ExtendedLocation"), properties: flatten("VirtualNetworkPropertiesFormat"), etag: readOnlyString() },
                allOf: [inFile(NETWORK, "Resource")],
            },
            // #/definitions/AddressSpace
            AddressSpace: { properties: { addressPrefixes: strings(), ipamPoolPrefixAllocations: arrayOf(local("IpamPoolPrefixAllocation")) } },
            // #/definitions/DhcpOptions
            DhcpOptions: { properties: { dnsServers: strings() } },
            // #/definitions/PrivateEndpointVNetPolicies
            PrivateEndpointVNetPolicies: { type: "string", enum: ["Disabled", "Basic"] },
            // #/definitions/VirtualNetworkBgpCommunities (required: virtualNetworkCommunity)
            VirtualNetworkBgpCommunities: { properties: { virtualNetworkCommunity: str(), regionalCommunity: readOnlyString() }, required: ["virtualNetworkCommunity"] },
            // #/definitions/VirtualNetworkEncryption (required: enabled)
            VirtualNetworkEncryption: {
                type: "object",
                properties: {
                    enabled: bool(),
                    // #/definitions/VirtualNetworkEncryption/properties/enforcement
                    enforcement: { type: "string", enum: ["DropUnencrypted", "AllowUnencrypted"] },
                },
                required: ["enabled"],
            },
            // #/definitions/IpamPoolPrefixAllocation (pool is flattened: its id becomes the allocation's)
            IpamPoolPrefixAllocation: {
                type: "object",
                properties: {
                    pool: { type: "object", "x-ms-client-flatten": true, properties: { id: str() } },
                    numberOfIpAddresses: str(),
                    allocatedAddressPrefixes: { ...strings(), readOnly: true },
                },
            },
        },
    },

    // ------------------------------------------------------------------ publicIpAddress.json
    [PIP]: {
        source: { repo, path: `${stable}/publicIpAddress.json`, commit: "118093527e37893ae10b10d2e08291b6bdd7cf8d", apiVersion },
        resources: {
            // #/paths/.../publicIPAddresses/{publicIpAddressName}/put
            "azure-native:network:PublicIPAddress": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/publicIPAddresses/{publicIpAddressName}",
                parameters: [pathParam("resourceGroupName"), pathParam("publicIpAddressName")],
                body: "#/definitions/PublicIPAddress",
            },
        },
        definitions: {
            // #/definitions/PublicIPAddressSku
            PublicIPAddressSku: {
                properties: {
                    // #/definitions/PublicIPAddressSku/properties/name
                    name: { type: "string", enum: ["Basic", "Standard"] },
                    // #/definitions/PublicIPAddressSku/properties/tier
                    tier: { type: "string", enum: ["Regional", "Global"] },
                },
            },
            // #/definitions/PublicIPAddressPropertiesFormat
            PublicIPAddressPropertiesFormat: {
                properties: {
                    // #/definitions/PublicIPAddressPropertiesFormat/properties/publicIPAllocationMethod → network.json#/definitions/IPAllocationMethod
                    publicIPAllocationMethod: inFile(NETWORK, "IPAllocationMethod"),
                    // #/definitions/PublicIPAddressPropertiesFormat/properties/publicIPAddressVersion → network.json#/definitions/IPVersion
                    publicIPAddressVersion: inFile(NETWORK, "IPVersion"),
                    ipConfiguration: unread("./networkInterface.json#/definitions/IPConfiguration", { readOnly: true }),
                    dnsSettings: local("PublicIPAddressDnsSettings"),
                    ddosSettings: local("DdosSettings"),
                    ipTags: arrayOf(local("IpTag")),
                    ipAddress: str(),
                    publicIPPrefix: subResource(),
                    // #/definitions/PublicIPAddressPropertiesFormat/properties/idleTimeoutInMinutes (no range in this file)
                    idleTimeoutInMinutes: int(),
                    resourceGuid: readOnlyString(),
                    provisioningState: provisioningState(),
                    servicePublicIPAddress: local("PublicIPAddress"),
                    natGateway: inFile(NAT, "NatGateway"),
                    // #/definitions/PublicIPAddressPropertiesFormat/properties/migrationPhase
                    migrationPhase: { type: "string", enum: ["None", "Prepare", "Commit", "Abort", "Committed"] },
                    linkedPublicIPAddress: local("PublicIPAddress"),
                    // #/definitions/PublicIPAddressPropertiesFormat/properties/deleteOption
                    deleteOption: { type: "string", enum: ["Delete", "Detach"] },
                },
            },
            // #/definitions/PublicIPAddress
            PublicIPAddress: {
                properties: {
                    extendedLocation: inFile(NETWORK, "ExtendedLocation"),
                    sku: local("PublicIPAddressSku"),
                    properties: flatten("PublicIPAddressPropertiesFormat"),
                    etag: readOnlyString(),
                    zones: strings(),
                },
                allOf: [inFile(NETWORK, "Resource")],
            },
            // #/definitions/PublicIPAddressDnsSettings
            PublicIPAddressDnsSettings: {
                properties: {
                    domainNameLabel: str(),
                    // #/definitions/PublicIPAddressDnsSettings/properties/domainNameLabelScope
                    domainNameLabelScope: { type: "string", enum: ["TenantReuse", "SubscriptionReuse", "ResourceGroupReuse", "NoReuse"] },
                    fqdn: str(),
                    reverseFqdn: str(),
                },
            },
            // #/definitions/DdosSettings
            DdosSettings: {
                properties: {
                    // #/definitions/DdosSettings/properties/protectionMode
                    protectionMode: { type: "string", enum: ["VirtualNetworkInherited", "Enabled", "Disabled"] },
                    ddosProtectionPlan: subResource(),
                },
            },
            // #/definitions/IpTag
            IpTag: { properties: { ipTagType: str(), tag: str() } },
        },
    },

    // ------------------------------------------------------------------ natGateway.json
    [NAT]: {
        source: { repo, path: `${stableLater}/natGateway.json`, commit: "cd1a17dc3f61db6c461fbe5f952f872d98556b39", apiVersion },
        resources: {
            // #/paths/.../natGateways/{natGatewayName}/put
            "azure-native:network:NatGateway": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/natGateways/{natGatewayName}",
                parameters: [pathParam("resourceGroupName"), pathParam("natGatewayName")],
                body: "#/definitions/NatGateway",
            },
        },
        definitions: {
            // #/definitions/NatGatewaySku
            NatGatewaySku: {
                properties: {
                    // #/definitions/NatGatewaySku/properties/name
                    name: { type: "string", enum: ["Standard"] },
                },
            },
            // #/definitions/NatGatewayPropertiesFormat
            NatGatewayPropertiesFormat: {
                properties: {
                    // #/definitions/NatGatewayPropertiesFormat/properties/idleTimeoutInMinutes (no range in this file)
                    idleTimeoutInMinutes: int(),
                    publicIpAddresses: subResources(),
                    publicIpPrefixes: subResources(),
                    subnets: { ...subResources(), readOnly: true },
                    resourceGuid: readOnlyString(),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/NatGateway
            NatGateway: {
                properties: { sku: local("NatGatewaySku"), properties: flatten("NatGatewayPropertiesFormat"), zones: strings(), etag: readOnlyString() },
                allOf: [inFile(NETWORK, "Resource")],
            },
        },
    },

    // ------------------------------------------------------------------ privateEndpoint.json: PrivateEndpoint and PrivateDnsZoneGroup
    [PE]: {
        source: { repo, path: `${stableLater}/privateEndpoint.json`, commit: "d9e04030cbe2cd397045df5a7f6700eab704b63e", apiVersion },
        resources: {
            // #/paths/.../privateEndpoints/{privateEndpointName}/put
            "azure-native:network:PrivateEndpoint": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}",
                parameters: [pathParam("resourceGroupName"), pathParam("privateEndpointName")],
                body: "#/definitions/PrivateEndpoint",
            },
            // #/paths/.../privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}/put
            "azure-native:network:PrivateDnsZoneGroup": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{privateEndpointName}/privateDnsZoneGroups/{privateDnsZoneGroupName}",
                parameters: [pathParam("resourceGroupName"), pathParam("privateEndpointName"), pathParam("privateDnsZoneGroupName")],
                body: "#/definitions/PrivateDnsZoneGroup",
            },
        },
        definitions: {
            // #/definitions/PrivateEndpoint
            PrivateEndpoint: {
                properties: { extendedLocation: inFile(NETWORK, "ExtendedLocation"), properties: flatten("PrivateEndpointProperties"), etag: readOnlyString() },
                allOf: [inFile(NETWORK, "Resource")],
            },
            // #/definitions/PrivateEndpointProperties
            PrivateEndpointProperties: {
                properties: {
                    subnet: inFile(VNET, "Subnet"),
                    // #/definitions/PrivateEndpointProperties/properties/networkInterfaces
                    networkInterfaces: arrayOf(unread("./networkInterface.json#/definitions/NetworkInterface"), { readOnly: true }),
                    provisioningState: provisioningState(),
                    privateLinkServiceConnections: arrayOf(local("PrivateLinkServiceConnection")),
                    manualPrivateLinkServiceConnections: arrayOf(local("PrivateLinkServiceConnection")),
                    customDnsConfigs: arrayOf(local("CustomDnsConfigPropertiesFormat")),
                    applicationSecurityGroups: arrayOf(unread("./applicationSecurityGroup.json#/definitions/ApplicationSecurityGroup")),
                    ipConfigurations: arrayOf(local("PrivateEndpointIPConfiguration")),
                    customNetworkInterfaceName: str(),
                },
            },
            // #/definitions/CustomDnsConfigPropertiesFormat
            CustomDnsConfigPropertiesFormat: { properties: { fqdn: str(), ipAddresses: strings() } },
            // #/definitions/PrivateLinkServiceConnection
            PrivateLinkServiceConnection: childResource("PrivateLinkServiceConnectionProperties"),
            // #/definitions/PrivateLinkServiceConnectionProperties
            PrivateLinkServiceConnectionProperties: {
                properties: {
                    provisioningState: provisioningState(),
                    privateLinkServiceId: str(),
                    groupIds: strings(),
                    // #/definitions/PrivateLinkServiceConnectionProperties/properties/requestMessage: "Restricted to 140 chars." (description)
                    requestMessage: { type: "string", maxLength: 140 },
                    privateLinkServiceConnectionState: unread("./privateLinkService.json#/definitions/PrivateLinkServiceConnectionState"),
                },
            },
            // #/definitions/PrivateDnsZoneGroup (no type property)
            PrivateDnsZoneGroup: childResource("PrivateDnsZoneGroupPropertiesFormat", "absent"),
            // #/definitions/PrivateDnsZoneGroupPropertiesFormat
            PrivateDnsZoneGroupPropertiesFormat: {
                properties: {
                    // #/definitions/PrivateDnsZoneGroupPropertiesFormat/properties/provisioningState
                    provisioningState: provisioningState(),
                    privateDnsZoneConfigs: arrayOf(local("PrivateDnsZoneConfig")),
                },
            },
            // #/definitions/PrivateDnsZoneConfig
            PrivateDnsZoneConfig: { properties: { name: str(), properties: flatten("PrivateDnsZonePropertiesFormat") } },
            // #/definitions/PrivateDnsZonePropertiesFormat
            PrivateDnsZonePropertiesFormat: { properties: { privateDnsZoneId: str(), recordSets: arrayOf(local("RecordSet"), { readOnly: true }) } },
            // #/definitions/RecordSet
            RecordSet: { properties: { recordType: str(), recordSetName: str(), fqdn: str(), provisioningState: provisioningState(), ttl: int(), ipAddresses: strings() } },
            // #/definitions/PrivateEndpointIPConfiguration (no SubResource parent)
            PrivateEndpointIPConfiguration: {
                type: "object",
                properties: { properties: flatten("PrivateEndpointIPConfigurationProperties"), name: str(), type: readOnlyString(), etag: readOnlyString() },
            },
            // #/definitions/PrivateEndpointIPConfigurationProperties
            PrivateEndpointIPConfigurationProperties: { type: "object", properties: { groupId: str(), memberName: str(), privateIPAddress: str() } },
        },
    },

    // ------------------------------------------------------------------ applicationGateway.json
    [APPGW]: {
        source: { repo, path: `${stable}/applicationGateway.json`, commit: "dea509ed0a4d2b758ee47b9b0710321b24dccbb7", apiVersion },
        resources: {
            // #/paths/.../applicationGateways/{applicationGatewayName}/put
            "azure-native:network:ApplicationGateway": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/applicationGateways/{applicationGatewayName}",
                parameters: [pathParam("resourceGroupName"), pathParam("applicationGatewayName")],
                body: "#/definitions/ApplicationGateway",
            },
        },
        definitions: {
            // #/definitions/ApplicationGatewaySku
            ApplicationGatewaySku: {
                properties: {
                    // #/definitions/ApplicationGatewaySku/properties/name
                    name: { type: "string", enum: ["Standard_Small", "Standard_Medium", "Standard_Large", "WAF_Medium", "WAF_Large", "Standard_v2", "WAF_v2", "Basic"] },
                    // #/definitions/ApplicationGatewaySku/properties/tier
                    tier: { type: "string", enum: ["Standard", "WAF", "Standard_v2", "WAF_v2", "Basic"] },
                    // #/definitions/ApplicationGatewaySku/properties/capacity (no range in this file)
                    capacity: int(),
                    // #/definitions/ApplicationGatewaySku/properties/family
                    family: { type: "string", enum: ["Generation_1", "Generation_2"] },
                },
            },
            // #/definitions/ApplicationGatewaySslPolicy
            ApplicationGatewaySslPolicy: {
                properties: {
                    disabledSslProtocols: arrayOf(local("ProtocolsEnum")),
                    // #/definitions/ApplicationGatewaySslPolicy/properties/policyType
                    policyType: { type: "string", enum: ["Predefined", "Custom", "CustomV2"] },
                    // #/definitions/ApplicationGatewaySslPolicy/properties/policyName → #/definitions/PolicyNameEnum
                    policyName: local("PolicyNameEnum"),
                    cipherSuites: arrayOf(local("CipherSuitesEnum")),
                    minProtocolVersion: local("ProtocolsEnum"),
                },
            },
            // #/definitions/ApplicationGatewayClientAuthConfiguration
            ApplicationGatewayClientAuthConfiguration: {
                properties: { verifyClientCertIssuerDN: bool(), verifyClientRevocation: { type: "string", enum: ["None", "OCSP"] } },
            },
            // #/definitions/ApplicationGatewayIPConfigurationPropertiesFormat
            ApplicationGatewayIPConfigurationPropertiesFormat: { properties: { subnet: subResource(), provisioningState: provisioningState() } },
            // #/definitions/ApplicationGatewayIPConfiguration
            ApplicationGatewayIPConfiguration: childResource("ApplicationGatewayIPConfigurationPropertiesFormat"),
            // #/definitions/ApplicationGatewayAuthenticationCertificatePropertiesFormat
            ApplicationGatewayAuthenticationCertificatePropertiesFormat: { properties: { data: str(), provisioningState: provisioningState() } },
            // #/definitions/ApplicationGatewayAuthenticationCertificate
            ApplicationGatewayAuthenticationCertificate: childResource("ApplicationGatewayAuthenticationCertificatePropertiesFormat"),
            // #/definitions/ApplicationGatewayTrustedRootCertificatePropertiesFormat
            ApplicationGatewayTrustedRootCertificatePropertiesFormat: { properties: { data: str(), keyVaultSecretId: str(), provisioningState: provisioningState() } },
            // #/definitions/ApplicationGatewayTrustedRootCertificate
            ApplicationGatewayTrustedRootCertificate: childResource("ApplicationGatewayTrustedRootCertificatePropertiesFormat"),
            // #/definitions/ApplicationGatewayTrustedClientCertificatePropertiesFormat
            ApplicationGatewayTrustedClientCertificatePropertiesFormat: {
                properties: { data: str(), validatedCertData: readOnlyString(), clientCertIssuerDN: readOnlyString(), provisioningState: provisioningState() },
            },
            // #/definitions/ApplicationGatewayTrustedClientCertificate
            ApplicationGatewayTrustedClientCertificate: childResource("ApplicationGatewayTrustedClientCertificatePropertiesFormat"),
            // #/definitions/ApplicationGatewaySslCertificatePropertiesFormat
            ApplicationGatewaySslCertificatePropertiesFormat: {
                properties: { data: str(), password: str(), publicCertData: readOnlyString(), keyVaultSecretId: str(), provisioningState: provisioningState() },
            },
            // #/definitions/ApplicationGatewaySslCertificate
            ApplicationGatewaySslCertificate: childResource("ApplicationGatewaySslCertificatePropertiesFormat"),
            // #/definitions/ApplicationGatewayFrontendIPConfigurationPropertiesFormat
            ApplicationGatewayFrontendIPConfigurationPropertiesFormat: {
                properties: {
                    privateIPAddress: str(),
                    privateIPAllocationMethod: inFile(NETWORK, "IPAllocationMethod"),
                    subnet: subResource(),
                    publicIPAddress: subResource(),
                    privateLinkConfiguration: subResource(),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewayFrontendIPConfiguration
            ApplicationGatewayFrontendIPConfiguration: childResource("ApplicationGatewayFrontendIPConfigurationPropertiesFormat"),
            // #/definitions/ApplicationGatewayFrontendPortPropertiesFormat (port: no range in this file)
            ApplicationGatewayFrontendPortPropertiesFormat: { properties: { port: int(), provisioningState: provisioningState() } },
            // #/definitions/ApplicationGatewayFrontendPort
            ApplicationGatewayFrontendPort: childResource("ApplicationGatewayFrontendPortPropertiesFormat"),
            // #/definitions/ApplicationGatewayBackendAddress
            ApplicationGatewayBackendAddress: { properties: { fqdn: str(), ipAddress: str() } },
            // #/definitions/ApplicationGatewayBackendAddressPoolPropertiesFormat
            ApplicationGatewayBackendAddressPoolPropertiesFormat: {
                properties: {
                    backendIPConfigurations: arrayOf(unread("./networkInterface.json#/definitions/NetworkInterfaceIPConfiguration"), { readOnly: true }),
                    backendAddresses: arrayOf(local("ApplicationGatewayBackendAddress")),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewayBackendAddressPool
            ApplicationGatewayBackendAddressPool: childResource("ApplicationGatewayBackendAddressPoolPropertiesFormat"),
            // #/definitions/ApplicationGatewayBackendHttpSettingsPropertiesFormat
            ApplicationGatewayBackendHttpSettingsPropertiesFormat: {
                properties: {
                    port: int(),
                    // #/definitions/ApplicationGatewayBackendHttpSettingsPropertiesFormat/properties/protocol → #/definitions/ApplicationGatewayProtocol
                    protocol: local("ApplicationGatewayProtocol"),
                    // #/definitions/ApplicationGatewayBackendHttpSettingsPropertiesFormat/properties/cookieBasedAffinity
                    cookieBasedAffinity: { type: "string", enum: ["Enabled", "Disabled"] },
                    // #/definitions/ApplicationGatewayBackendHttpSettingsPropertiesFormat/properties/requestTimeout: "Acceptable values are from 1 second to 86400 seconds." (description)
                    requestTimeout: { type: "integer", minimum: 1, maximum: 86400 },
                    probe: subResource(),
                    authenticationCertificates: subResources(),
                    trustedRootCertificates: subResources(),
                    connectionDraining: local("ApplicationGatewayConnectionDraining"),
                    hostName: str(),
                    pickHostNameFromBackendAddress: bool(),
                    affinityCookieName: str(),
                    probeEnabled: bool(),
                    path: str(),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewayBackendHttpSettings
            ApplicationGatewayBackendHttpSettings: childResource("ApplicationGatewayBackendHttpSettingsPropertiesFormat"),
            // #/definitions/ApplicationGatewayBackendSettingsPropertiesFormat
            ApplicationGatewayBackendSettingsPropertiesFormat: {
                type: "object",
                properties: {
                    port: int(),
                    protocol: local("ApplicationGatewayProtocol"),
                    // #/definitions/ApplicationGatewayBackendSettingsPropertiesFormat/properties/timeout: "Acceptable values are from 1 second to 86400 seconds." (description)
                    timeout: { type: "integer", minimum: 1, maximum: 86400 },
                    probe: subResource(),
                    trustedRootCertificates: subResources(),
                    hostName: str(),
                    pickHostNameFromBackendAddress: bool(),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewayBackendSettings
            ApplicationGatewayBackendSettings: { type: "object", ...childResource("ApplicationGatewayBackendSettingsPropertiesFormat") },
            // #/definitions/ApplicationGatewaySslProfilePropertiesFormat
            ApplicationGatewaySslProfilePropertiesFormat: {
                properties: {
                    trustedClientCertificates: subResources(),
                    sslPolicy: local("ApplicationGatewaySslPolicy"),
                    clientAuthConfiguration: local("ApplicationGatewayClientAuthConfiguration"),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewaySslProfile
            ApplicationGatewaySslProfile: childResource("ApplicationGatewaySslProfilePropertiesFormat"),
            // #/definitions/ApplicationGatewayHttpListenerPropertiesFormat
            ApplicationGatewayHttpListenerPropertiesFormat: {
                properties: {
                    frontendIPConfiguration: subResource(),
                    frontendPort: subResource(),
                    // #/definitions/ApplicationGatewayHttpListenerPropertiesFormat/properties/protocol → #/definitions/ApplicationGatewayProtocol
                    protocol: local("ApplicationGatewayProtocol"),
                    hostName: str(),
                    sslCertificate: subResource(),
                    sslProfile: subResource(),
                    requireServerNameIndication: bool(),
                    provisioningState: provisioningState(),
                    customErrorConfigurations: arrayOf(local("ApplicationGatewayCustomError")),
                    firewallPolicy: subResource(),
                    hostNames: strings(),
                },
            },
            // #/definitions/ApplicationGatewayHttpListener
            ApplicationGatewayHttpListener: childResource("ApplicationGatewayHttpListenerPropertiesFormat"),
            // #/definitions/ApplicationGatewayListenerPropertiesFormat
            ApplicationGatewayListenerPropertiesFormat: {
                type: "object",
                properties: {
                    frontendIPConfiguration: subResource(),
                    frontendPort: subResource(),
                    protocol: local("ApplicationGatewayProtocol"),
                    sslCertificate: subResource(),
                    sslProfile: subResource(),
                    provisioningState: provisioningState(),
                    hostNames: strings(),
                },
            },
            // #/definitions/ApplicationGatewayListener
            ApplicationGatewayListener: { type: "object", ...childResource("ApplicationGatewayListenerPropertiesFormat") },
            // #/definitions/ApplicationGatewayPathRulePropertiesFormat
            ApplicationGatewayPathRulePropertiesFormat: {
                properties: {
                    paths: strings(),
                    backendAddressPool: subResource(),
                    backendHttpSettings: subResource(),
                    redirectConfiguration: subResource(),
                    rewriteRuleSet: subResource(),
                    loadDistributionPolicy: subResource(),
                    provisioningState: provisioningState(),
                    firewallPolicy: subResource(),
                },
            },
            // #/definitions/ApplicationGatewayPathRule
            ApplicationGatewayPathRule: childResource("ApplicationGatewayPathRulePropertiesFormat"),
            // #/definitions/ApplicationGatewayProbePropertiesFormat
            ApplicationGatewayProbePropertiesFormat: {
                properties: {
                    // #/definitions/ApplicationGatewayProbePropertiesFormat/properties/protocol → #/definitions/ApplicationGatewayProtocol
                    protocol: local("ApplicationGatewayProtocol"),
                    host: str(),
                    path: str(),
                    // #/definitions/ApplicationGatewayProbePropertiesFormat/properties/interval: "Acceptable values are from 1 second to 86400 seconds." (description)
                    interval: { type: "integer", minimum: 1, maximum: 86400 },
                    // #/definitions/ApplicationGatewayProbePropertiesFormat/properties/timeout: "Acceptable values are from 1 second to 86400 seconds." (description)
                    timeout: { type: "integer", minimum: 1, maximum: 86400 },
                    // #/definitions/ApplicationGatewayProbePropertiesFormat/properties/unhealthyThreshold: "Acceptable values are from 1 second to 20." (description)
                    unhealthyThreshold: { type: "integer", minimum: 1, maximum: 20 },
                    pickHostNameFromBackendHttpSettings: bool(),
                    pickHostNameFromBackendSettings: bool(),
                    minServers: int(),
                    match: local("ApplicationGatewayProbeHealthResponseMatch"),
                    provisioningState: provisioningState(),
                    // #/definitions/ApplicationGatewayProbePropertiesFormat/properties/port
                    port: { type: "integer", minimum: 1, maximum: 65535 },
                },
            },
            // #/definitions/ApplicationGatewayProbeHealthResponseMatch
            ApplicationGatewayProbeHealthResponseMatch: { properties: { body: str(), statusCodes: strings() } },
            // #/definitions/ApplicationGatewayProbe
            ApplicationGatewayProbe: childResource("ApplicationGatewayProbePropertiesFormat"),
            // #/definitions/ApplicationGatewayRequestRoutingRulePropertiesFormat
            ApplicationGatewayRequestRoutingRulePropertiesFormat: {
                properties: {
                    // #/definitions/ApplicationGatewayRequestRoutingRulePropertiesFormat/properties/ruleType
                    ruleType: { type: "string", enum: ["Basic", "PathBasedRouting"] },
                    // #/definitions/ApplicationGatewayRequestRoutingRulePropertiesFormat/properties/priority
                    priority: { type: "integer", minimum: 1, maximum: 20000 },
                    backendAddressPool: subResource(),
                    backendHttpSettings: subResource(),
                    httpListener: subResource(),
                    urlPathMap: subResource(),
                    rewriteRuleSet: subResource(),
                    redirectConfiguration: subResource(),
                    loadDistributionPolicy: subResource(),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewayRequestRoutingRule
            ApplicationGatewayRequestRoutingRule: childResource("ApplicationGatewayRequestRoutingRulePropertiesFormat"),
            // #/definitions/ApplicationGatewayRoutingRulePropertiesFormat (required: priority)
            ApplicationGatewayRoutingRulePropertiesFormat: {
                type: "object",
                properties: {
                    // #/definitions/ApplicationGatewayRoutingRulePropertiesFormat/properties/ruleType
                    ruleType: { type: "string", enum: ["Basic", "PathBasedRouting"] },
                    // #/definitions/ApplicationGatewayRoutingRulePropertiesFormat/properties/priority
                    priority: { type: "integer", minimum: 1, maximum: 20000 },
                    backendAddressPool: subResource(),
                    backendSettings: subResource(),
                    listener: subResource(),
                    provisioningState: provisioningState(),
                },
                required: ["priority"],
            },
            // #/definitions/ApplicationGatewayRoutingRule
            ApplicationGatewayRoutingRule: { type: "object", ...childResource("ApplicationGatewayRoutingRulePropertiesFormat") },
            // #/definitions/ApplicationGatewayRewriteRuleSet (no type property)
            ApplicationGatewayRewriteRuleSet: childResource("ApplicationGatewayRewriteRuleSetPropertiesFormat", "absent"),
            // #/definitions/ApplicationGatewayRewriteRuleSetPropertiesFormat
            ApplicationGatewayRewriteRuleSetPropertiesFormat: { properties: { rewriteRules: arrayOf(local("ApplicationGatewayRewriteRule")), provisioningState: provisioningState() } },
            // #/definitions/ApplicationGatewayRewriteRule
            ApplicationGatewayRewriteRule: {
                properties: {
                    name: str(),
                    ruleSequence: int(),
                    conditions: arrayOf(local("ApplicationGatewayRewriteRuleCondition")),
                    actionSet: local("ApplicationGatewayRewriteRuleActionSet", { type: "object" }),
                },
            },
            // #/definitions/ApplicationGatewayRewriteRuleCondition
            ApplicationGatewayRewriteRuleCondition: { properties: { variable: str(), pattern: str(), ignoreCase: bool(), negate: bool() } },
            // #/definitions/ApplicationGatewayRewriteRuleActionSet
            ApplicationGatewayRewriteRuleActionSet: {
                properties: {
                    requestHeaderConfigurations: arrayOf(local("ApplicationGatewayHeaderConfiguration")),
                    responseHeaderConfigurations: arrayOf(local("ApplicationGatewayHeaderConfiguration")),
                    urlConfiguration: local("ApplicationGatewayUrlConfiguration"),
                },
            },
            // #/definitions/ApplicationGatewayHeaderConfiguration
            ApplicationGatewayHeaderConfiguration: { properties: { headerName: str(), headerValueMatcher: local("HeaderValueMatcher", { type: "object" }), headerValue: str() } },
            // #/definitions/HeaderValueMatcher
            HeaderValueMatcher: { type: "object", properties: { pattern: str(), ignoreCase: bool(), negate: bool() } },
            // #/definitions/ApplicationGatewayUrlConfiguration
            ApplicationGatewayUrlConfiguration: { properties: { modifiedPath: str(), modifiedQueryString: str(), reroute: bool() } },
            // #/definitions/ApplicationGatewayRedirectConfigurationPropertiesFormat
            ApplicationGatewayRedirectConfigurationPropertiesFormat: {
                properties: {
                    // #/definitions/ApplicationGatewayRedirectConfigurationPropertiesFormat/properties/redirectType → #/definitions/RedirectTypeEnum
                    redirectType: local("RedirectTypeEnum", { type: "string" }),
                    targetListener: subResource(),
                    targetUrl: str(),
                    includePath: bool(),
                    includeQueryString: bool(),
                    requestRoutingRules: subResources(),
                    urlPathMaps: subResources(),
                    pathRules: subResources(),
                },
            },
            // #/definitions/ApplicationGatewayRedirectConfiguration
            ApplicationGatewayRedirectConfiguration: childResource("ApplicationGatewayRedirectConfigurationPropertiesFormat"),
            // #/definitions/ApplicationGatewayPrivateLinkConfiguration
            ApplicationGatewayPrivateLinkConfiguration: childResource("ApplicationGatewayPrivateLinkConfigurationProperties"),
            // #/definitions/ApplicationGatewayPrivateLinkConfigurationProperties
            ApplicationGatewayPrivateLinkConfigurationProperties: {
                properties: { ipConfigurations: arrayOf(local("ApplicationGatewayPrivateLinkIpConfiguration")), provisioningState: provisioningState() },
            },
            // #/definitions/ApplicationGatewayPrivateLinkIpConfiguration
            ApplicationGatewayPrivateLinkIpConfiguration: childResource("ApplicationGatewayPrivateLinkIpConfigurationProperties"),
            // #/definitions/ApplicationGatewayPrivateLinkIpConfigurationProperties
            ApplicationGatewayPrivateLinkIpConfigurationProperties: {
                properties: {
                    privateIPAddress: str(),
                    privateIPAllocationMethod: inFile(NETWORK, "IPAllocationMethod"),
                    subnet: subResource(),
                    primary: bool(),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewayPrivateEndpointConnection
            ApplicationGatewayPrivateEndpointConnection: childResource("ApplicationGatewayPrivateEndpointConnectionProperties"),
            // #/definitions/ApplicationGatewayPrivateEndpointConnectionProperties
            ApplicationGatewayPrivateEndpointConnectionProperties: {
                properties: {
                    privateEndpoint: inFile(PE, "PrivateEndpoint", { readOnly: true }),
                    privateLinkServiceConnectionState: unread("./privateLinkService.json#/definitions/PrivateLinkServiceConnectionState"),
                    provisioningState: provisioningState(),
                    linkIdentifier: readOnlyString(),
                },
            },
            // #/definitions/ApplicationGatewayPropertiesFormat
            ApplicationGatewayPropertiesFormat: {
                properties: {
                    sku: local("ApplicationGatewaySku"),
                    sslPolicy: local("ApplicationGatewaySslPolicy"),
                    // #/definitions/ApplicationGatewayPropertiesFormat/properties/operationalState
                    operationalState: { readOnly: true, type: "string", enum: ["Stopped", "Starting", "Running", "Stopping"] },
                    gatewayIPConfigurations: arrayOf(local("ApplicationGatewayIPConfiguration")),
                    authenticationCertificates: arrayOf(local("ApplicationGatewayAuthenticationCertificate")),
                    trustedRootCertificates: arrayOf(local("ApplicationGatewayTrustedRootCertificate")),
                    trustedClientCertificates: arrayOf(local("ApplicationGatewayTrustedClientCertificate")),
                    sslCertificates: arrayOf(local("ApplicationGatewaySslCertificate")),
                    frontendIPConfigurations: arrayOf(local("ApplicationGatewayFrontendIPConfiguration")),
                    frontendPorts: arrayOf(local("ApplicationGatewayFrontendPort")),
                    probes: arrayOf(local("ApplicationGatewayProbe")),
                    backendAddressPools: arrayOf(local("ApplicationGatewayBackendAddressPool")),
                    backendHttpSettingsCollection: arrayOf(local("ApplicationGatewayBackendHttpSettings")),
                    backendSettingsCollection: arrayOf(local("ApplicationGatewayBackendSettings")),
                    httpListeners: arrayOf(local("ApplicationGatewayHttpListener")),
                    listeners: arrayOf(local("ApplicationGatewayListener")),
                    sslProfiles: arrayOf(local("ApplicationGatewaySslProfile")),
                    urlPathMaps: arrayOf(local("ApplicationGatewayUrlPathMap")),
                    requestRoutingRules: arrayOf(local("ApplicationGatewayRequestRoutingRule")),
                    routingRules: arrayOf(local("ApplicationGatewayRoutingRule")),
                    rewriteRuleSets: arrayOf(local("ApplicationGatewayRewriteRuleSet")),
                    redirectConfigurations: arrayOf(local("ApplicationGatewayRedirectConfiguration")),
                    webApplicationFirewallConfiguration: local("ApplicationGatewayWebApplicationFirewallConfiguration"),
                    firewallPolicy: subResource(),
                    enableHttp2: bool(),
                    enableFips: bool(),
                    autoscaleConfiguration: local("ApplicationGatewayAutoscaleConfiguration"),
                    privateLinkConfigurations: arrayOf(local("ApplicationGatewayPrivateLinkConfiguration")),
                    privateEndpointConnections: arrayOf(local("ApplicationGatewayPrivateEndpointConnection"), { readOnly: true }),
                    resourceGuid: readOnlyString(),
                    provisioningState: provisioningState(),
                    customErrorConfigurations: arrayOf(local("ApplicationGatewayCustomError")),
                    forceFirewallPolicyAssociation: bool(),
                    loadDistributionPolicies: arrayOf(local("ApplicationGatewayLoadDistributionPolicy")),
                    globalConfiguration: local("ApplicationGatewayGlobalConfiguration"),
                    defaultPredefinedSslPolicy: local("PolicyNameEnum", { readOnly: true }),
                },
            },
            // #/definitions/ApplicationGateway
            ApplicationGateway: {
                properties: {
                    properties: flatten("ApplicationGatewayPropertiesFormat"),
                    etag: readOnlyString(),
                    zones: strings(),
                    identity: inFile(NETWORK, "ManagedServiceIdentity"),
                },
                allOf: [inFile(NETWORK, "Resource")],
            },
            // #/definitions/ApplicationGatewayUrlPathMapPropertiesFormat
            ApplicationGatewayUrlPathMapPropertiesFormat: {
                properties: {
                    defaultBackendAddressPool: subResource(),
                    defaultBackendHttpSettings: subResource(),
                    defaultRewriteRuleSet: subResource(),
                    defaultRedirectConfiguration: subResource(),
                    defaultLoadDistributionPolicy: subResource(),
                    pathRules: arrayOf(local("ApplicationGatewayPathRule")),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewayUrlPathMap
            ApplicationGatewayUrlPathMap: childResource("ApplicationGatewayUrlPathMapPropertiesFormat"),
            // #/definitions/ApplicationGatewayWebApplicationFirewallConfiguration (required: enabled, firewallMode, ruleSetType, ruleSetVersion)
            ApplicationGatewayWebApplicationFirewallConfiguration: {
                properties: {
                    enabled: bool(),
                    // #/definitions/ApplicationGatewayWebApplicationFirewallConfiguration/properties/firewallMode
                    firewallMode: { type: "string", enum: ["Detection", "Prevention"] },
                    ruleSetType: str(),
                    ruleSetVersion: str(),
                    disabledRuleGroups: arrayOf(local("ApplicationGatewayFirewallDisabledRuleGroup")),
                    requestBodyCheck: bool(),
                    // #/definitions/ApplicationGatewayWebApplicationFirewallConfiguration/properties/maxRequestBodySize
                    maxRequestBodySize: { type: "integer", minimum: 8, maximum: 128 },
                    // #/definitions/ApplicationGatewayWebApplicationFirewallConfiguration/properties/maxRequestBodySizeInKb
                    maxRequestBodySizeInKb: { type: "integer", minimum: 8, maximum: 128 },
                    // #/definitions/ApplicationGatewayWebApplicationFirewallConfiguration/properties/fileUploadLimitInMb
                    fileUploadLimitInMb: { type: "integer", minimum: 0 },
                    exclusions: arrayOf(local("ApplicationGatewayFirewallExclusion")),
                },
                required: ["enabled", "firewallMode", "ruleSetType", "ruleSetVersion"],
            },
            // #/definitions/ApplicationGatewayAutoscaleConfiguration (required: minCapacity)
            ApplicationGatewayAutoscaleConfiguration: {
                properties: {
                    // #/definitions/ApplicationGatewayAutoscaleConfiguration/properties/minCapacity
                    minCapacity: { type: "integer", minimum: 0 },
                    // #/definitions/ApplicationGatewayAutoscaleConfiguration/properties/maxCapacity
                    maxCapacity: { type: "integer", minimum: 2 },
                },
                required: ["minCapacity"],
            },
            // #/definitions/ApplicationGatewayConnectionDraining (required: enabled, drainTimeoutInSec)
            ApplicationGatewayConnectionDraining: {
                properties: {
                    enabled: bool(),
                    // #/definitions/ApplicationGatewayConnectionDraining/properties/drainTimeoutInSec
                    drainTimeoutInSec: { type: "integer", minimum: 1, maximum: 3600 },
                },
                required: ["enabled", "drainTimeoutInSec"],
            },
            // #/definitions/ApplicationGatewayFirewallDisabledRuleGroup (required: ruleGroupName)
            ApplicationGatewayFirewallDisabledRuleGroup: { properties: { ruleGroupName: str(), rules: arrayOf(int()) }, required: ["ruleGroupName"] },
            // #/definitions/ApplicationGatewayFirewallExclusion (required: all three)
            ApplicationGatewayFirewallExclusion: {
                properties: { matchVariable: str(), selectorMatchOperator: str(), selector: str() },
                required: ["matchVariable", "selectorMatchOperator", "selector"],
            },
            // #/definitions/ApplicationGatewayCustomError
            ApplicationGatewayCustomError: {
                properties: {
                    // #/definitions/ApplicationGatewayCustomError/properties/statusCode
                    statusCode: {
                        type: "string",
                        enum: ["HttpStatus400", "HttpStatus403", "HttpStatus404", "HttpStatus405", "HttpStatus408", "HttpStatus500", "HttpStatus502", "HttpStatus503", "HttpStatus504"],
                    },
                    customErrorPageUrl: str(),
                },
            },
            // #/definitions/PolicyNameEnum
            PolicyNameEnum: { type: "string", enum: ["AppGwSslPolicy20150501", "AppGwSslPolicy20170401", "AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"] },
            // #/definitions/ProtocolsEnum
            ProtocolsEnum: { type: "string", enum: ["TLSv1_0", "TLSv1_1", "TLSv1_2", "TLSv1_3"] },
            // #/definitions/CipherSuitesEnum
            CipherSuitesEnum: {
                type: "string",
                enum: [
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
                    "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
                    "TLS_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_RSA_WITH_AES_256_CBC_SHA256",
                    "TLS_RSA_WITH_AES_128_CBC_SHA256",
                    "TLS_RSA_WITH_AES_256_CBC_SHA",
                    "TLS_RSA_WITH_AES_128_CBC_SHA",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256",
                    "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256",
                    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
                    "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",
                    "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
                    "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                ],
            },
            // #/definitions/RedirectTypeEnum
            RedirectTypeEnum: { type: "string", enum: ["Permanent", "Found", "SeeOther", "Temporary"] },
            // #/definitions/ApplicationGatewayProtocol
            ApplicationGatewayProtocol: { type: "string", enum: ["Http", "Https", "Tcp", "Tls"] },
            // #/definitions/ApplicationGatewayLoadDistributionPolicyPropertiesFormat
            ApplicationGatewayLoadDistributionPolicyPropertiesFormat: {
                properties: {
                    loadDistributionTargets: arrayOf(local("ApplicationGatewayLoadDistributionTarget")),
                    loadDistributionAlgorithm: local("ApplicationGatewayLoadDistributionAlgorithmEnum"),
                    provisioningState: provisioningState(),
                },
            },
            // #/definitions/ApplicationGatewayLoadDistributionPolicy
            ApplicationGatewayLoadDistributionPolicy: childResource("ApplicationGatewayLoadDistributionPolicyPropertiesFormat"),
            // #/definitions/ApplicationGatewayLoadDistributionTargetPropertiesFormat
            ApplicationGatewayLoadDistributionTargetPropertiesFormat: {
                properties: {
                    // #/definitions/ApplicationGatewayLoadDistributionTargetPropertiesFormat/properties/weightPerServer
                    weightPerServer: { type: "integer", minimum: 1, maximum: 100 },
                    backendAddressPool: subResource(),
                },
            },
            // #/definitions/ApplicationGatewayLoadDistributionTarget
            ApplicationGatewayLoadDistributionTarget: childResource("ApplicationGatewayLoadDistributionTargetPropertiesFormat"),
            // #/definitions/ApplicationGatewayLoadDistributionAlgorithmEnum
            ApplicationGatewayLoadDistributionAlgorithmEnum: { type: "string", enum: ["RoundRobin", "LeastConnections", "IpHash"] },
            // #/definitions/ApplicationGatewayGlobalConfiguration
            ApplicationGatewayGlobalConfiguration: { properties: { enableRequestBuffering: bool(), enableResponseBuffering: bool() } },
        },
    },

    // ------------------------------------------------------------------ webapplicationfirewall.json
    [WAF]: {
        source: { repo, path: `${stable}/webapplicationfirewall.json`, commit: "bed389ea6ceb56335f95c29b7126f6fc656e6e87", apiVersion },
        resources: {
            // #/paths/.../ApplicationGatewayWebApplicationFirewallPolicies/{policyName}/put
            "azure-native:network:WebApplicationFirewallPolicy": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/{policyName}",
                // #/paths/.../{policyName}/put/parameters/1: policyName maxLength 128
                parameters: [pathParam("resourceGroupName"), pathParam("policyName", { maxLength: 128 })],
                body: "#/definitions/WebApplicationFirewallPolicy",
            },
        },
        definitions: {
            // #/definitions/WebApplicationFirewallPolicy
            WebApplicationFirewallPolicy: {
                properties: { properties: flatten("WebApplicationFirewallPolicyPropertiesFormat"), etag: readOnlyString() },
                allOf: [inFile(NETWORK, "Resource")],
            },
            // #/definitions/WebApplicationFirewallPolicyPropertiesFormat (required: managedRules)
            WebApplicationFirewallPolicyPropertiesFormat: {
                required: ["managedRules"],
                properties: {
                    policySettings: local("PolicySettings"),
                    customRules: arrayOf(local("WebApplicationFirewallCustomRule")),
                    applicationGateways: arrayOf(inFile(APPGW, "ApplicationGateway"), { readOnly: true }),
                    provisioningState: provisioningState(),
                    // #/definitions/WebApplicationFirewallPolicyPropertiesFormat/properties/resourceState
                    resourceState: { readOnly: true, type: "string", enum: ["Creating", "Enabling", "Enabled", "Disabling", "Disabled", "Deleting"] },
                    managedRules: local("ManagedRulesDefinition"),
                    httpListeners: { ...subResources(), readOnly: true },
                    pathBasedRules: { ...subResources(), readOnly: true },
                    applicationGatewayForContainers: arrayOf(local("ApplicationGatewayForContainersReferenceDefinition"), { readOnly: true }),
                },
            },
            // #/definitions/ManagedRulesDefinition (required: managedRuleSets)
            ManagedRulesDefinition: {
                required: ["managedRuleSets"],
                properties: {
                    exceptions: arrayOf(local("ExceptionEntry")),
                    exclusions: arrayOf(local("OwaspCrsExclusionEntry")),
                    managedRuleSets: arrayOf(local("ManagedRuleSet")),
                },
            },
            // #/definitions/PolicySettings
            PolicySettings: {
                properties: {
                    // #/definitions/PolicySettings/properties/state
                    state: { type: "string", enum: ["Disabled", "Enabled"] },
                    // #/definitions/PolicySettings/properties/mode
                    mode: { type: "string", enum: ["Prevention", "Detection"] },
                    requestBodyCheck: bool(),
                    // #/definitions/PolicySettings/properties/requestBodyInspectLimitInKB (no range in this file)
                    requestBodyInspectLimitInKB: int(),
                    requestBodyEnforcement: bool(),
                    // #/definitions/PolicySettings/properties/maxRequestBodySizeInKb
                    maxRequestBodySizeInKb: { type: "integer", minimum: 8 },
                    fileUploadEnforcement: bool(),
                    // #/definitions/PolicySettings/properties/fileUploadLimitInMb
                    fileUploadLimitInMb: { type: "integer", minimum: 0 },
                    // #/definitions/PolicySettings/properties/customBlockResponseStatusCode
                    customBlockResponseStatusCode: { type: "integer", minimum: 0 },
                    // #/definitions/PolicySettings/properties/customBlockResponseBody
                    customBlockResponseBody: { type: "string", pattern: "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$", maxLength: 32768 },
                    // #/definitions/PolicySettings/properties/logScrubbing
                    logScrubbing: {
                        type: "object",
                        properties: {
                            // #/definitions/PolicySettings/properties/logScrubbing/properties/state
                            state: { type: "string", enum: ["Disabled", "Enabled"] },
                            scrubbingRules: arrayOf(local("WebApplicationFirewallScrubbingRules")),
                        },
                    },
                    // #/definitions/PolicySettings/properties/jsChallengeCookieExpirationInMins
                    jsChallengeCookieExpirationInMins: { type: "integer", minimum: 5, maximum: 1440 },
                },
            },
            // #/definitions/WebApplicationFirewallCustomRule (required: priority, ruleType, matchConditions, action)
            WebApplicationFirewallCustomRule: {
                required: ["priority", "ruleType", "matchConditions", "action"],
                properties: {
                    // #/definitions/WebApplicationFirewallCustomRule/properties/name
                    name: { type: "string", maxLength: 128 },
                    etag: readOnlyString(),
                    // #/definitions/WebApplicationFirewallCustomRule/properties/priority (no range in this file)
                    priority: int(),
                    // #/definitions/WebApplicationFirewallCustomRule/properties/state
                    state: { type: "string", enum: ["Disabled", "Enabled"] },
                    // #/definitions/WebApplicationFirewallCustomRule/properties/rateLimitDuration
                    rateLimitDuration: { type: "string", enum: ["OneMin", "FiveMins"] },
                    rateLimitThreshold: int(),
                    // #/definitions/WebApplicationFirewallCustomRule/properties/ruleType
                    ruleType: { type: "string", enum: ["MatchRule", "RateLimitRule", "Invalid"] },
                    matchConditions: arrayOf(local("MatchCondition")),
                    groupByUserSession: arrayOf(local("GroupByUserSession")),
                    // #/definitions/WebApplicationFirewallCustomRule/properties/action
                    action: { type: "string", enum: ["Allow", "Block", "Log", "JSChallenge"] },
                },
            },
            // #/definitions/Transform
            Transform: { type: "string", enum: ["Uppercase", "Lowercase", "Trim", "UrlDecode", "UrlEncode", "RemoveNulls", "HtmlEntityDecode"] },
            // #/definitions/MatchVariable (required: variableName)
            MatchVariable: {
                required: ["variableName"],
                properties: {
                    // #/definitions/MatchVariable/properties/variableName
                    variableName: { type: "string", enum: ["RemoteAddr", "RequestMethod", "QueryString", "PostArgs", "RequestUri", "RequestHeaders", "RequestBody", "RequestCookies"] },
                    selector: str(),
                },
            },
            // #/definitions/MatchCondition (required: matchVariables, operator, matchValues)
            MatchCondition: {
                required: ["matchVariables", "operator", "matchValues"],
                properties: {
                    matchVariables: arrayOf(local("MatchVariable")),
                    // #/definitions/MatchCondition/properties/operator
                    operator: {
                        type: "string",
                        enum: ["IPMatch", "Equal", "Contains", "LessThan", "GreaterThan", "LessThanOrEqual", "GreaterThanOrEqual", "BeginsWith", "EndsWith", "Regex", "GeoMatch", "Any"],
                    },
                    // #/definitions/MatchCondition/properties/negationConditon (sic)
                    negationConditon: bool(),
                    matchValues: strings(),
                    // #/definitions/MatchCondition/properties/transforms → #/definitions/Transform
                    transforms: arrayOf(local("Transform")),
                },
            },
            // #/definitions/GroupByVariable (required: variableName)
            GroupByVariable: {
                type: "object",
                required: ["variableName"],
                properties: { variableName: { type: "string", enum: ["ClientAddr", "GeoLocation", "None"] } },
            },
            // #/definitions/GroupByUserSession (required: groupByVariables)
            GroupByUserSession: { type: "object", required: ["groupByVariables"], properties: { groupByVariables: arrayOf(local("GroupByVariable")) } },
            // #/definitions/ManagedRuleSet (required: ruleSetType, ruleSetVersion)
            ManagedRuleSet: {
                type: "object",
                required: ["ruleSetType", "ruleSetVersion"],
                properties: { ruleSetType: str(), ruleSetVersion: str(), ruleGroupOverrides: arrayOf(local("ManagedRuleGroupOverride")) },
            },
            // #/definitions/ManagedRuleGroupOverride (required: ruleGroupName)
            ManagedRuleGroupOverride: { type: "object", required: ["ruleGroupName"], properties: { ruleGroupName: str(), rules: arrayOf(local("ManagedRuleOverride")) } },
            // #/definitions/ManagedRuleOverride (required: ruleId)
            ManagedRuleOverride: {
                type: "object",
                required: ["ruleId"],
                properties: {
                    ruleId: str(),
                    // #/definitions/ManagedRuleOverride/properties/state
                    state: { type: "string", enum: ["Disabled", "Enabled"] },
                    action: local("ActionType"),
                    sensitivity: local("SensitivityType"),
                },
            },
            // #/definitions/ExclusionManagedRuleSet (required: ruleSetType, ruleSetVersion)
            ExclusionManagedRuleSet: {
                type: "object",
                required: ["ruleSetType", "ruleSetVersion"],
                properties: { ruleSetType: str(), ruleSetVersion: str(), ruleGroups: arrayOf(local("ExclusionManagedRuleGroup")) },
            },
            // #/definitions/ExclusionManagedRuleGroup (required: ruleGroupName)
            ExclusionManagedRuleGroup: { type: "object", required: ["ruleGroupName"], properties: { ruleGroupName: str(), rules: arrayOf(local("ExclusionManagedRule")) } },
            // #/definitions/ExclusionManagedRule (required: ruleId)
            ExclusionManagedRule: { type: "object", required: ["ruleId"], properties: { ruleId: str() } },
            // #/definitions/OwaspCrsExclusionEntry (required: matchVariable, selectorMatchOperator, selector)
            OwaspCrsExclusionEntry: {
                required: ["matchVariable", "selectorMatchOperator", "selector"],
                properties: {
                    // #/definitions/OwaspCrsExclusionEntry/properties/matchVariable
                    matchVariable: {
                        type: "string",
                        enum: ["RequestHeaderNames", "RequestCookieNames", "RequestArgNames", "RequestHeaderKeys", "RequestHeaderValues", "RequestCookieKeys", "RequestCookieValues", "RequestArgKeys", "RequestArgValues"],
                    },
                    // #/definitions/OwaspCrsExclusionEntry/properties/selectorMatchOperator
                    selectorMatchOperator: { type: "string", enum: ["Equals", "Contains", "StartsWith", "EndsWith", "EqualsAny"] },
                    selector: str(),
                    exclusionManagedRuleSets: arrayOf(local("ExclusionManagedRuleSet")),
                },
            },
            // #/definitions/ExceptionEntry (required: matchVariable, valueMatchOperator)
            ExceptionEntry: {
                type: "object",
                required: ["matchVariable", "valueMatchOperator"],
                properties: {
                    // #/definitions/ExceptionEntry/properties/matchVariable
                    matchVariable: { type: "string", enum: ["RequestURI", "RemoteAddr", "RequestHeader"] },
                    values: strings(),
                    // #/definitions/ExceptionEntry/properties/valueMatchOperator
                    valueMatchOperator: { type: "string", enum: ["Equals", "Contains", "StartsWith", "EndsWith", "IPMatch"] },
                    // #/definitions/ExceptionEntry/properties/selectorMatchOperator
                    selectorMatchOperator: { type: "string", enum: ["Equals", "Contains", "StartsWith", "EndsWith"] },
                    selector: str(),
                    exceptionManagedRuleSets: arrayOf(local("ExclusionManagedRuleSet")),
                },
            },
            // #/definitions/ActionType
            ActionType: { type: "string", enum: ["AnomalyScoring", "Allow", "Block", "Log", "JSChallenge"] },
            // #/definitions/SensitivityType
            SensitivityType: { type: "string", enum: ["None", "Low", "Medium", "High"] },
            // #/definitions/WebApplicationFirewallScrubbingRules (required: matchVariable, selectorMatchOperator)
            WebApplicationFirewallScrubbingRules: {
                type: "object",
                required: ["matchVariable", "selectorMatchOperator"],
                properties: {
                    matchVariable: { type: "string", enum: ["RequestHeaderNames", "RequestCookieNames", "RequestArgNames", "RequestPostArgNames", "RequestJSONArgNames", "RequestIPAddress"] },
                    selectorMatchOperator: { type: "string", enum: ["Equals", "EqualsAny"] },
                    selector: str(),
                    state: { type: "string", enum: ["Enabled", "Disabled"] },
                },
            },
            // #/definitions/ApplicationGatewayForContainersReferenceDefinition (required: id)
            ApplicationGatewayForContainersReferenceDefinition: { type: "object", required: ["id"], properties: { id: str() } },
        },
    },
};
