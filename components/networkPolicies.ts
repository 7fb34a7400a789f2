// Kubernetes NetworkPolicies in one namespace, as given. Cilium, the
// cluster's network dataplane, enforces standard NetworkPolicy (Microsoft
// Learn, "Configure Azure CNI Powered by Cilium in AKS": Kubernetes
// NetworkPolicy). What they allow is decided in model/clusterSecurity.ts.
import * as pulumi from "@pulumi/pulumi";
import type * as k8sInputs from "@pulumi/kubernetes/types/input";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/networkPolicy";

/** One policy: its name and its spec (networking.k8s.io/v1 NetworkPolicySpec). */
export interface NetworkPolicyPlan {
    name: string;
    spec: k8sInputs.networking.v1.NetworkPolicySpec;
}

export interface NetworkPoliciesArgs {
    namespace: string;
    policies: NetworkPolicyPlan[];
}

export class NetworkPolicies extends pulumi.ComponentResource {
    readonly policies: NetworkPolicy[];

    constructor(name: string, args: NetworkPoliciesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:network:NetworkPolicies", name, {}, opts);
        this.policies = args.policies.map(
            (p) => new NetworkPolicy(`${name}-${p.name}`, { metadata: { name: p.name, namespace: args.namespace }, spec: p.spec }, { parent: this }),
        );
        this.registerOutputs({});
    }
}
