// Application Gateway (WAF_v2) in front of Envoy Gateway (edge=appGateway). It
// takes over the region's public IP, so the cluster's FQDN — the Traffic
// Manager endpoint's target — now names the gateway. TLS ends at the gateway
// with a certificate from Key Vault and starts again to Envoy, which listens
// on an internal load balancer and serves the cluster's certificate there.
// Two WAF policies: the gateway's own, and a per-URI one on the ingest paths
// (model/edgeSecurity.ts decides both).
import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as network from "@pulumi/azure-native/network";
import { healthProbePath } from "../contract";
import { keyVaultSecretScope } from "./keyVault";
import { roleGranter } from "./roles";
import { placement, PlacementArgs } from "./placement";

/** What a WAF policy decides: its settings, managed rules and custom rules. */
export type WafPolicySettings = Pick<network.WebApplicationFirewallPolicyArgs, "policySettings" | "managedRules" | "customRules">;

/** The gateway's own policy, and the one its ingest path rule carries (paths in Application Gateway's path-rule syntax). */
export interface AppGatewayFirewall {
    global: WafPolicySettings;
    ingest: { paths: string[]; policy: WafPolicySettings };
}

/**
 * TLS 1.2 at least, as Microsoft's predefined policy AppGwSslPolicy20220101
 * sets it (MinProtocolVersion TLSv1_2, with TLS 1.3; Microsoft Learn,
 * "Application Gateway TLS policy overview", predefined TLS policy): TLS 1.0
 * and 1.1 are refused. Its stricter sibling ...20220101S has the same minimum
 * and only narrows the cipher suites; this one keeps the shippers that cannot
 * negotiate those few.
 */
export const appGatewaySslPolicy = { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" } as const;

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
    /** The WAF policy the ingest path rule carries, and the paths it covers. */
    ingestFirewall: { policyId: pulumi.Input<string>; paths: string[] };
}

/**
 * Listeners, backends, the health probe and routing rules: HTTPS re-encrypted
 * to Envoy, and HTTP for ACME challenges and redirects. HTTPS routes by path
 * so the ingest paths carry their own WAF policy; both go to the same backend.
 */
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
        sslPolicy: { ...appGatewaySslPolicy },
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
        urlPathMaps: [
            {
                name: "https",
                defaultBackendAddressPool: ref("backendAddressPools", "envoy"),
                defaultBackendHttpSettings: ref("backendHttpSettingsCollection", "https"),
                pathRules: [
                    {
                        name: "ingest",
                        paths: w.ingestFirewall.paths,
                        backendAddressPool: ref("backendAddressPools", "envoy"),
                        backendHttpSettings: ref("backendHttpSettingsCollection", "https"),
                        firewallPolicy: { id: w.ingestFirewall.policyId },
                    },
                ],
            },
        ],
        requestRoutingRules: [
            { name: "https", ruleType: "PathBasedRouting", priority: 100, httpListener: ref("httpListeners", "https"), urlPathMap: ref("urlPathMaps", "https") },
            { name: "http", ruleType: "Basic", priority: 200, httpListener: ref("httpListeners", "http"), backendAddressPool: ref("backendAddressPools", "envoy"), backendHttpSettings: ref("backendHttpSettingsCollection", "http") },
        ],
    };
}

export interface AppGatewayArgs extends PlacementArgs {
    publicIpId: pulumi.Input<string>;
    subnetId: pulumi.Input<string>;
    backendIp: string;
    clusterFqdn: pulumi.Input<string>;
    certificateSecretId: pulumi.Input<string>;
    /** The vault and secret holding the certificate, which the gateway's identity may read; absent for a certificate elsewhere. */
    certificateVault?: { vaultId: pulumi.Input<string>; secretName: string };
    subscriptionId: pulumi.Input<string>;
    firewall: AppGatewayFirewall;
}

export class AppGateway extends pulumi.ComponentResource {
    constructor(name: string, args: AppGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:appgw:AppGateway", name, {}, opts);
        const child = { parent: this };
        const common = placement(args);
        const identity = new managedidentity.UserAssignedIdentity(`${name}-identity`, { ...common, resourceName: `${args.namePrefix}-appgw` }, child);
        // Key Vault Secrets User on the certificate's secret only, not the vault: the vault also holds the break-glass
        // storage keys and passwords (Microsoft Learn, "Provide access to Key Vault keys, certificates, and secrets with
        // Azure RBAC": roles can be assigned on an individual secret, the exception it allows when one secret is shared).
        const vault = args.certificateVault;
        const certificateAccess = vault
            ? [roleGranter(name, identity.principalId, this)("certificate", pulumi.output(vault.vaultId).apply((id) => keyVaultSecretScope(id, vault.secretName)), "keyVaultSecretsUser")]
            : [];
        const waf = new network.WebApplicationFirewallPolicy(`${name}-waf`, { ...common, policyName: `${args.namePrefix}-waf`, ...args.firewall.global }, child);
        const ingestWaf = new network.WebApplicationFirewallPolicy(`${name}-waf-ingest`, { ...common, policyName: `${args.namePrefix}-waf-ingest`, ...args.firewall.ingest.policy }, child);
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
                    ingestFirewall: { policyId: ingestWaf.id, paths: args.firewall.ingest.paths },
                }),
            },
            { ...child, dependsOn: certificateAccess },
        );
        this.registerOutputs({});
    }
}
