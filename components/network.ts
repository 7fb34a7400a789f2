// The region's network: a VNet with one subnet and NSG per node pool, a NAT
// gateway whose static IP is the region's egress address (the peer's storage
// firewall admits it), and the static public IP the ingress controller serves on.
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import type * as inputs from "@pulumi/azure-native/types/input";
import { PoolRole } from "./sizing";
import { Tags } from "./tags";

export const vnetAddressSpace = "172.16.0.0/16";

const subnetOctet: Record<PoolRole, number> = { system: 0, kafka: 2, digest: 3, ingress: 4, ingest: 5, ui: 6 };

/** One /24 per pool, at the offsets of the vendor's reference network. */
export function subnetCidr(role: PoolRole): string {
    return `172.16.${subnetOctet[role]}.0/24`;
}

/** Subnet for Azure Functions VNet integration (delegated to Microsoft.Web/serverFarms). */
export const functionsSubnetCidr = "172.16.8.0/24";

/** Inbound rules beyond Azure's defaults: HTTP(S) from the Internet where the ingress controller can run. */
export function nsgRules(role: PoolRole | "functions", ingressPools: PoolRole[]): inputs.network.SecurityRuleArgs[] {
    if (!ingressPools.includes(role as PoolRole)) return [];
    return [
        {
            name: "allow-https-inbound",
            description: "Clients and Traffic Manager probes reach the ingress controller",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: "Internet",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            destinationPortRanges: ["80", "443"],
        },
    ];
}

/** DNS label of the ingress IP: the cluster's own name, <label>.<region>.cloudapp.azure.com. */
export function ingressDnsLabel(namePrefix: string): string {
    return `${namePrefix}-logscale`;
}

export interface NetworkArgs {
    resourceGroupName: pulumi.Input<string>;
    location: string;
    namePrefix: string;
    tags: Tags;
    /** Pools to make subnets for: every pool of the cluster type, so a DR mode flip never touches the network. */
    pools: PoolRole[];
    /** Pools whose subnets admit HTTP(S) from the Internet. */
    ingressPools: PoolRole[];
}

export class Network extends pulumi.ComponentResource {
    readonly subnetIds: Partial<Record<PoolRole, pulumi.Output<string>>>;
    readonly functionsSubnetId: pulumi.Output<string>;
    readonly egressIp: pulumi.Output<string>;
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

        const subnet = (role: PoolRole | "functions", addressPrefix: string, extra: Partial<network.SubnetArgs> = {}) => {
            const nsg = new network.NetworkSecurityGroup(
                `${name}-${role}-nsg`,
                { ...common, networkSecurityGroupName: `${args.namePrefix}-${role}-nsg`, securityRules: nsgRules(role, args.ingressPools) },
                child,
            );
            return new network.Subnet(
                `${name}-${role}-subnet`,
                {
                    resourceGroupName: args.resourceGroupName,
                    virtualNetworkName: vnet.name,
                    subnetName: role,
                    addressPrefix,
                    networkSecurityGroup: { id: nsg.id },
                    natGateway: { id: nat.id },
                    // The storage firewall admits the subnets through this endpoint.
                    serviceEndpoints: [{ service: "Microsoft.Storage" }],
                    ...extra,
                },
                child,
            ).id;
        };
        this.subnetIds = {};
        for (const role of args.pools) this.subnetIds[role] = subnet(role, subnetCidr(role));
        // The standby's failover function joins the VNet here to reach the witness blob; it exists in every mode.
        this.functionsSubnetId = subnet("functions", functionsSubnetCidr, { delegations: [{ name: "web-serverfarms", serviceName: "Microsoft.Web/serverFarms" }] });

        const ingressIp = staticIp("ingress", { domainNameLabel: ingressDnsLabel(args.namePrefix) });

        this.egressIp = egressIp.ipAddress.apply((ip) => ip ?? "");
        this.ingressIpName = ingressIp.name;
        this.ingressFqdn = ingressIp.dnsSettings.apply((d) => d?.fqdn ?? "");
        this.registerOutputs({ egressIp: this.egressIp, ingressFqdn: this.ingressFqdn });
    }
}
