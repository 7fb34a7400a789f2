// What a region's AKS node pools ask of the subscription's vCPU quotas, so the
// quota is in place before `pulumi up` (and before a failover scales a standby
// up). Azure counts the vCPUs of virtual machines and scale sets twice, per
// subscription and region: against the VM size's family and against the
// "Total Regional vCPUs" (usage name `cores`); a deployment that would exceed
// either is refused (Microsoft Learn, "Virtual machine vCPU quotas",
// learn.microsoft.com/azure/virtual-machines/quotas; MicrosoftDocs/azure-docs
// articles/virtual-machines/quotas.md, `az vm list-usage` output). Allocated
// and deallocated VMs both count, so a stopped pool needs its quota too.
// Pure functions: the offline plan feeds them the rendered pools.

/** One VM size as the quota system sees it. */
export interface VmSize {
    /** The usage name of its family's quota (`az vm list-usage`: name.value; Microsoft.Compute/skus: family). */
    family: string;
    /** The same quota as the portal and `az vm list-usage -o table` name it (name.localizedValue). */
    familyName: string;
    vCpus: number;
}

/**
 * The VM sizes the program's node pools use (model/sizing.ts), and only those.
 * Family and vCPUs are Azure's resource SKU data (Microsoft.Compute/skus:
 * `family`, capability `vCPUs`) as microsoft/aspire generates it into
 * src/Aspire.Hosting.Azure.Kubernetes/AksNodeVmSizes.Generated.cs (tools/GenVmSizes.cs);
 * the families' display names are `az vm list-usage` output (MicrosoftDocs/azure-docs
 * articles/virtual-machines/quotas.md and the Azure CycleCloud tutorial's listing).
 */
export const vmSizes: Readonly<Record<string, VmSize>> = {
    Standard_F4s_v2: { family: "standardFSv2Family", familyName: "Standard FSv2 Family vCPUs", vCpus: 4 },
    Standard_F8s_v2: { family: "standardFSv2Family", familyName: "Standard FSv2 Family vCPUs", vCpus: 8 },
    Standard_L8s_v3: { family: "standardLSv3Family", familyName: "Standard LSv3 Family vCPUs", vCpus: 8 },
    Standard_L16s_v3: { family: "standardLSv3Family", familyName: "Standard LSv3 Family vCPUs", vCpus: 16 },
    Standard_E4_v5: { family: "standardEv5Family", familyName: "Standard Ev5 Family vCPUs", vCpus: 4 },
};

/** The regional quota every family's vCPUs also count against. */
export const totalRegionalQuota = { name: "cores", displayName: "Total Regional vCPUs" } as const;

export function vmSize(name: string): VmSize {
    const size = vmSizes[name];
    if (!size) throw new Error(`VM size "${name}" has no vCPU quota family in model/capacity.ts (known: ${Object.keys(vmSizes).join(", ")}); add its family and vCPUs from Microsoft.Compute/skus`);
    return size;
}

/** A node pool as AKS declares it (an AgentPool's inputs, or a cluster's agent pool profile). */
export interface PoolDeclaration {
    name: string;
    vmSize: string;
    count: number;
    maxCount?: number;
    enableAutoScaling?: boolean;
    /** upgradeSettings.maxSurge: a node count ("5") or a percentage of the pool ("33%"). */
    maxSurge?: string;
}

/** The most nodes a pool can run: its autoscaler's maximum, or its fixed count. */
export function maximumNodes(pool: PoolDeclaration): number {
    return pool.enableAutoScaling ? (pool.maxCount ?? pool.count) : pool.count;
}

/**
 * The extra nodes an upgrade of the pool adds at its maximum size: a node
 * count, or a percentage of the pool's size at the time with fractional nodes
 * rounded up (AKS upgradeSettings.maxSurge; Microsoft Learn, Az.Aks MaxSurge).
 * Surge nodes need quota like any other (Microsoft Learn, "Capacity and cost
 * planning for Azure Kubernetes Service (AKS) upgrades").
 */
export function surgeNodes(pool: PoolDeclaration): number {
    const surge = pool.maxSurge;
    if (surge === undefined) throw new Error(`node pool ${pool.name} declares no upgradeSettings.maxSurge, so its upgrade surge is not known`);
    const percent = /^(\d+)%$/.exec(surge);
    if (percent) return Math.ceil((maximumNodes(pool) * Number(percent[1])) / 100);
    if (/^\d+$/.test(surge)) return Number(surge);
    throw new Error(`node pool ${pool.name}: upgradeSettings.maxSurge "${surge}" is neither a node count nor a percentage`);
}

export interface PoolDemand {
    pool: string;
    vmSize: string;
    vCpusPerNode: number;
    maximumNodes: number;
    surgeNodes: number;
}

/** One quota and the vCPUs the pools need from it: at their maximum, and while an upgrade surges every pool at once. */
export interface QuotaDemand {
    name: string;
    displayName: string;
    atMaximum: number;
    duringUpgrade: number;
    pools: PoolDemand[];
}

/** Each VM family's quota the pools draw on (by name), then the regional total. */
export function quotaDemand(pools: PoolDeclaration[]): QuotaDemand[] {
    const demands = pools.map((p): PoolDemand & { size: VmSize } => {
        const size = vmSize(p.vmSize);
        return { pool: p.name, vmSize: p.vmSize, vCpusPerNode: size.vCpus, maximumNodes: maximumNodes(p), surgeNodes: surgeNodes(p), size };
    });
    const quota = (name: string, displayName: string, of: typeof demands): QuotaDemand => ({
        name,
        displayName,
        atMaximum: of.reduce((n, d) => n + d.maximumNodes * d.vCpusPerNode, 0),
        duringUpgrade: of.reduce((n, d) => n + (d.maximumNodes + d.surgeNodes) * d.vCpusPerNode, 0),
        pools: of.map(({ size: _size, ...d }) => d),
    });
    const families = [...new Set(demands.map((d) => d.size.family))].sort();
    return [
        ...families.map((f) => {
            const of = demands.filter((d) => d.size.family === f);
            return quota(f, of[0].size.familyName, of);
        }),
        quota(totalRegionalQuota.name, totalRegionalQuota.displayName, demands),
    ];
}
