// Inside the cluster: every namespace the stack creates has network policies
// and Pod Security Admission labels, and Kafka authenticates its clients.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isCiliumPolicy, isStrimziKafka, moreTypes, ofType } from "./facts";

/**
 * A namespace without a NetworkPolicy lets every pod of the cluster reach its
 * pods (CIS Kubernetes Benchmark section 5.3, network policies: 5.3.1 is
 * "Ensure that the CNI in use supports Network Policies", the next item asks
 * every namespace to have them); policies take effect only where the network
 * plugin enforces them (aks-network-policy-enforced).
 */
export const namespacesHaveNetworkPolicies: StackValidationPolicy = {
    name: "kubernetes-network-policies",
    description:
        "Every namespace the stack creates holds at least one NetworkPolicy (or CiliumNetworkPolicy), so Kafka, LogScale and their secrets are reachable only from the pods that need them rather than from anything running in the cluster.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const namespaces = args.resources.filter((r) => r.type === moreTypes.namespace);
        if (!namespaces.length) args.notApplicable("no namespaces");
        const covered = new Set(
            args.resources.filter((r) => r.type === moreTypes.networkPolicy || (isCiliumPolicy(r.type) && !r.type.endsWith("ClusterwideNetworkPolicy"))).map((r) => r.props.metadata?.namespace),
        );
        const clusterWide = args.resources.some((r) => isCiliumPolicy(r.type) && r.type.endsWith("ClusterwideNetworkPolicy"));
        for (const ns of namespaces) {
            const name = ns.props.metadata?.name;
            if (!covered.has(name) && !clusterWide) report(`namespace ${name} has no NetworkPolicy: every pod in the cluster can reach its pods.`, ns.urn);
        }
    },
};

const enforcedLevels = ["baseline", "restricted"];

/** Pod Security Admission enforces a Pod Security Standard per namespace label (Kubernetes docs, "Enforce Pod Security Standards with Namespace Labels"). */
export const namespacePodSecurity: ResourceValidationPolicy = {
    name: "namespace-pod-security-admission",
    description:
        "Every namespace the stack creates enforces a Pod Security Standard (label pod-security.kubernetes.io/enforce baseline or restricted), so no pod there can run privileged, share the host's namespaces or mount its filesystem.",
    enforcementLevel: "advisory",
    validateResource: ofType(moreTypes.namespace, (props, report) => {
        const level = props.metadata?.labels?.["pod-security.kubernetes.io/enforce"];
        if (!enforcedLevels.includes(level)) report(`namespace ${props.metadata?.name}: label pod-security.kubernetes.io/enforce is ${JSON.stringify(level)}; it must be baseline or restricted.`);
    }),
};

/**
 * Who may talk to Kafka. Strimzi authenticates clients per listener
 * (spec.kafka.listeners[].authentication.type: tls, scram-sha-512, oauth or
 * custom; strimzi.io glossary, "Authentication") and, per listener, admits
 * only the pods its networkPolicyPeers select to the listener's port through
 * the NetworkPolicy it generates (Strimzi GenericKafkaListener
 * networkPolicyPeers). A listener with neither serves every topic to any pod
 * that reaches it; TLS alone only encrypts. This program takes the second:
 * client certificates would need the Kafka keystore in LogScale's pods and in
 * drctl's topic-reset pod, renewed with a restart (docs/security.md).
 */
export const kafkaListenerRestricted: ResourceValidationPolicy = {
    name: "kafka-listener-restricted",
    description:
        "Every listener of the Kafka cluster authenticates its clients (authentication.type) or admits only named pods (networkPolicyPeers): a listener with neither lets any pod that reaches the broker read or write the ingest stream.",
    enforcementLevel: "mandatory",
    validateResource: ofType(isStrimziKafka, (props, report) => {
        const listeners: any[] = props.spec?.kafka?.listeners ?? [];
        if (!listeners.length) report("spec.kafka.listeners is empty.");
        for (const l of listeners) {
            if (!l.authentication?.type && !(l.networkPolicyPeers ?? []).length) report(`listener ${l.name} (port ${l.port}) has no authentication and no networkPolicyPeers: any client that reaches it is served.`);
        }
    }),
};

export const kubernetesPolicies = [namespacesHaveNetworkPolicies, namespacePodSecurity, kafkaListenerRestricted];
