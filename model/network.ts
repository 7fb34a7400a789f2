// Which subnets a region has, their address ranges, NSG rules, egress and
// service endpoints. None depends on the DR mode: a flip never touches the
// network.
import type * as inputs from "@pulumi/azure-native/types/input";
import { PoolRole } from "../contract";
import { Edge, StackSettings } from "../config/keys";
import { SubnetPlan, SubnetRole } from "../components/network";
import { clusterTypePools, ingressControllerPools } from "./sizing";

const subnetOctet: Record<SubnetRole, number> = { system: 0, kafka: 2, digest: 3, ingress: 4, ingest: 5, ui: 6, functions: 8, postgres: 9, appgateway: 10, endpoints: 11 };

/** One /24 per subnet inside 172.16.0.0/16, pools at the offsets of the vendor's reference network. */
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
 * controller's subnets with edge=envoyGateway, the gateway's subnet with appGateway.
 */
export function nsgRules(role: SubnetRole, ingressPools: PoolRole[], edge: Edge = "envoyGateway"): inputs.network.SecurityRuleArgs[] {
    const https = inbound("allow-https-inbound", "Clients and Traffic Manager probes reach the edge", 100, "Internet", ["80", "443"]);
    if (role === "appgateway") {
        return [https, inbound("allow-gateway-manager", "Application Gateway v2 infrastructure ports", 110, "GatewayManager", ["65200-65535"])];
    }
    return edge === "envoyGateway" && ingressPools.includes(role as PoolRole) ? [https] : [];
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
        postgres: s.postgres,
        privateEndpoints: s.redis,
    });
}
