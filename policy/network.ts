// Network exposure of the Azure services: firewalls that deny by default and
// admit narrow ranges, no public endpoints for the databases, an AKS API
// server reachable from named ranges only with network policy enforced, no
// management ports open to the Internet, and public DNS labels nobody else can
// claim.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf, isPrivateIpv4, moreTypes, ofType, parseIpv4Range, types } from "./facts";

/** What is wrong with an allow rule's range, or undefined when it is narrow enough. */
function broadRange(range: unknown, minPrefixLength: number): string | undefined {
    const parsed = parseIpv4Range(range);
    if (!parsed) return `${JSON.stringify(range)} is not an IPv4 address or CIDR range`;
    if (parsed.prefix < minPrefixLength) return `${range} spans a /${parsed.prefix}; the widest allowed is a /${minPrefixLength}`;
    if (isPrivateIpv4(parsed.address)) return `${range} is a private range, which a public firewall rule cannot match (use a virtual network rule)`;
    return undefined;
}

/**
 * Storage IP rules take an IPv4 address or CIDR range ("Only IPV4 address is
 * allowed": Azure SDK IPRule / StorageAccountIPRule); a rule as wide as
 * 0.0.0.0/0 admits the Internet past a Deny default. Key Vault's networkAcls
 * ipRules work the same way.
 */
/** The widest range a rule may admit by default: the limit config puts on deployerIpRanges (config/formats.ts widestStorageIpRange; the pack imports nothing of the program, a test keeps the two equal). */
export const defaultMinPrefixLength = 16;

export const firewallIpRulesNarrow: ResourceValidationPolicy = {
    name: "firewall-ip-rules-narrow",
    description:
        "The IP rules of storage and Key Vault firewalls admit single public addresses or narrow public ranges (at most a /16 by default), never 0.0.0.0/0 or another range that lets the Internet past a Deny default, and never private ranges, which those firewalls cannot match.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minPrefixLength: { type: "integer", default: defaultMinPrefixLength, description: "Shortest CIDR prefix an IP rule may have." } } },
    validateResource: [
        (args, report) => {
            if (args.type !== types.storageAccount) args.notApplicable("applies to storage accounts");
            const { minPrefixLength } = configOf(args, { minPrefixLength: defaultMinPrefixLength });
            for (const rule of args.props.networkRuleSet?.ipRules ?? []) {
                const problem = broadRange(rule.iPAddressOrRange, minPrefixLength);
                if (problem) report(`networkRuleSet.ipRules: ${problem}.`);
            }
        },
        (args, report) => {
            if (args.type !== types.keyVault) args.notApplicable("applies to Key Vaults");
            const { minPrefixLength } = configOf(args, { minPrefixLength: defaultMinPrefixLength });
            for (const rule of args.props.properties?.networkAcls?.ipRules ?? []) {
                const problem = broadRange(rule.value, minPrefixLength);
                if (problem) report(`properties.networkAcls.ipRules: ${problem}.`);
            }
        },
    ],
};

export const keyVaultFirewallDeny: ResourceValidationPolicy = {
    name: "key-vault-firewall-default-deny",
    description:
        "Key Vault firewalls deny by default (properties.networkAcls.defaultAction Deny) and admit only named subnets and addresses: the vault holds the storage key, the encryption key and the PostgreSQL password.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.keyVault, (props, report) => {
        if (props.properties?.networkAcls?.defaultAction !== "Deny") report("properties.networkAcls.defaultAction must be Deny.");
    }),
};

/**
 * Authorized IP ranges limit who reaches a public API server (Microsoft
 * Learn, "Secure access to the API server using authorized IP address ranges
 * in AKS"); a private cluster has no public endpoint at all, and the two
 * cannot be combined.
 */
