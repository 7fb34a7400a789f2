// The region's network: a VNet with one subnet and NSG per node pool and per
// service that joins it (failover function, PostgreSQL, Application Gateway,
// private endpoints), a NAT gateway whose static IP is the region's egress
// address (the peer's storage firewall admits it, and the subnets with a
// Microsoft.Storage service endpoint by their ids), and the static public IP
// that faces the Internet. Which subnets exist, and their rules, is decided
// in model/network.ts.
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type * as inputs from "@pulumi/azure-native/types/input";
import { PoolRole } from "../contract";
import { placement, PlacementArgs } from "./placement";

export const vnetAddressSpace = "172.16.0.0/16";

/** Subnets for services rather than node pools. */
export type ServiceSubnet = "functions" | "postgres" | "appgateway" | "endpoints";
export type SubnetRole = PoolRole | ServiceSubnet;

export interface SubnetPlan {
    role: SubnetRole;
    cidr: string;
    rules: inputs.network.SecurityRuleArgs[];
    /** Egress through the NAT gateway (node pools and the function); Application Gateway subnets cannot have one. */
    nat: boolean;
    serviceEndpoints: string[];
    delegation?: { name: string; serviceName: string };
}

/** DNS label of the region's public IP: the cluster's own name, <label>-<tenant hash>.<region>.cloudapp.azure.com. */
export function ingressDnsLabel(namePrefix: string): string {
    return `${namePrefix}-logscale`;
}

export interface NetworkArgs extends PlacementArgs {
    subnets: SubnetPlan[];
}

export class Network extends pulumi.ComponentResource {
    readonly vnetId: pulumi.Output<string>;
    readonly subnetIds: Partial<Record<SubnetRole, pulumi.Output<string>>>;
    readonly egressIp: pulumi.Output<string>;
    readonly ingressIpId: pulumi.Output<string>;
    readonly ingressIpName: pulumi.Output<string>;
    readonly ingressFqdn: pulumi.Output<string>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:network:Network", name, {}, opts);
        const child = { parent: this };
        const common = placement(args);

        const staticIp = (role: string, dnsSettings?: inputs.network.PublicIPAddressDnsSettingsArgs) =>
            new network.PublicIPAddress(
                `${name}-${role}-ip`,
                {
                    ...common,
                    publicIpAddressName: `${args.namePrefix}-${role}`,
                    sku: { name: "Standard", tier: "Regional" },
                    publicIPAllocationMethod: "Static",
                    publicIPAddressVersion: "IPv4",
                    dnsSettings,
                },
                child,
            );
        const egressIp = staticIp("egress");
        const nat = new network.NatGateway(
            `${name}-nat`,
            {
                ...common,
                natGatewayName: `${args.namePrefix}-nat`,
                sku: { name: "Standard" },
                idleTimeoutInMinutes: 4,
                publicIpAddresses: [{ id: egressIp.id }],
            },
            child,
        );
        const vnet = new network.VirtualNetwork(
            `${name}-vnet`,
            {
                ...common,
                virtualNetworkName: `${args.namePrefix}-vnet`,
                addressSpace: { addressPrefixes: [vnetAddressSpace] },
            },
            // Subnets are separate resources below.
            { ...child, ignoreChanges: ["subnets"] },
        );

        this.subnetIds = {};
        for (const plan of args.subnets) {
            const nsg = new network.NetworkSecurityGroup(
                `${name}-${plan.role}-nsg`,
                { ...common, networkSecurityGroupName: `${args.namePrefix}-${plan.role}-nsg`, securityRules: plan.rules },
                child,
            );
            this.subnetIds[plan.role] = new network.Subnet(
                `${name}-${plan.role}-subnet`,
                {
                    resourceGroupName: args.resourceGroupName,
                    virtualNetworkName: vnet.name,
                    subnetName: plan.role,
                    addressPrefix: plan.cidr,
                    networkSecurityGroup: { id: nsg.id },
                    natGateway: plan.nat ? { id: nat.id } : undefined,
                    serviceEndpoints: plan.serviceEndpoints.length ? plan.serviceEndpoints.map((service) => ({ service })) : undefined,
                    delegations: plan.delegation ? [plan.delegation] : undefined,
                },
                child,
            ).id;
        }

        // The public IP that faces the Internet: ingress-nginx's load balancer, or the Application Gateway's frontend. Its name is the cluster's FQDN either way.
        // A scoped label puts a hash of the tenant into the FQDN, so once this IP is deleted nobody outside the tenant
        // can claim the name that Traffic Manager and the sign-in redirect URIs point at (PublicIPAddressDnsSettings
        // domainNameLabelScope, Network API 2024-05-01: "an A DNS record ... with a hashed value included in FQDN";
        // TenantReuse gives the same hash to the same name in the same tenant, so a re-created IP keeps its name).
        const ingressIp = staticIp("ingress", { domainNameLabel: ingressDnsLabel(args.namePrefix), domainNameLabelScope: "TenantReuse" });

        this.vnetId = vnet.id;
        this.egressIp = egressIp.ipAddress.apply((ip) => ip ?? "");
        this.ingressIpId = ingressIp.id;
        this.ingressIpName = ingressIp.name;
        this.ingressFqdn = ingressIp.dnsSettings.apply((d) => d?.fqdn ?? "");
        this.registerOutputs({ egressIp: this.egressIp, ingressFqdn: this.ingressFqdn });
    }
}
