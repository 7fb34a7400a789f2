// What a cluster type and size mean: which AKS node pools exist, their VM
// sizes and counts, and the pods each workload runs. Figures follow the
// vendor's Azure reference architecture (v2) for xsmall and its sizing
// template for small.
import { DedicatedRole, PoolRole } from "../contract";
import { ClusterSize, ClusterType } from "../config/keys";
import { NodePlan } from "../components/aks";
import { NodePoolSize, PodSize } from "../components/sizes";

export interface ClusterSizeSpec {
    kafkaBrokers: PodSize;
    digest: PodSize;
    ui: PodSize;
    ingest: PodSize;
    ingressController: { replicas: number; cpu: string; memory: string };
}

const pool = (vmSize: string, minCount: number, maxCount: number, count: number): NodePoolSize => ({ vmSize, minCount, maxCount, count, osDiskSizeGB: 40 });
const pod = (count: number, cpu: string, memory: string, disk: string): PodSize => ({ count, cpu, memory, disk });

// One row per pool or workload, one column per size: the vendor's tables read the same way.
const poolSizes: Record<PoolRole, Record<ClusterSize, NodePoolSize>> = {
    system: { xsmall: pool("Standard_F4s_v2", 2, 5, 2), small: pool("Standard_F4s_v2", 2, 5, 3) },
    kafka: { xsmall: pool("Standard_L8s_v3", 3, 5, 3), small: pool("Standard_E4_v5", 5, 15, 5) },
    digest: { xsmall: pool("Standard_L8s_v3", 3, 3, 3), small: pool("Standard_L16s_v3", 6, 15, 6) },
    ingress: { xsmall: pool("Standard_F4s_v2", 2, 3, 2), small: pool("Standard_F4s_v2", 3, 21, 3) },
    ui: { xsmall: pool("Standard_L8s_v3", 1, 3, 2), small: pool("Standard_E4_v5", 3, 9, 3) },
    ingest: { xsmall: pool("Standard_L8s_v3", 3, 5, 3), small: pool("Standard_F8s_v2", 6, 21, 6) },
};
const podSizes: Record<"kafkaBrokers" | "digest" | "ui" | "ingest", Record<ClusterSize, PodSize>> = {
    kafkaBrokers: { xsmall: pod(3, "1", "2Gi", "24Gi"), small: pod(5, "3", "24Gi", "1024Gi") },
    digest: { xsmall: pod(3, "2", "4Gi", "50Gi"), small: pod(6, "14", "100Gi", "3000Gi") },
    ui: { xsmall: pod(2, "3", "24Gi", "60Gi"), small: pod(3, "3", "24Gi", "128Gi") },
    ingest: { xsmall: pod(3, "6", "10Gi", "60Gi"), small: pod(6, "6", "10Gi", "60Gi") },
};
const ingressControllerSizes: Record<ClusterSize, ClusterSizeSpec["ingressController"]> = {
    xsmall: { replicas: 2, cpu: "1", memory: "1Gi" },
    small: { replicas: 3, cpu: "2", memory: "2Gi" },
};

/** The pods each workload runs at a cluster size (its node pools: productionNodePools). */
export function clusterSizeSpec(size: ClusterSize): ClusterSizeSpec {
    return {
        kafkaBrokers: podSizes.kafkaBrokers[size],
        digest: podSizes.digest[size],
        ui: podSizes.ui[size],
        ingest: podSizes.ingest[size],
        ingressController: ingressControllerSizes[size],
    };
}

/** The AKS node pools each cluster type runs: the dedicated LogScale pools (ui, ingest) among them. */
const poolsOfType: Record<ClusterType, PoolRole[]> = {
    basic: ["system", "kafka", "digest"],
    ingress: ["system", "kafka", "digest", "ingress"],
    "dedicated-ui": ["system", "kafka", "digest", "ingress", "ui"],
    advanced: ["system", "kafka", "digest", "ingress", "ui", "ingest"],
};

/** Every pool the cluster type runs when active (subnets exist for all of them in every mode). */
export function clusterTypePools(type: ClusterType): PoolRole[] {
    return poolsOfType[type];
}

/** The HumioCluster node pools beside digest: the dedicated LogScale roles whose AKS pool the type has. */
export function dedicatedRoles(type: ClusterType): DedicatedRole[] {
    return poolsOfType[type].filter((p): p is DedicatedRole => p === "ui" || p === "ingest");
}

/** Pools whose nodes may run the ingress controller: the ingress pool when the type has one, and the system pool. */
export function ingressControllerPools(type: ClusterType): PoolRole[] {
    return poolsOfType[type].filter((p) => p === "system" || p === "ingress");
}

/** The type's pools at production size, running. */
export function productionNodePools(type: ClusterType, size: ClusterSize): NodePlan[] {
    return poolsOfType[type].map((role) => ({ ...poolSizes[role][size], role, name: role, mode: role === "system" ? "System" : "User", powerState: "Running" }));
}
