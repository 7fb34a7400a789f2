// Cluster sizes: VM sizes, node counts and pod resources per node pool.
// Figures follow the vendor's Azure reference architecture (v2) for xsmall and
// its sizing template for small.

export const clusterSizeNames = ["xsmall", "small"] as const;
export type ClusterSize = (typeof clusterSizeNames)[number];

export const poolRoles = ["system", "kafka", "digest", "ingress", "ui", "ingest"] as const;
export type PoolRole = (typeof poolRoles)[number];

/** One AKS node pool: VM size and autoscaler bounds. */
export interface NodePoolSize {
    vmSize: string;
    minCount: number;
    maxCount: number;
    count: number;
    osDiskSizeGB: number;
}

/** Pods that run on a pool: how many, and what each asks for. */
export interface PodSize {
    count: number;
    cpu: string;
    memory: string;
    /** Data volume per pod. */
    disk: string;
}

export interface ClusterSizeSpec {
    nodePools: Record<PoolRole, NodePoolSize>;
    kafkaBrokers: PodSize;
    digest: PodSize;
    ui: PodSize;
    ingest: PodSize;
    ingressController: { replicas: number; cpu: string; memory: string };
}

const osDiskSizeGB = 40;

export const clusterSizes: Record<ClusterSize, ClusterSizeSpec> = {
    xsmall: {
        nodePools: {
            system: { vmSize: "Standard_F4s_v2", minCount: 2, maxCount: 5, count: 2, osDiskSizeGB },
            kafka: { vmSize: "Standard_L8s_v3", minCount: 3, maxCount: 5, count: 3, osDiskSizeGB },
            digest: { vmSize: "Standard_L8s_v3", minCount: 3, maxCount: 3, count: 3, osDiskSizeGB },
            ingress: { vmSize: "Standard_F4s_v2", minCount: 2, maxCount: 3, count: 2, osDiskSizeGB },
            ui: { vmSize: "Standard_L8s_v3", minCount: 1, maxCount: 3, count: 2, osDiskSizeGB },
            ingest: { vmSize: "Standard_L8s_v3", minCount: 3, maxCount: 5, count: 3, osDiskSizeGB },
        },
        kafkaBrokers: { count: 3, cpu: "1", memory: "2Gi", disk: "24Gi" },
        digest: { count: 3, cpu: "2", memory: "4Gi", disk: "50Gi" },
        ui: { count: 2, cpu: "3", memory: "24Gi", disk: "60Gi" },
        ingest: { count: 3, cpu: "6", memory: "10Gi", disk: "60Gi" },
        ingressController: { replicas: 2, cpu: "1", memory: "1Gi" },
    },
    small: {
        nodePools: {
            system: { vmSize: "Standard_F4s_v2", minCount: 2, maxCount: 5, count: 3, osDiskSizeGB },
            kafka: { vmSize: "Standard_E4_v5", minCount: 5, maxCount: 15, count: 5, osDiskSizeGB },
            digest: { vmSize: "Standard_L16s_v3", minCount: 6, maxCount: 15, count: 6, osDiskSizeGB },
            ingress: { vmSize: "Standard_F4s_v2", minCount: 3, maxCount: 21, count: 3, osDiskSizeGB },
            ui: { vmSize: "Standard_E4_v5", minCount: 3, maxCount: 9, count: 3, osDiskSizeGB },
            ingest: { vmSize: "Standard_F8s_v2", minCount: 6, maxCount: 21, count: 6, osDiskSizeGB },
        },
        kafkaBrokers: { count: 5, cpu: "3", memory: "24Gi", disk: "1024Gi" },
        digest: { count: 6, cpu: "14", memory: "100Gi", disk: "3000Gi" },
        ui: { count: 3, cpu: "3", memory: "24Gi", disk: "128Gi" },
        ingest: { count: 6, cpu: "6", memory: "10Gi", disk: "60Gi" },
        ingressController: { replicas: 3, cpu: "2", memory: "2Gi" },
    },
};
