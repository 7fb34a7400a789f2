// Rule family 1 over the network types encoded by hand in
// tools/preflight/encoded/network.ts (Microsoft.Network 2024-05-01): each
// type's compliant baseline, shaped as components/network.ts, redis.ts and
// appGateway.ts render it, passes; each mutation breaks one encoded rule.
import * as assert from "assert";
import { azureRestViolations } from "../../tools/preflight/azureRest";
import { encodedExcerpts } from "../../tools/preflight/encoded";
import { createOnlyPaths } from "../../tools/replaceRules";
import { input, mutated, recorded } from "./fixtures";

const rg = "lsdr-logscale-eastus";
const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
const net = `${sub}/resourceGroups/${rg}/providers/Microsoft.Network`;
const placement = { resourceGroupName: rg, location: "eastus", tags: { app: "logscale" } };
const gw = `${net}/applicationGateways/lsdr-appgw`;
const ref = (kind: string, name: string) => ({ id: `${gw}/${kind}/${name}` });
const inbound = (name: string, priority: number, source: string, ports: string[]) => ({
    name,
    description: "Clients and Traffic Manager probes reach the edge",
    priority,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: source,
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRanges: ports,
});

const base = {
    nsg: recorded("azure-native:network:NetworkSecurityGroup", "network-appgateway-nsg", {
        ...placement,
        networkSecurityGroupName: "lsdr-appgateway-nsg",
        securityRules: [inbound("allow-https-inbound", 100, "Internet", ["80", "443"]), inbound("allow-gateway-manager", 110, "GatewayManager", ["65200-65535"])],
    }),
    subnet: recorded("azure-native:network:Subnet", "network-functions-subnet", {
        resourceGroupName: rg,
        virtualNetworkName: "lsdr-vnet",
        subnetName: "functions",
        addressPrefix: "172.16.8.0/24",
        networkSecurityGroup: { id: `${net}/networkSecurityGroups/lsdr-functions-nsg` },
        natGateway: { id: `${net}/natGateways/lsdr-nat` },
        serviceEndpoints: [{ service: "Microsoft.Storage" }],
        delegations: [{ name: "web-serverfarms", serviceName: "Microsoft.Web/serverFarms" }],
    }),
    vnet: recorded("azure-native:network:VirtualNetwork", "network-vnet", { ...placement, virtualNetworkName: "lsdr-vnet", addressSpace: { addressPrefixes: ["172.16.0.0/16"] } }),
    publicIp: recorded("azure-native:network:PublicIPAddress", "network-ingress-ip", {
        ...placement,
        publicIpAddressName: "lsdr-ingress",
        sku: { name: "Standard", tier: "Regional" },
        publicIPAllocationMethod: "Static",
        publicIPAddressVersion: "IPv4",
        dnsSettings: { domainNameLabel: "lsdr-logscale" },
    }),
    nat: recorded("azure-native:network:NatGateway", "network-nat", {
        ...placement,
        natGatewayName: "lsdr-nat",
        sku: { name: "Standard" },
        idleTimeoutInMinutes: 4,
        publicIpAddresses: [{ id: `${net}/publicIPAddresses/lsdr-egress` }],
    }),
    endpoint: recorded("azure-native:network:PrivateEndpoint", "redis-endpoint", {
        ...placement,
        privateEndpointName: "lsdr-redis",
        subnet: { id: `${net}/virtualNetworks/lsdr-vnet/subnets/endpoints` },
        privateLinkServiceConnections: [{ name: "redis", privateLinkServiceId: `${sub}/resourceGroups/${rg}/providers/Microsoft.Cache/Redis/lsdrredisab12cd`, groupIds: ["redisCache"] }],
    }),
    dnsZoneGroup: recorded("azure-native:network:PrivateDnsZoneGroup", "redis-endpoint-dns", {
        resourceGroupName: rg,
        privateEndpointName: "lsdr-redis",
        privateDnsZoneGroupName: "default",
        privateDnsZoneConfigs: [{ name: "redis", privateDnsZoneId: `${sub}/resourceGroups/${rg}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net` }],
    }),
    appGateway: recorded("azure-native:network:ApplicationGateway", "appgw-gateway", {
        ...placement,
        applicationGatewayName: "lsdr-appgw",
        sku: { name: "WAF_v2", tier: "WAF_v2" },
        autoscaleConfiguration: { minCapacity: 2, maxCapacity: 10 },
        zones: ["1", "2", "3"],
        identity: { type: "UserAssigned", userAssignedIdentities: [`${sub}/resourceGroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/lsdr-appgw`] },
        firewallPolicy: { id: `${net}/ApplicationGatewayWebApplicationFirewallPolicies/lsdr-waf` },
        gatewayIPConfigurations: [{ name: "gateway", subnet: { id: `${net}/virtualNetworks/lsdr-vnet/subnets/appgateway` } }],
        frontendIPConfigurations: [{ name: "public", publicIPAddress: { id: `${net}/publicIPAddresses/lsdr-ingress` } }],
        frontendPorts: [
            { name: "http", port: 80 },
            { name: "https", port: 443 },
        ],
        sslCertificates: [{ name: "logscale", keyVaultSecretId: "https://lsdrkvab12cd.vault.azure.net/secrets/logscale-tls" }],
        sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" },
        backendAddressPools: [{ name: "envoy", backendAddresses: [{ ipAddress: "172.16.4.250" }] }],
        probes: [{ name: "logscale-status", protocol: "Https", path: "/api/v1/status", pickHostNameFromBackendHttpSettings: true, interval: 30, timeout: 30, unhealthyThreshold: 3, match: { statusCodes: ["200"] } }],
        backendHttpSettingsCollection: [
            { name: "https", protocol: "Https", port: 443, hostName: "lsdr-logscale.eastus.cloudapp.azure.com", cookieBasedAffinity: "Disabled", requestTimeout: 300, probe: ref("probes", "logscale-status") },
            { name: "http", protocol: "Http", port: 80, cookieBasedAffinity: "Disabled", requestTimeout: 30 },
        ],
        httpListeners: [
            { name: "https", protocol: "Https", frontendIPConfiguration: ref("frontendIPConfigurations", "public"), frontendPort: ref("frontendPorts", "https"), sslCertificate: ref("sslCertificates", "logscale") },
            { name: "http", protocol: "Http", frontendIPConfiguration: ref("frontendIPConfigurations", "public"), frontendPort: ref("frontendPorts", "http") },
        ],
        urlPathMaps: [
            {
                name: "https",
                defaultBackendAddressPool: ref("backendAddressPools", "envoy"),
                defaultBackendHttpSettings: ref("backendHttpSettingsCollection", "https"),
                pathRules: [
                    {
                        name: "ingest",
                        paths: ["/api/v1/ingest/*", "/services/collector*"],
                        backendAddressPool: ref("backendAddressPools", "envoy"),
                        backendHttpSettings: ref("backendHttpSettingsCollection", "https"),
                        firewallPolicy: { id: `${net}/ApplicationGatewayWebApplicationFirewallPolicies/lsdr-waf-ingest` },
                    },
                ],
            },
        ],
        requestRoutingRules: [
            { name: "https", ruleType: "PathBasedRouting", priority: 100, httpListener: ref("httpListeners", "https"), urlPathMap: ref("urlPathMaps", "https") },
            { name: "http", ruleType: "Basic", priority: 200, httpListener: ref("httpListeners", "http"), backendAddressPool: ref("backendAddressPools", "envoy"), backendHttpSettings: ref("backendHttpSettingsCollection", "http") },
        ],
    }),
    wafGlobal: recorded("azure-native:network:WebApplicationFirewallPolicy", "appgw-waf", {
        ...placement,
        policyName: "lsdr-waf",
        policySettings: { state: "Enabled", mode: "Prevention", requestBodyCheck: true, requestBodyInspectLimitInKB: 128, requestBodyEnforcement: false, fileUploadEnforcement: false },
        managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] },
    }),
    waf: recorded("azure-native:network:WebApplicationFirewallPolicy", "appgw-waf-ingest", {
        ...placement,
        policyName: "lsdr-waf-ingest",
        policySettings: { state: "Enabled", mode: "Prevention", requestBodyCheck: false, requestBodyEnforcement: false, fileUploadEnforcement: false },
        managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] },
        customRules: [
            {
                name: "IngestHostsOnly",
                priority: 10,
                ruleType: "MatchRule",
                action: "Block",
                matchConditions: [
                    { matchVariables: [{ variableName: "RequestHeaders", selector: "Host" }], operator: "Equal", negationConditon: true, matchValues: ["lsdr-logscale.eastus.cloudapp.azure.com"], transforms: ["Lowercase"] },
                ],
            },
            {
                name: "IngestMethodsOnly",
                priority: 20,
                ruleType: "MatchRule",
                action: "Block",
                matchConditions: [{ matchVariables: [{ variableName: "RequestMethod" }], operator: "Equal", negationConditon: true, matchValues: ["POST", "GET", "HEAD"] }],
            },
        ],
    }),
};

