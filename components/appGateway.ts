// Application Gateway (WAF_v2) in front of Envoy Gateway (edge=appGateway). It
// takes over the region's public IP, so the cluster's FQDN — the Traffic
// Manager endpoint's target — now names the gateway. TLS ends at the gateway
// with a certificate from Key Vault and starts again to Envoy, which listens
// on an internal load balancer and serves the cluster's certificate there.
import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import { healthProbePath } from "../contract";
import { roleGranter } from "./roles";
import { placement, PlacementArgs } from "./placement";

/** Paths where LogScale takes log data: tokens authenticate them, and log lines trip WAF rules meant for forms. */
export const ingestPathPrefixes = ["/api/v1/ingest/", "/services/collector"];

export interface AppGatewayWiring {
    /** The gateway's own resource id, which its sub-resources are addressed under. */
    gatewayId: pulumi.Input<string>;
    publicIpId: pulumi.Input<string>;
    subnetId: pulumi.Input<string>;
    /** Envoy's internal load balancer address. */
    backendIp: string;
    /** The cluster's own FQDN: the host (and SNI) the gateway asks Envoy for, and probes. */
    clusterFqdn: pulumi.Input<string>;
    certificateSecretId: pulumi.Input<string>;
}

/** Listeners, backends, the health probe and routing rules: HTTPS re-encrypted to Envoy, and HTTP for ACME challenges and redirects. */
export function appGatewayListeners(w: AppGatewayWiring): Omit<network.ApplicationGatewayArgs, "resourceGroupName"> {
    const ref = (kind: string, name: string) => ({ id: pulumi.interpolate`${w.gatewayId}/${kind}/${name}` });
    return {
        gatewayIPConfigurations: [{ name: "gateway", subnet: { id: w.subnetId } }],
        frontendIPConfigurations: [{ name: "public", publicIPAddress: { id: w.publicIpId } }],
        frontendPorts: [
            { name: "http", port: 80 },
            { name: "https", port: 443 },
        ],
        sslCertificates: [{ name: "logscale", keyVaultSecretId: w.certificateSecretId }],
        sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" },
        backendAddressPools: [{ name: "envoy", backendAddresses: [{ ipAddress: w.backendIp }] }],
        probes: [
            {
                name: "logscale-status",
                protocol: "Https",
                path: healthProbePath,
                pickHostNameFromBackendHttpSettings: true,
                interval: 30,
                timeout: 30,
                unhealthyThreshold: 3,
                match: { statusCodes: ["200"] },
            },
        ],
        backendHttpSettingsCollection: [
            // LogScale's long queries: 300 s, the idle time Envoy allows a request (components/logscaleIngress.ts).
            { name: "https", protocol: "Https", port: 443, hostName: w.clusterFqdn, cookieBasedAffinity: "Disabled", requestTimeout: 300, probe: ref("probes", "logscale-status") },
            // Host kept as the client sent it, so ACME HTTP-01 challenges for every name reach cert-manager.
            { name: "http", protocol: "Http", port: 80, cookieBasedAffinity: "Disabled", requestTimeout: 30 },
        ],
        httpListeners: [
            { name: "https", protocol: "Https", frontendIPConfiguration: ref("frontendIPConfigurations", "public"), frontendPort: ref("frontendPorts", "https"), sslCertificate: ref("sslCertificates", "logscale") },
            { name: "http", protocol: "Http", frontendIPConfiguration: ref("frontendIPConfigurations", "public"), frontendPort: ref("frontendPorts", "http") },
        ],
        requestRoutingRules: [
            { name: "https", ruleType: "Basic", priority: 100, httpListener: ref("httpListeners", "https"), backendAddressPool: ref("backendAddressPools", "envoy"), backendHttpSettings: ref("backendHttpSettingsCollection", "https") },
            { name: "http", ruleType: "Basic", priority: 200, httpListener: ref("httpListeners", "http"), backendAddressPool: ref("backendAddressPools", "envoy"), backendHttpSettings: ref("backendHttpSettingsCollection", "http") },
        ],
    };
}

/** WAF in prevention with Microsoft's default rule set; ingest paths are allowed past it (token-authenticated, and log lines look like attacks). */
export function wafPolicySettings(): Pick<network.WebApplicationFirewallPolicyArgs, "policySettings" | "managedRules" | "customRules"> {
    return {
        policySettings: { state: "Enabled", mode: "Prevention", requestBodyCheck: true, requestBodyInspectLimitInKB: 128, requestBodyEnforcement: false, fileUploadEnforcement: false },
        managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] },
        customRules: [
            {
                name: "AllowIngest",
                priority: 10,
                ruleType: "MatchRule",
                action: "Allow",
                matchConditions: [{ matchVariables: [{ variableName: "RequestUri" }], operator: "BeginsWith", matchValues: ingestPathPrefixes, transforms: ["Lowercase"] }],
            },
        ],
    };
}

export interface AppGatewayArgs extends PlacementArgs {
    publicIpId: pulumi.Input<string>;
    subnetId: pulumi.Input<string>;
    backendIp: string;
    clusterFqdn: pulumi.Input<string>;
    certificateSecretId: pulumi.Input<string>;
    /** The vault holding the certificate, where the gateway's identity may read secrets; absent for a certificate elsewhere. */
    keyVaultId?: pulumi.Input<string>;
    subscriptionId: pulumi.Input<string>;
}

export class AppGateway extends pulumi.ComponentResource {
    constructor(name: string, args: AppGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:appgw:AppGateway", name, {}, opts);
        const child = { parent: this };
        const common = placement(args);
        const identity = new managedidentity.UserAssignedIdentity(`${name}-identity`, { ...common, resourceName: `${args.namePrefix}-appgw` }, child);
        const certificateAccess = args.keyVaultId ? [roleGranter(name, identity.principalId, this)("certificate", args.keyVaultId, "keyVaultSecretsUser")] : [];
        const waf = new network.WebApplicationFirewallPolicy(`${name}-waf`, { ...common, policyName: `${args.namePrefix}-waf`, ...wafPolicySettings() }, child);
        const gatewayName = `${args.namePrefix}-appgw`;
        new network.ApplicationGateway(
            `${name}-gateway`,
            {
                ...common,
                applicationGatewayName: gatewayName,
                sku: { name: "WAF_v2", tier: "WAF_v2" },
                autoscaleConfiguration: { minCapacity: 2, maxCapacity: 10 },
                zones: ["1", "2", "3"],
                identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
                firewallPolicy: { id: waf.id },
                ...appGatewayListeners({
                    gatewayId: pulumi.interpolate`/subscriptions/${args.subscriptionId}/resourceGroups/${args.resourceGroupName}/providers/Microsoft.Network/applicationGateways/${gatewayName}`,
                    publicIpId: args.publicIpId,
                    subnetId: args.subnetId,
                    backendIp: args.backendIp,
                    clusterFqdn: args.clusterFqdn,
                    certificateSecretId: args.certificateSecretId,
                }),
            },
            { ...child, dependsOn: certificateAccess },
        );
        this.registerOutputs({});
    }
}