export const aksAuthorizedRanges: ResourceValidationPolicy = {
    name: "aks-api-server-authorized-ranges",
    description:
        "The AKS API server is private, or public only to authorized IP ranges (apiServerAccessProfile.authorizedIPRanges, none wider than a /16 by default and never 0.0.0.0/0): the control plane holds every Kubernetes Secret of the region.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { minPrefixLength: { type: "integer", default: defaultMinPrefixLength, description: "Shortest CIDR prefix an authorized range may have." } } },
    validateResource: (args, report) => {
        if (args.type !== types.managedCluster) args.notApplicable("applies to AKS clusters");
        const { minPrefixLength } = configOf(args, { minPrefixLength: defaultMinPrefixLength });
        const access = args.props.apiServerAccessProfile ?? {};
        if (access.enablePrivateCluster === true) return;
        const ranges: unknown[] = access.authorizedIPRanges ?? [];
        if (!ranges.length) return report("the API server is public with no apiServerAccessProfile.authorizedIPRanges; authorize the operators' and pipelines' ranges or make the cluster private.");
        for (const range of ranges) {
            const parsed = parseIpv4Range(range);
            if (!parsed) report(`authorized range ${JSON.stringify(range)} is not an IPv4 address or CIDR range.`);
            else if (parsed.prefix < minPrefixLength) report(`authorized range ${range} spans a /${parsed.prefix}; the widest allowed is a /${minPrefixLength}.`);
        }
    },
};

/** "Network policies will not be enforced. This is the default value when NetworkPolicy is not specified" (AKS networkProfile.networkPolicy none). */
const enforcingNetworkPolicies = ["azure", "calico", "cilium"];

export const aksNetworkPolicyEnforced: ResourceValidationPolicy = {
    name: "aks-network-policy-enforced",
    description:
        "AKS runs a network policy engine (networkProfile.networkPolicy azure, calico or cilium): without one every NetworkPolicy the cluster holds is silently ignored and any pod reaches Kafka, LogScale and the operators.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.managedCluster, (props, report) => {
        const engine = props.networkProfile?.networkPolicy;
        if (!enforcingNetworkPolicies.includes(engine)) report(`networkProfile.networkPolicy is ${JSON.stringify(engine)}; it must be one of ${enforcingNetworkPolicies.join(", ")}.`);
    }),
};

/**
 * A flexible server's publicNetworkAccess Enabled lets the Internet connect
 * past its firewall rules; VNet-integrated servers (a delegated subnet) have
 * none (Microsoft Learn, PostgreSqlFlexibleServerPublicNetworkAccessState).
 */
export const postgresNoPublicAccess: ResourceValidationPolicy = {
    name: "postgres-no-public-network-access",
    description:
        "PostgreSQL flexible servers are reachable from their virtual network only: network.publicNetworkAccess Disabled or a delegated subnet, and no firewall rule admitting the whole Internet.",
    enforcementLevel: "mandatory",
    validateResource: [
        ofType(types.postgresServer, (props, report) => {
            const network = props.network ?? {};
            if (network.publicNetworkAccess === "Enabled") report("network.publicNetworkAccess is Enabled; it must be Disabled.");
            else if (network.publicNetworkAccess !== "Disabled" && !network.delegatedSubnetResourceId) report("the server has neither a delegated subnet nor network.publicNetworkAccess Disabled.");
        }),
        ofType(moreTypes.postgresFirewallRule, (props, report) => {
            const start = parseIpv4Range(props.startIpAddress);
            const end = parseIpv4Range(props.endIpAddress);
            if (start && end && start.address[0] === 0 && end.address[0] === 255) report(`firewall rule ${props.firewallRuleName} admits ${props.startIpAddress}-${props.endIpAddress}.`);
        }),
    ],
};

export const redisNoPublicAccess: ResourceValidationPolicy = {
    name: "redis-no-public-network-access",
    description: "Redis is reachable through its private endpoint only (publicNetworkAccess Disabled): an Internet-facing cache exposes every session and cached value to whoever has a key.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.redis, (props, report) => {
        if (props.publicNetworkAccess !== "Disabled") report(`publicNetworkAccess is ${JSON.stringify(props.publicNetworkAccess)}; it must be Disabled.`);
    }),
};

const internetSources = new Set(["*", "internet", "any", "0.0.0.0/0", "0.0.0.0", "::/0"]);