const ruleIds = (r: Parameters<typeof mutated>[0]) => azureRestViolations(input([r])).map((v) => `${v.ruleId} ${v.property}`);

describe("preflight: Azure REST definitions encoded for Microsoft.Network 2024-05-01", () => {
    it("every network type the program creates is covered, and each baseline is compliant", () => {
        for (const r of Object.values(base)) {
            assert.deepStrictEqual(azureRestViolations(input([r])), [], r.type);
        }
    });

    it("each encoded excerpt names the upstream file, a 40-hex commit and api-version 2024-05-01", () => {
        const files = Object.keys(encodedExcerpts).filter((f) => f.startsWith("network-"));
        assert.strictEqual(files.length, 8);
        for (const f of files) {
            const s = encodedExcerpts[f].source;
            assert.strictEqual(s.repo, "Azure/azure-rest-api-specs", f);
            assert.match(s.commit, /^[0-9a-f]{40}$/, f);
            assert.strictEqual(s.apiVersion, "2024-05-01", f);
            assert.match(s.path, /^specification\/network\/resource-manager\/Microsoft\.Network\/(Network\/)?stable\/2024-05-01\/\w+\.json$/, f);
        }
    });

    it("a violation names the definition it comes from", () => {
        const [v] = azureRestViolations(input([mutated(base.nsg, "securityRules[0].protocol", "Http")]));
        assert.match(v.source, /^Azure\/azure-rest-api-specs@c938870 networkSecurityGroup\.json#\/definitions\/SecurityRulePropertiesFormat\/properties\/protocol \(api-version 2024-05-01\)$/);
    });

    describe("NetworkSecurityGroup (inline security rules)", () => {
        const r = base.nsg;
        it("required", () => assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[1].direction", undefined)), ["azure.required securityRules[1].direction"]));
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[0].priority", "100")), ["azure.type securityRules[0].priority"]));
        it("enum: protocol, access, direction", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[0].protocol", "Http")), ["azure.enum securityRules[0].protocol"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[0].access", "Permit")), ["azure.enum securityRules[0].access"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[0].direction", "Ingress")), ["azure.enum securityRules[0].direction"]);
        });
        it("minimum and maximum of priority (100–4096, its description)", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[0].priority", 99)), ["azure.minimum securityRules[0].priority"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[1].priority", 4097)), ["azure.maximum securityRules[1].priority"]);
        });
        it("maxLength of description (140, its description)", () => assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[0].description", "x".repeat(141))), ["azure.maxLength securityRules[0].description"]));
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[0].provisioningState", "Succeeded")), ["azure.readOnly securityRules[0].provisioningState"]));
        it("unknown", () => assert.deepStrictEqual(ruleIds(mutated(r, "securityRules[0].destinationPort", "443")), ["azure.unknown securityRules[0].destinationPort"]));
    });

    describe("Subnet", () => {
        const r = base.subnet;
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "addressPrefix", 24)), ["azure.type addressPrefix"]));
        it("enum", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "privateEndpointNetworkPolicies", "On")), ["azure.enum privateEndpointNetworkPolicies"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "sharingScope", "Subscription")), ["azure.enum sharingScope"]);
        });
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "purpose", "PrivateEndpoints")), ["azure.readOnly purpose"]));
        it("unknown, in a delegation and in a service endpoint", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "delegations[0].service", "Microsoft.Web/serverFarms")), ["azure.unknown delegations[0].service"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "serviceEndpoints[0].name", "storage")), ["azure.unknown serviceEndpoints[0].name"]);
        });
        it("the referenced network security group is checked against its own definition", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "networkSecurityGroup.securityRules", [{ priority: 100, direction: "Inbound", access: "Allow" }])), ["azure.required networkSecurityGroup.securityRules[0].protocol"]);
        });
    });

    describe("VirtualNetwork", () => {
        const r = base.vnet;
        it("required", () => assert.deepStrictEqual(ruleIds(mutated(r, "encryption", { enforcement: "AllowUnencrypted" })), ["azure.required encryption.enabled"]));
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "addressSpace.addressPrefixes", "172.16.0.0/16")), ["azure.type addressSpace.addressPrefixes"]));
        it("enum", () => assert.deepStrictEqual(ruleIds(mutated(r, "privateEndpointVNetPolicies", "Enabled")), ["azure.enum privateEndpointVNetPolicies"]));
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "bgpCommunities", { virtualNetworkCommunity: "12076:20000", regionalCommunity: "12076:50004" })), ["azure.readOnly bgpCommunities.regionalCommunity"]));
        it("unknown", () => assert.deepStrictEqual(ruleIds(mutated(r, "addressSpace.prefixes", ["172.16.0.0/16"])), ["azure.unknown addressSpace.prefixes"]));
    });

    describe("PublicIPAddress", () => {
        const r = base.publicIp;
        it("enum: sku name and tier, allocation method, version, DNS label scope", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "sku.name", "Premium")), ["azure.enum sku.name"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "sku.tier", "Zonal")), ["azure.enum sku.tier"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "publicIPAllocationMethod", "Fixed")), ["azure.enum publicIPAllocationMethod"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "publicIPAddressVersion", "IPv5")), ["azure.enum publicIPAddressVersion"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "dnsSettings.domainNameLabelScope", "GlobalReuse")), ["azure.enum dnsSettings.domainNameLabelScope"]);
        });
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "idleTimeoutInMinutes", "4")), ["azure.type idleTimeoutInMinutes"]));
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "resourceGuid", "11111111-1111-1111-1111-111111111111")), ["azure.readOnly resourceGuid"]));
        it("unknown", () => assert.deepStrictEqual(ruleIds(mutated(r, "dnsSettings.label", "lsdr-logscale")), ["azure.unknown dnsSettings.label"]));
    });

    describe("NatGateway", () => {
        const r = base.nat;
        it("enum", () => assert.deepStrictEqual(ruleIds(mutated(r, "sku.name", "StandardV2")), ["azure.enum sku.name"]));
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "idleTimeoutInMinutes", 4.5)), ["azure.type idleTimeoutInMinutes"]));
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "subnets", [{ id: `${net}/virtualNetworks/lsdr-vnet/subnets/system` }])), ["azure.readOnly subnets"]));
        it("unknown", () => assert.deepStrictEqual(ruleIds(mutated(r, "sku.tier", "Regional")), ["azure.unknown sku.tier"]));
    });

    describe("PrivateEndpoint", () => {
        const r = base.endpoint;
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "privateLinkServiceConnections[0].groupIds", "redisCache")), ["azure.type privateLinkServiceConnections[0].groupIds"]));
        it("maxLength of a connection's request message (140, its description)", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "privateLinkServiceConnections[0].requestMessage", "x".repeat(141))), ["azure.maxLength privateLinkServiceConnections[0].requestMessage"]);
        });
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "networkInterfaces", [{ id: "nic" }])), ["azure.readOnly networkInterfaces"]));
        it("unknown", () => assert.deepStrictEqual(ruleIds(mutated(r, "privateLinkServiceConnections[0].groupId", "redisCache")), ["azure.unknown privateLinkServiceConnections[0].groupId"]));
    });

    describe("PrivateDnsZoneGroup", () => {
        const r = base.dnsZoneGroup;
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "privateDnsZoneConfigs", { name: "redis" })), ["azure.type privateDnsZoneConfigs"]));
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "privateDnsZoneConfigs[0].recordSets", [])), ["azure.readOnly privateDnsZoneConfigs[0].recordSets"]));
        it("unknown", () => assert.deepStrictEqual(ruleIds(mutated(r, "privateDnsZoneConfigs[0].zoneId", "x")), ["azure.unknown privateDnsZoneConfigs[0].zoneId"]));
    });

    describe("ApplicationGateway", () => {
        const r = base.appGateway;
        it("required", () => assert.deepStrictEqual(ruleIds(mutated(r, "autoscaleConfiguration.minCapacity", undefined)), ["azure.required autoscaleConfiguration.minCapacity"]));
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "frontendPorts[1].port", "443")), ["azure.type frontendPorts[1].port"]));
        it("enum: sku name and tier, SSL policy, protocols, routing rule type, cookie affinity", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "sku.name", "WAF_v3")), ["azure.enum sku.name"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "sku.tier", "Premium")), ["azure.enum sku.tier"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "sslPolicy.policyName", "AppGwSslPolicy20230101")), ["azure.enum sslPolicy.policyName"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "sslPolicy.policyType", "Default")), ["azure.enum sslPolicy.policyType"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "httpListeners[0].protocol", "Http2")), ["azure.enum httpListeners[0].protocol"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "probes[0].protocol", "Tcp2")), ["azure.enum probes[0].protocol"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "requestRoutingRules[0].ruleType", "PathBased")), ["azure.enum requestRoutingRules[0].ruleType"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "backendHttpSettingsCollection[0].cookieBasedAffinity", "Off")), ["azure.enum backendHttpSettingsCollection[0].cookieBasedAffinity"]);
        });
        it("minimum: autoscale bounds, routing rule priority, probe port", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "autoscaleConfiguration.minCapacity", -1)), ["azure.minimum autoscaleConfiguration.minCapacity"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "autoscaleConfiguration.maxCapacity", 1)), ["azure.minimum autoscaleConfiguration.maxCapacity"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "requestRoutingRules[0].priority", 0)), ["azure.minimum requestRoutingRules[0].priority"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "probes[0].port", 0)), ["azure.minimum probes[0].port"]);
        });
        it("maximum: routing rule priority, probe threshold and interval, request timeout (the last three from their descriptions)", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "requestRoutingRules[1].priority", 20001)), ["azure.maximum requestRoutingRules[1].priority"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "probes[0].unhealthyThreshold", 21)), ["azure.maximum probes[0].unhealthyThreshold"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "probes[0].interval", 86401)), ["azure.maximum probes[0].interval"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "backendHttpSettingsCollection[0].requestTimeout", 86401)), ["azure.maximum backendHttpSettingsCollection[0].requestTimeout"]);
        });
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "operationalState", "Running")), ["azure.readOnly operationalState"]));
        it("unknown, in a sub-resource and in a URL path map's path rule", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "backendHttpSettingsCollection[0].timeout", 300)), ["azure.unknown backendHttpSettingsCollection[0].timeout"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "urlPathMaps[0].pathRules[0].wafPolicy", { id: "x" })), ["azure.unknown urlPathMaps[0].pathRules[0].wafPolicy"]);
        });
        it("identity: the user-assigned identities are a set of ids; the type an enum", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "identity.type", "Managed")), ["azure.enum identity.type"]);
        });
    });

    describe("WebApplicationFirewallPolicy", () => {
        const r = base.waf;
        it("required: managed rules, a managed rule set's version, a custom rule's priority, a match condition's operator", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "managedRules", undefined)), ["azure.required managedRules"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "managedRules.managedRuleSets[0].ruleSetVersion", undefined)), ["azure.required managedRules.managedRuleSets[0].ruleSetVersion"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "customRules[0].priority", undefined)), ["azure.required customRules[0].priority"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "customRules[0].matchConditions[0].operator", undefined)), ["azure.required customRules[0].matchConditions[0].operator"]);
        });
        it("type", () => assert.deepStrictEqual(ruleIds(mutated(r, "policySettings.requestBodyCheck", "true")), ["azure.type policySettings.requestBodyCheck"]));
        it("enum: policy mode and state, rule type, action, operator, match variable, transform", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "policySettings.mode", "Protection")), ["azure.enum policySettings.mode"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "policySettings.state", "On")), ["azure.enum policySettings.state"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "customRules[0].ruleType", "Match")), ["azure.enum customRules[0].ruleType"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "customRules[1].action", "Deny")), ["azure.enum customRules[1].action"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "customRules[1].matchConditions[0].operator", "Equals")), ["azure.enum customRules[1].matchConditions[0].operator"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "customRules[0].matchConditions[0].matchVariables[0].variableName", "RequestHeader")), ["azure.enum customRules[0].matchConditions[0].matchVariables[0].variableName"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "customRules[0].matchConditions[0].transforms[0]", "LowerCase ")), ["azure.enum customRules[0].matchConditions[0].transforms[0]"]);
        });
        it("maxLength: the policy name (a path parameter) and a custom rule's name", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "policyName", "w".repeat(129))), ["azure.maxLength policyName"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "customRules[0].name", "r".repeat(129))), ["azure.maxLength customRules[0].name"]);
        });
        it("minimum and maximum", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "policySettings.maxRequestBodySizeInKb", 4)), ["azure.minimum policySettings.maxRequestBodySizeInKb"]);
            assert.deepStrictEqual(ruleIds(mutated(r, "policySettings.jsChallengeCookieExpirationInMins", 1441)), ["azure.maximum policySettings.jsChallengeCookieExpirationInMins"]);
        });
        it("pattern: a custom block response body is base64", () => {
            assert.deepStrictEqual(ruleIds(mutated(r, "policySettings.customBlockResponseBody", "not base64!")), ["azure.pattern policySettings.customBlockResponseBody"]);
        });
        it("readOnly", () => assert.deepStrictEqual(ruleIds(mutated(r, "resourceState", "Enabled")), ["azure.readOnly resourceState"]));
        it("unknown", () => assert.deepStrictEqual(ruleIds(mutated(r, "customRules[0].matchConditions[0].negationCondition", true)), ["azure.unknown customRules[0].matchConditions[0].negationCondition"]));
    });

    it("no network definition marks a property create-only; the path parameters of each URL replace the resource", () => {
        const params: Record<string, string[]> = {
            NetworkSecurityGroup: ["resourceGroupName", "networkSecurityGroupName"],
            Subnet: ["resourceGroupName", "virtualNetworkName", "subnetName"],
            VirtualNetwork: ["resourceGroupName", "virtualNetworkName"],
            PublicIPAddress: ["resourceGroupName", "publicIpAddressName"],
            NatGateway: ["resourceGroupName", "natGatewayName"],
            PrivateEndpoint: ["resourceGroupName", "privateEndpointName"],
            PrivateDnsZoneGroup: ["resourceGroupName", "privateEndpointName", "privateDnsZoneGroupName"],
            ApplicationGateway: ["resourceGroupName", "applicationGatewayName"],
            WebApplicationFirewallPolicy: ["resourceGroupName", "policyName"],
        };
        for (const [type, names] of Object.entries(params)) {
            const paths = createOnlyPaths(`azure-native:network:${type}`);
            for (const p of names) assert.ok(paths.includes(p), `${type} ${p}`);
        }
    });
});
