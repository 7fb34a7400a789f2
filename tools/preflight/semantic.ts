// Rule family 5: combinations the schemas allow but Azure or the ACME flow
// refuses, each with its source. One function per rule, over the recorded
// registrations of one rendering (and the peer's outputs where a rule needs
// them).
import { RecordedResource } from "../offline/engine";
import { arePairedRegions } from "../../config/regions";
import { managed, plainInputs, PreflightInput, Rule, violation, Violation } from "./report";

const ofType = (input: PreflightInput, type: string) => managed(input.resources, type).filter((r) => r.type === type);
const inputsOf = (r: RecordedResource) => plainInputs(r.inputs) as Record<string, any>;

/**
 * Regions with availability zones (Microsoft Learn, "Azure regions with
 * availability zone support", reliability/availability-zones-service-support).
 */
const zoneRegions = new Set([
    "brazilsouth", "canadacentral", "centralus", "eastus", "eastus2", "southcentralus", "westus2", "westus3", "mexicocentral",
    "francecentral", "italynorth", "germanywestcentral", "norwayeast", "northeurope", "uksouth", "westeurope", "swedencentral", "switzerlandnorth", "polandcentral",
    "qatarcentral", "uaenorth", "israelcentral", "southafricanorth",
    "australiaeast", "centralindia", "japaneast", "japanwest", "koreacentral", "southeastasia", "eastasia", "newzealandnorth",
]);

const redisZonesSource =
    "Microsoft Learn: RedisPatch.ZonalAllocationPolicy (unset → Automatic where zones are supported), Enable zone redundancy for Azure Cache for Redis (Allocate zones automatically is the default), Configure passive geo-replication (prerequisite: only one replica per primary per shard)";

/**
 * A geo-replicated Premium cache in a zone-capable region that leaves its
 * zones to Azure. Without zonalAllocationPolicy or zones, API 2024-11-01 sets
 * the policy to Automatic where the region has zones: the cache becomes
 * zone-redundant, its replicas spread over the zones; passive geo-replication
 * needs both caches at one replica per primary per shard, and automatic zone
 * allocation cannot be turned off afterwards. A cache is geo-replicated when
 * a LinkedServer here names it (either end), or when the peer runs a cache too
 * (the pair links them whenever one side is a standby: docs/operations.md, "Redis geo-replication").
 */
export function redisGeoReplicationZones(input: PreflightInput): Violation[] {
    const links = ofType(input, "azure-native:redis:LinkedServer").map(inputsOf);
    const peerRunsCache = typeof input.peerOutputs?.redisCacheId === "string";
    return ofType(input, "azure-native:redis:Redis").flatMap((r) => {
        const i = inputsOf(r);
        const linked = links.some((l) => l.name === i.name || String(l.linkedRedisCacheId ?? "").toLowerCase().endsWith(`/redis/${String(i.name).toLowerCase()}`));
        const automatic = i.zonalAllocationPolicy === "Automatic" || (i.zonalAllocationPolicy === undefined && !(i.zones?.length > 0));
        if (i.sku?.name !== "Premium" || !zoneRegions.has(i.location) || !(linked || peerRunsCache) || !automatic) return [];
        return [violation("semantic.redisGeoReplicationZones", r, "zonalAllocationPolicy", `semantic.redisGeoReplicationZones: a geo-replicated Premium cache in ${i.location} (a region with zones) without an explicit zonalAllocationPolicy or zones becomes zone-redundant (Automatic), which passive geo-replication does not allow`, redisZonesSource)];
    });
}

/**
 * A PostgreSQL replica's promotion sent with createMode Replica. Servers.json
 * 2025-08-01 marks Replica.promoteMode and promoteOption update-only
 * (x-ms-mutability: update) and ServerProperties.replica read/update: they are
 * not create properties. azure-native sends every input on create, so a
 * server registered with them is created with them (re-protection, or a stack
 * rebuilt after losing its region), and a promotion is an update of an
 * existing replica: the request asks to create a replica and promote it at once.
 */
