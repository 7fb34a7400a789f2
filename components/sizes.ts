// Sizes the components are built with: an AKS node pool's VMs, and the pods
// a workload runs.

/** One AKS node pool: VM size and autoscaler bounds. */
export interface NodePoolSize {
    vmSize: string;
    minCount: number;
    maxCount: number;
    count: number;
    osDiskSizeGB: number;
}

/** Pods of one workload: how many, and what each asks for. */
export interface PodSize {
    count: number;
    cpu: string;
    memory: string;
    /** Data volume per pod. */
    disk: string;
}
