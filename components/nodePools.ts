// Which AKS node pools a region runs, and at what size: decided by cluster
// type, cluster size and DR mode. Pure functions; the AKS component wires them.
import { ClusterType, DrMode } from "../stacks/configSchema";
import { ClusterSize, clusterSizes, NodePoolSize, PoolRole } from "./sizing";

/** AKS pool name and the `k8s-app` label workloads select nodes by. */
export const poolIdentity: Record<PoolRole, { name: string; label: string }> = {
    system: { name: "system", label: "support" },
    kafka: { name: "kafka", label: "strimzi" },
    digest: { name: "digest", label: "logscale-digest" },
    ingress: { name: "ingress", label: "logscale-ingress" },
    ui: { name: "ui", label: "logscale-ui" },
    ingest: { name: "ingest", label: "logscale-ingest" },
};

const poolsOfType: Record<ClusterType, PoolRole[]> = {
    basic: ["system", "kafka", "digest"],
    ingress: ["system", "kafka", "digest", "ingress"],
    "dedicated-ui": ["system", "kafka", "digest", "ingress", "ui"],
    advanced: ["system", "kafka", "digest", "ingress", "ui", "ingest"],
};

/** Pools a standby keeps: enough to hold Kafka and recover one digest node. */
export const standbyNodePools: readonly PoolRole[] = ["system", "kafka", "digest"];

/** Every pool the cluster type can run, whatever the DR mode (subnets exist for all of them). */
export function clusterTypePools(type: ClusterType): PoolRole[] {
    return poolsOfType[type];
}

/** The pools that run in this DR mode. */
export function activeNodePools(type: ClusterType, dr: DrMode): PoolRole[] {
    const pools = clusterTypePools(type);
    return dr === "standby" ? pools.filter((p) => standbyNodePools.includes(p)) : pools;
}

export type StandbyTier = "warm" | "cold";

export interface NodePoolPlan extends NodePoolSize {
    role: PoolRole;
    name: string;
    label: string;
    mode: "System" | "User";
    /** A cold standby's user pools are created stopped; the failover function starts them. */
    powerState: "Running" | "Stopped";
}

/**
 * Pools with their sizes. A standby's digest pool holds the single recovery
 * node; promotion grows it to the production count.
 */
export function nodePoolPlan(type: ClusterType, size: ClusterSize, dr: DrMode, tier: StandbyTier = "warm"): NodePoolPlan[] {
    return activeNodePools(type, dr).map((role) => {
        const production = clusterSizes[size].nodePools[role];
        const sized = dr === "standby" && role === "digest" ? { ...production, minCount: 1, count: 1 } : production;
        const mode = role === "system" ? "System" : "User";
        const powerState = dr === "standby" && tier === "cold" && mode === "User" ? "Stopped" : "Running";
        return { ...sized, role, ...poolIdentity[role], mode, powerState };
    });
}

/** Pools whose nodes may run the ingress controller: the ingress pool when the type has one, and the system pool. */
export function ingressControllerPools(type: ClusterType): PoolRole[] {
    return clusterTypePools(type).filter((p) => p === "system" || p === "ingress");
}