export function postgresPromoteOnCreate(input: PreflightInput): Violation[] {
    return ofType(input, "azure-native:dbforpostgresql:Server").flatMap((r) => {
        const i = inputsOf(r);
        const sent = ["promoteMode", "promoteOption"].filter((k) => i.replica?.[k] !== undefined);
        if (i.createMode !== "Replica" || !sent.length) return [];
        return [violation("semantic.postgresPromoteOnCreate", r, `replica.${sent[0]}`, `semantic.postgresPromoteOnCreate: replica.${sent.join("/")} (update-only) sent with createMode "Replica"`, "Azure REST Servers.json 2025-08-01 #/definitions/Replica (x-ms-mutability: update), ServerProperties.replica (read, update)")];
    });
}

/** What one certificate request holds: its names and its issuer. */
interface TlsRequest {
    resource: RecordedResource;
    property: string;
    hosts: string[];
    issuer: { kind: string; name: string; namespace?: string };
}

/** Certificates, and Ingress TLS entries cert-manager's ingress-shim turns into one Certificate each (cert-manager.io/docs/usage/ingress). */
function tlsRequests(input: PreflightInput): TlsRequest[] {
    const out: TlsRequest[] = [];
    for (const r of ofType(input, "kubernetes:cert-manager.io/v1:Certificate")) {
        const i = inputsOf(r);
        const ref = i.spec?.issuerRef ?? {};
        out.push({ resource: r, property: "spec.dnsNames", hosts: i.spec?.dnsNames ?? [], issuer: { kind: ref.kind ?? "Issuer", name: ref.name, namespace: i.metadata?.namespace } });
    }
    for (const r of ofType(input, "kubernetes:networking.k8s.io/v1:Ingress")) {
        const i = inputsOf(r);
        const annotations = i.metadata?.annotations ?? {};
        const issuer = annotations["cert-manager.io/cluster-issuer"]
            ? { kind: "ClusterIssuer", name: annotations["cert-manager.io/cluster-issuer"] }
            : annotations["cert-manager.io/issuer"]
              ? { kind: "Issuer", name: annotations["cert-manager.io/issuer"], namespace: i.metadata?.namespace }
              : undefined;
        if (!issuer) continue;
        (i.spec?.tls ?? []).forEach((t: any, n: number) => out.push({ resource: r, property: `spec.tls[${n}].hosts`, hosts: t.hosts ?? [], issuer }));
    }
    return out;
}

/** Whether an issuer of the rendering solves ACME challenges over HTTP-01. */
function solvesHttp01(input: PreflightInput, issuer: TlsRequest["issuer"]): boolean {
    return managed(input.resources, "kubernetes:cert-manager.io/v1:").some((r) => {
        const i = inputsOf(r);
        if (i.kind !== issuer.kind || i.metadata?.name !== issuer.name) return false;
        if (issuer.kind === "Issuer" && i.metadata?.namespace !== issuer.namespace) return false;
        return (i.spec?.acme?.solvers ?? []).some((s: any) => s.http01);
    });
}

/**
 * One certificate for several hosts from an HTTP-01 issuer. An ACME order
 * covers every name of the certificate and is issued only if each name's
 * challenge succeeds (RFC 8555 §7.1.6; cert-manager, "ACME Orders and
 * Challenges"). The global name is routed by Traffic Manager to one region
 * only, so the other region's HTTP-01 challenge for it never reaches it: its
 * order fails, and with it the certificate for its own name. One Certificate
 * per host, each from the issuer that can reach it.
 */
export function tlsHostsHttp01(input: PreflightInput): Violation[] {
    return tlsRequests(input)
        .filter((t) => t.hosts.length > 1 && solvesHttp01(input, t.issuer))
        .map((t) =>
            violation(
                "semantic.tlsHostsHttp01",
                t.resource,
                t.property,
                `semantic.tlsHostsHttp01: one certificate for ${t.hosts.length} hosts (${t.hosts.join(", ")}) from the HTTP-01 issuer ${t.issuer.name}: a host whose challenge this region cannot answer fails the whole order`,
                "RFC 8555 §7.1.6; cert-manager docs, ACME Orders and Challenges; cert-manager docs, Annotated Ingress resource (one Certificate per TLS entry)",
            ),
        );
}

/**
 * An AgentPool registered Stopped. AKS creates a pool Running, and a pool can
 * only be stopped once it is Running and provisioned (managedClusters.json
 * 2025-09-01, ManagedClusterAgentPoolProfileProperties.powerState: "When an
 * Agent Pool is first created it is initially Running … can only be stopped if
 * it is Running and provisioning state is Succeeded"): creating it Stopped
 * is refused.
 */
