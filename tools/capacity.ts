// Capacity before you deploy, read from a stack's rendering: the vCPU quota
// its AKS node pools need (model/capacity.ts), also at production size when the
// rendering runs fewer pools (a standby that a failover promotes), and the
// resource providers the subscription must have registered for what it deploys.
import { agentPoolSettings } from "../components/aks";
import { ClusterSize, ClusterType } from "../config/keys";
import { PoolDeclaration, quotaDemand, QuotaDemand } from "../model/capacity";
import { productionNodePools } from "../model/sizing";
import { Rendering } from "./offline/engine";
import { restProviderNamespace } from "./preflight/azureRest";

/**
 * The resource provider namespace of an azure-native type the program deploys:
 * the one in its REST path where the REST definitions cover it
 * (tools/preflight/azureRest.ts), else this list, for the types they lack
 * (Azure/azure-rest-api-specs paths; resource groups are Azure Resource
 * Manager's own, Microsoft.Resources). test/unit/capacity.spec.ts
 * checks that every type components/ and stacks/ create has one.
 */
export const uncoveredTypes: Readonly<Record<string, string>> = {
    "azure-native:resources:ResourceGroup": "Microsoft.Resources",
    // specification/resources/…/Microsoft.Authorization/stable/2020-05-01/locks.json: /{scope}/providers/Microsoft.Authorization/locks/{lockName}
    "azure-native:authorization:ManagementLockByScope": "Microsoft.Authorization",
    // specification/monitor/…/Microsoft.Insights: /{resourceUri}/providers/Microsoft.Insights/diagnosticSettings/{name}
    "azure-native:monitor:DiagnosticSetting": "Microsoft.Insights",
    // specification/storage/…/Microsoft.Storage/stable/2024-01-01/blob.json and storage.json: …/storageAccounts/{accountName}/blobServices/default, …/managementPolicies/default
    "azure-native:storage:BlobServiceProperties": "Microsoft.Storage",
    "azure-native:storage:ManagementPolicy": "Microsoft.Storage",
};

/** The provider namespace an azure-native type is deployed through; an unknown type is an error, never a guess. */
export function providerNamespace(type: string): string {
    const ns = restProviderNamespace(type) ?? uncoveredTypes[type];
    if (!ns) throw new Error(`${type} has no resource provider namespace: neither the REST definitions (tools/preflight/azureRest.ts) nor tools/capacity.ts know it`);
    return ns;
}

/**
 * Registered in every subscription from the start (Microsoft Learn, "Resource
 * providers for Azure services", "registered by default"; MicrosoftDocs/azure-docs
 * articles/azure-resource-manager/management/azure-services-resource-providers.md).
 */
const registeredByDefault = new Set(["Microsoft.Authorization", "Microsoft.Resources"]);

export interface ResourceProviders {
    /** What `az provider register --namespace <name>` must have run for, each with why. */
    register: Array<{ namespace: string; for: string[] }>;
    registeredByDefault: string[];
}

/**
 * The providers a rendering deploys through, and those Azure uses on its
 * behalf: AKS runs each node pool as a virtual machine scale set (the pools'
 * `type: VirtualMachineScaleSets`), a Microsoft.Compute resource whose vCPUs
 * count against Microsoft.Compute's quotas (model/capacity.ts).
 */
export function resourceProviders(rendering: Rendering): ResourceProviders {
    const uses = new Map<string, Set<string>>();
    const use = (ns: string, what: string) => uses.set(ns, (uses.get(ns) ?? new Set()).add(what));
    for (const r of rendering.resources) {
        if (!r.type.startsWith("azure-native:") || r.read) continue;
        use(providerNamespace(r.type), r.type.slice("azure-native:".length));
        if (r.type === "azure-native:containerservice:ManagedCluster") use("Microsoft.Compute", "AKS node pools (virtual machine scale sets)");
    }
    const namespaces = [...uses.keys()].sort((a, b) => a.localeCompare(b));
    return {
        register: namespaces.filter((ns) => !registeredByDefault.has(ns)).map((ns) => ({ namespace: ns, for: [...uses.get(ns)!].sort() })),
        registeredByDefault: namespaces.filter((ns) => registeredByDefault.has(ns)),
    };
}