/** Whether a port, range ("20-25") or "*" includes `port`. */
function coversPort(spec: unknown, port: number): boolean {
    const s = String(spec ?? "").trim();
    if (s === "*") return true;
    const m = /^(\d+)(?:-(\d+))?$/.exec(s);
    return !!m && Number(m[1]) <= port && port <= Number(m[2] ?? m[1]);
}

function exposedPorts(rule: Record<string, any>, ports: number[]): number[] {
    const p = rule.properties ?? rule;
    if (p.direction !== "Inbound" || p.access !== "Allow" || !["tcp", "*", "any"].includes(String(p.protocol ?? "").toLowerCase())) return [];
    const sources = [p.sourceAddressPrefix, ...(p.sourceAddressPrefixes ?? [])].filter((s) => s !== undefined).map((s) => String(s).toLowerCase());
    if (!sources.some((s) => internetSources.has(s))) return [];
    const destinations = [p.destinationPortRange, ...(p.destinationPortRanges ?? [])].filter((d) => d !== undefined);
    return ports.filter((port) => destinations.some((d) => coversPort(d, port)));
}

// Microsoft Defender for Cloud: "Management ports should be closed on your
// virtual machines"; SSH (22) and RDP (3389) open to the Internet are scanned
// and brute-forced within hours.
export const nsgNoManagementPorts: ResourceValidationPolicy = {
    name: "nsg-no-management-ports-from-internet",
    description:
        "No network security group rule admits SSH (22) or RDP (3389) from the Internet (`*`, Internet, 0.0.0.0/0): the nodes are reached through the Kubernetes API with Entra ID, never by a management port open to scanners.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ports: { type: "array", items: { type: "integer" }, default: [22, 3389], description: "Management ports that must stay closed to the Internet." } } },
    validateResource: [
        (args, report) => {
            if (args.type !== moreTypes.networkSecurityGroup) args.notApplicable("applies to network security groups");
            const { ports } = configOf(args, { ports: [22, 3389] });
            for (const rule of args.props.securityRules ?? []) {
                const open = exposedPorts(rule, ports);
                if (open.length) report(`rule ${rule.name} admits port ${open.join(", ")} from the Internet.`);
            }
        },
        (args, report) => {
            if (args.type !== moreTypes.securityRule) args.notApplicable("applies to security rules");
            const { ports } = configOf(args, { ports: [22, 3389] });
            const open = exposedPorts(args.props, ports);
            if (open.length) report(`rule ${args.props.securityRuleName ?? args.name} admits port ${open.join(", ")} from the Internet.`);
        },
    ],
};

/**
 * A public IP's DNS label without domainNameLabelScope is the bare
 * <label>.<region>.cloudapp.azure.com: once the IP is deleted anyone can
 * claim it ("Unsecure … not secured against subdomain takeover"; Microsoft
 * Learn, DnsNameLabelReusePolicy and PublicIPAddressDnsSettingsDomainNameLabelScope).
 * Traffic Manager and the sign-in redirect URIs point at that name.
 */
export const publicIpDnsLabelScoped: ResourceValidationPolicy = {
    name: "public-ip-dns-label-scoped",
    description:
        "A public IP with a DNS label sets dnsSettings.domainNameLabelScope (TenantReuse, SubscriptionReuse, ResourceGroupReuse or NoReuse), so the cloudapp.azure.com name Traffic Manager and the sign-in redirect URIs point at cannot be claimed by another tenant once the IP is deleted.",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.publicIp, (props, report) => {
        const dns = props.dnsSettings ?? {};
        if (dns.domainNameLabel && !["TenantReuse", "SubscriptionReuse", "ResourceGroupReuse", "NoReuse"].includes(dns.domainNameLabelScope)) {
            report(`DNS label ${dns.domainNameLabel} has no dnsSettings.domainNameLabelScope; another tenant could claim the name once this IP is gone.`);
        }
    }),
};

export const networkPolicies = [
    firewallIpRulesNarrow,
    keyVaultFirewallDeny,
    aksAuthorizedRanges,
    aksNetworkPolicyEnforced,
    postgresNoPublicAccess,
    redisNoPublicAccess,
    nsgNoManagementPorts,
    publicIpDnsLabelScoped,
];
