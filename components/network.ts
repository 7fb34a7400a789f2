// The region's network: a VNet with one subnet and NSG per node pool and per
// service that joins it (failover function, PostgreSQL, Application Gateway,
// private endpoints), a NAT gateway whose static IP is the region's egress
// address (the peer's storage firewall admits it), and the static public IP
// the edge serves on.
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type * as inputs from "@pulumi/azure-native/types/input";
import { Edge, StackSettings } from "../stacks/configSchema";
import { clusterTypePools, ingressControllerPools } from "./nodePools";
import { PoolRole } from "./sizing";
import { Tags } from "./tags";

export const vnetAddressSpace = "172.16.0.0/16";

/** Subnets for services rather than node pools. */
export type ServiceSubnet = "functions" | "postgres" | "appgateway" | "endpoints";
export type SubnetRole = PoolRole | ServiceSubnet;

const subnetOctet: Record<SubnetRole, number> = { system: 0, kafka: 2, digest: 3, ingress: 4, ingest: 5, ui: 6, functions: 8, postgres: 9, appgateway: 10, endpoints: 11 };

/** One /24 per subnet, pools at the offsets of the vendor's reference network. */
export function subnetCidr(role: SubnetRole): string {
    return `172.16.${subnetOctet[role]}.0/24`;
}

/** Where the internal load balancer of ingress-nginx listens when an Application Gateway fronts it. */
export function internalIngressIp(subnet: PoolRole): string {
    return `172.16.${subnetOctet[subnet]}.250`;
}

const inbound = (name: string, description: string, priority: number, source: string, ports: string[]): inputs.network.SecurityRuleArgs => ({
    name,
    description,
    priority,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: source,
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRanges: ports,
});

/**
 * Inbound rules beyond Azure's defaults (which admit the VNet and Azure's load
 * balancer). The Internet reaches HTTP(S) on whatever faces it: the ingress
 * controller's subnets with edge=nginx, the gateway's subnet with appGateway.
 */
export function nsgRules(role: SubnetRole, ingressPools: PoolRole[], edge: Edge = "nginx"): inputs.network.SecurityRuleArgs[] {
    const https = inbound("allow-https-inbound", "Clients and Traffic Manager probes reach the edge", 100, "Internet", ["80", "443"]);
    if (role === "appgateway") {
        return [https, inbound("allow-gateway-manager", "Application Gateway v2 infrastructure ports", 110, "GatewayManager", ["65200-65535"])];
    }
    return edge === "nginx" && ingressPools.includes(role as PoolRole) ? [https] : [];
}

export interface SubnetPlan {
    role: SubnetRole;
    cidr: string;
    rules: inputs.network.SecurityRuleArgs[];
    /** Egress through the NAT gateway (node pools and the function); Application Gateway subnets cannot have one. */
    nat: boolean;
    serviceEndpoints: string[];
    delegation?: { name: string; serviceName: string };
}

export interface SubnetNeeds {
    /** Every pool of the cluster type, so a DR mode flip never touches the network. */
    pools: PoolRole[];
    ingressPools: PoolRole[];
    edge: Edge;
    keyVault: boolean;
    postgres: boolean;
    privateEndpoints: boolean;
}

/** The region's subnets: what exists, its CIDR, NSG rules, egress and service endpoints. */
export function subnetPlan(n: SubnetNeeds): SubnetPlan[] {
    // Storage and Key Vault firewalls admit subnets through these endpoints.
    const endpoints = n.keyVault ? ["Microsoft.Storage", "Microsoft.KeyVault"] : ["Microsoft.Storage"];
    const plan: SubnetPlan[] = n.pools.map((role) => ({ role, cidr: subnetCidr(role), rules: nsgRules(role, n.ingressPools, n.edge), nat: true, serviceEndpoints: endpoints }));
    // The standby's failover function joins the VNet here to reach the witness blob; it exists in every mode.
    plan.push({ role: "functions", cidr: subnetCidr("functions"), rules: [], nat: true, serviceEndpoints: ["Microsoft.Storage"], delegation: { name: "web-serverfarms", serviceName: "Microsoft.Web/serverFarms" } });
    if (n.postgres) plan.push({ role: "postgres", cidr: subnetCidr("postgres"), rules: [], nat: false, serviceEndpoints: [], delegation: { name: "postgres-flexible-servers", serviceName: "Microsoft.DBforPostgreSQL/flexibleServers" } });
    if (n.edge === "appGateway") {
        plan.push({ role: "appgateway", cidr: subnetCidr("appgateway"), rules: nsgRules("appgateway", n.ingressPools, n.edge), nat: false, serviceEndpoints: n.keyVault ? ["Microsoft.KeyVault"] : [] });
    }
    if (n.privateEndpoints) plan.push({ role: "endpoints", cidr: subnetCidr("endpoints"), rules: [], nat: false, serviceEndpoints: [] });
    return plan;
}

/** The subnets a region's settings call for. */
export function regionSubnets(s: Pick<StackSettings, "logscaleClusterType" | "edge" | "keyVault" | "postgres" | "redis">): SubnetPlan[] {
    return subnetPlan({
        pools: clusterTypePools(s.logscaleClusterType),
        ingressPools: ingressControllerPools(s.logscaleClusterType),
        edge: s.edge,
        keyVault: s.keyVault,
        postgres: s.postgres !== undefined,
        privateEndpoints: s.redis !== undefined,
    });
}

/** DNS label of the edge's public IP: the cluster's own name, <label>.<region>.cloudapp.azure.com. */
export function ingressDnsLabel(namePrefix: string): string {
    return `${namePrefix}-logscale`;
}

export interface NetworkArgs {
    resourceGroupName: pulumi.Input<string>;
    location: string;
    namePrefix: string;
    tags: Tags;
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
        const common = { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags };

        const staticIp = (role: string, dnsSettings?: { domainNameLabel: string }) =>
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

        // The edge's public IP: ingress-nginx's load balancer, or the Application Gateway's frontend. Its name is the cluster's FQDN either way.
        const ingressIp = staticIp("ingress", { domainNameLabel: ingressDnsLabel(args.namePrefix) });

        this.vnetId = vnet.id;
        this.egressIp = egressIp.ipAddress.apply((ip) => ip ?? "");
        this.ingressIpId = ingressIp.id;
        this.ingressIpName = ingressIp.name;
        this.ingressFqdn = ingressIp.dnsSettings.apply((d) => d?.fqdn ?? "");
        this.registerOutputs({ egressIp: this.egressIp, ingressFqdn: this.ingressFqdn });
    }
}