export function agentPoolCreatedStopped(input: PreflightInput): Violation[] {
    return ofType(input, "azure-native:containerservice:AgentPool")
        .filter((r) => inputsOf(r).powerState?.code === "Stopped")
        .map((r) =>
            violation(
                "semantic.agentPoolCreatedStopped",
                r,
                "powerState.code",
                `semantic.agentPoolCreatedStopped: powerState "Stopped" on creation; AKS creates pools Running and stops them only once provisioned`,
                "Azure REST managedClusters.json 2025-09-01 #/definitions/ManagedClusterAgentPoolProfileProperties/properties/powerState",
            ),
        );
}

/**
 * A storage account that admits its peer region by an IP rule alone. IP rules
 * cannot admit "clients in a paired region that are in a virtual network that
 * has a service endpoint" (Microsoft Learn, Azure Storage firewall rules,
 * Restrictions for IP network rules): those requests arrive from private
 * addresses, and only virtual network rules for the peer's subnets admit them.
 * The peer runs this same program, so its subnets have the service endpoints
 * this rendering's have.
 */
export function storagePeerByIpOnly(input: PreflightInput): Violation[] {
    const peer = input.peerOutputs;
    const peerIp = peer?.egressIp;
    if (typeof peerIp !== "string" || typeof peer?.location !== "string") return [];
    const ownSubnets = ofType(input, "azure-native:network:Subnet").map(inputsOf);
    if (!ownSubnets.some((s) => (s.serviceEndpoints ?? []).some((e: any) => e.service === "Microsoft.Storage"))) return [];
    const own = (id: string) => ownSubnets.some((s) => id.toLowerCase().endsWith(`/virtualnetworks/${String(s.virtualNetworkName).toLowerCase()}/subnets/${String(s.subnetName).toLowerCase()}`));
    return ofType(input, "azure-native:storage:StorageAccount").flatMap((r) => {
        const i = inputsOf(r);
        const rules = i.networkRuleSet ?? {};
        const admitsPeerIp = (rules.ipRules ?? []).some((ip: any) => ip.iPAddressOrRange === peerIp);
        const admitsPeerSubnet = (rules.virtualNetworkRules ?? []).some((v: any) => !own(String(v.virtualNetworkResourceId ?? "")));
        if (!admitsPeerIp || admitsPeerSubnet || !arePairedRegions(i.location, String(peer.location))) return [];
        return [
            violation(
                "semantic.storagePeerByIpOnly",
                r,
                "networkRuleSet.ipRules",
                `semantic.storagePeerByIpOnly: admits the peer (${peer.location}, its paired region) by its egress IP ${peerIp} only; with Microsoft.Storage service endpoints the peer's requests come from private addresses and need virtual network rules for its subnets`,
                "Microsoft Learn, Azure Storage firewall rules: Restrictions for IP network rules",
            ),
        ];
    });
}

export const semanticChecks = [redisGeoReplicationZones, postgresPromoteOnCreate, tlsHostsHttp01, agentPoolCreatedStopped, storagePeerByIpOnly];

export function semanticViolations(input: PreflightInput): Violation[] {
    return semanticChecks.flatMap((check) => check(input));
}

export const semanticRules: Rule[] = [
    { id: "semantic.redisGeoReplicationZones", summary: "a geo-replicated Premium cache in a zone-capable region sets zonalAllocationPolicy or zones", source: redisZonesSource },
    { id: "semantic.postgresPromoteOnCreate", summary: "replica.promoteMode/promoteOption are not sent with createMode Replica", source: "Azure REST Servers.json 2025-08-01 (x-ms-mutability)" },
    { id: "semantic.tlsHostsHttp01", summary: "an HTTP-01 certificate holds one host", source: "RFC 8555 §7.1.6; cert-manager docs" },
    { id: "semantic.agentPoolCreatedStopped", summary: "AgentPools are not registered Stopped", source: "Azure REST managedClusters.json 2025-09-01 powerState" },
    { id: "semantic.storagePeerByIpOnly", summary: "a storage account admits its paired-region peer by virtual network rules, not an IP rule alone", source: "Microsoft Learn, Azure Storage firewall rules" },
];