/** A pool from its AKS settings (an AgentPool's inputs, an agent pool profile). */
const declared = (name: string, i: Record<string, any>): PoolDeclaration => ({
    name,
    vmSize: i.vmSize,
    count: i.count,
    maxCount: i.maxCount,
    enableAutoScaling: i.enableAutoScaling,
    maxSurge: i.upgradeSettings?.maxSurge,
});

/** Every node pool a rendering declares: the cluster's inline profiles and its AgentPool resources. */
export function renderedPools(rendering: Rendering): PoolDeclaration[] {
    return rendering.resources.flatMap((r) => {
        const i = r.inputs as Record<string, any>;
        if (r.type === "azure-native:containerservice:ManagedCluster") return (i.agentPoolProfiles ?? []).map((p: Record<string, any>) => declared(p.name, p));
        if (r.type === "azure-native:containerservice:AgentPool") return [declared(i.agentPoolName, i)];
        return [];
    });
}

/** The pools of a cluster type and size as an active region declares them (the region plan's production pools). */
export function productionPools(type: ClusterType, size: ClusterSize): PoolDeclaration[] {
    return productionNodePools(type, size).map((p) => declared(p.name, agentPoolSettings(p, "", {}, [])));
}

/** A stack's `capacity` in its plan document. */
export interface StackCapacity {
    location: string;
    /** Each VM family's quota the pools draw on, then Total Regional vCPUs (`cores`). */
    vcpuQuotas: QuotaDemand[];
    /** The same at production size, where the rendered pools are fewer or smaller (a standby, which a failover promotes); else null. */
    promotedVcpuQuotas: QuotaDemand[] | null;
    resourceProviders: ResourceProviders;
}

export function stackCapacity(rendering: Rendering, location: string, type: ClusterType, size: ClusterSize): StackCapacity {
    const vcpuQuotas = quotaDemand(renderedPools(rendering));
    const promoted = quotaDemand(productionPools(type, size));
    const regional = (q: QuotaDemand[]) => q[q.length - 1].atMaximum;
    return {
        location,
        vcpuQuotas,
        promotedVcpuQuotas: regional(promoted) > regional(vcpuQuotas) ? promoted : null,
        resourceProviders: resourceProviders(rendering),
    };
}

const quotaList = (quotas: QuotaDemand[], figure: "atMaximum" | "duringUpgrade") => quotas.map((q) => `${q.name} ${q[figure]}`).join(", ");

/** The capacity block under a stack's plan: vCPUs per quota at the pools' maximum, and the providers to register. */
export function capacityText(c: StackCapacity): string {
    const width = Math.max(...c.vcpuQuotas.map((q) => q.name.length));
    const rows = c.vcpuQuotas.map((q) => {
        const pools = q.name === "cores" ? "" : `  (${q.pools.map((p) => `${p.pool} ${p.maximumNodes} × ${p.vmSize}`).join(", ")})`;
        return `  ${q.name.padEnd(width)}  ${String(q.atMaximum).padStart(4)}  ${q.displayName}${pools}`;
    });
    const lines = [
        `Capacity (${c.location}): vCPUs the node pools need at their maximum (az vm list-usage --location ${c.location}):`,
        ...rows,
        `  during an upgrade, every pool surging at once: ${quotaList(c.vcpuQuotas, "duringUpgrade")}`,
    ];
    if (c.promotedVcpuQuotas) {
        lines.push(`  promoted by a failover, at production size: ${quotaList(c.promotedVcpuQuotas, "atMaximum")}`);
        lines.push(`  promoted, during an upgrade: ${quotaList(c.promotedVcpuQuotas, "duringUpgrade")}`);
    }
    const p = c.resourceProviders;
    lines.push(`Resource providers to register: ${p.register.map((r) => r.namespace).join(", ")}${p.registeredByDefault.length ? ` (registered by default: ${p.registeredByDefault.join(", ")})` : ""}`);
    return lines.join("\n");
}
