// The `logging` namespace's walls, decided: its Pod Security Admission
// labels, and the NetworkPolicies that let in only what LogScale needs. Pure
// data; components/networkPolicies.ts and the namespace apply it.
//
// Who talks to whom in the namespace, and how each path is allowed:
//   Envoy Gateway's proxies -> LogScale pods 8080      logscale (below)
//   LogScale pods <-> LogScale pods 8080                logscale
//   humio-operator -> LogScale API 8080                 logscale
//   Envoy's proxies -> cert-manager's HTTP-01 solvers   acme-http01-solver
//   API server -> humio-operator's webhook 9443         humio-operator-webhook
//   LogScale, drctl's topic reset pod -> Kafka 9093     Strimzi's own policy, from the listener's networkPolicyPeers
//   Kafka <-> Kafka, Strimzi's operators -> Kafka       Strimzi's own policy (components/kafka.ts)
// Kubelet probes, `kubectl logs/exec/port-forward` (what drctl and the
// failover function use besides the public edge) reach pods from their node,
// which NetworkPolicy always allows ("traffic to and from the node where a
// Pod is running is always allowed", Kubernetes docs, "Network Policies").
// Egress is not restricted here: these policies decide who may reach the
// namespace's pods.
import { logscaleNamespace, logscalePodLabels } from "../contract";
import { envoyGatewayNamespace } from "../components/gateway";
import { KafkaListenerPeer } from "../components/kafka";
import { logscalePort } from "../components/logscaleIngress";
import { NetworkPolicyPlan } from "../components/networkPolicies";

/**
 * Pod Security Admission on the `logging` namespace: `baseline` enforced,
 * `restricted` warned about and audited (Kubernetes docs, "Enforce Pod
 * Security Standards with Namespace Labels"). Every pod the program puts
 * there meets baseline: LogScale's once its container drops SYS_NICE
 * (components/humioCluster.ts) — humio-operator's init container is not
 * privileged, it drops every capability and reads the node's zone through the
 * API; Strimzi's, whose default Pod Security Provider is the baseline one
 * (strimzi/strimzi-kafka-operator, io.strimzi.plugin.security.profiles.impl,
 * BaselinePodSecurityProvider); humio-operator's own, which drop every
 * capability; cert-manager's solvers; and drctl's topic reset pod, which asks
 * for nothing. `restricted` would refuse the ones without a seccomp profile
 * or `runAsNonRoot` (humio-operator's chart sets no seccomp profile, Strimzi's
 * default provider neither, drctl's pod no security context), so it only
 * warns.
 */
export const podSecurityLabels: Readonly<Record<string, string>> = {
    "pod-security.kubernetes.io/enforce": "baseline",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/audit": "restricted",
};

/**
 * The label of drctl's topic reset pod (tools/drctl/cluster.ts,
 * topicResetPod): the one client of Kafka beside LogScale.
 */
export const kafkaAdminPodLabels: Readonly<Record<string, string>> = { "app.kubernetes.io/name": "logscale-dr-kafka-admin" };

/** The pods Kafka's TLS listener admits: LogScale's, and drctl's topic reset pod. */
export function kafkaListenerPeers(): KafkaListenerPeer[] {
    return [{ podSelector: { matchLabels: { ...logscalePodLabels.name } } }, { podSelector: { matchLabels: { ...kafkaAdminPodLabels } } }];
}

/**
 * Envoy Gateway's proxies: in the controller's namespace, labelled by the
 * controller (envoyproxy/gateway, internal/infrastructure/kubernetes/proxy:
 * app.kubernetes.io/name=envoy, component=proxy, managed-by=envoy-gateway).
 * `kubernetes.io/metadata.name` is the label the API server puts on every
 * namespace (Kubernetes docs, "Well-Known Labels, Annotations and Taints").
 */
const envoyProxies = {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": envoyGatewayNamespace } },
    podSelector: { matchLabels: { "app.kubernetes.io/name": "envoy", "app.kubernetes.io/component": "proxy", "app.kubernetes.io/managed-by": "envoy-gateway" } },
};

/** The humio-operator chart labels its operator and webhook pods `app.kubernetes.io/name: humio-operator` (charts/humio-operator/templates/_helpers.tpl, humio.labels). */
const humioOperatorPods = { "app.kubernetes.io/name": "humio-operator" };

/** cert-manager's HTTP-01 solver pods and the port they answer on (cert-manager/cert-manager, pkg/issuer/acme/http: the solver label, acmeSolverListenPort 8089). */
const acmeSolverPods = { "acme.cert-manager.io/http01-solver": "true" };
const acmeSolverPort = 8089;

/** humio-operator's webhook server listens on 9443 (humio/humio-operator, cmd/webhook-operator/main.go). */
const humioWebhookPort = 9443;

const tcp = (port: number) => ({ protocol: "TCP", port });

/** The namespace's NetworkPolicies: deny all ingress, then open each path above. */
export function loggingNetworkPolicies(): NetworkPolicyPlan[] {
    return [
        // Selects every pod in the namespace: whatever no other policy admits is refused.
        { name: "default-deny-ingress", spec: { podSelector: {}, policyTypes: ["Ingress"] } },
        {
            name: "logscale",
            spec: {
                podSelector: { matchLabels: { ...logscalePodLabels.name } },
                policyTypes: ["Ingress"],
                ingress: [
                    {
                        from: [envoyProxies, { podSelector: { matchLabels: { ...logscalePodLabels.name } } }, { podSelector: { matchLabels: { ...humioOperatorPods } } }],
                        ports: [tcp(logscalePort)],
                    },
                ],
            },
        },
        {
            name: "acme-http01-solver",
            spec: { podSelector: { matchLabels: { ...acmeSolverPods } }, policyTypes: ["Ingress"], ingress: [{ from: [envoyProxies], ports: [tcp(acmeSolverPort)] }] },
        },
        {
            // The API server calls admission and conversion webhooks from addresses no pod or namespace selector names
            // (on AKS, through its tunnel into the nodes): the port alone is opened, on humio-operator's pods only.
            name: "humio-operator-webhook",
            spec: { podSelector: { matchLabels: { ...humioOperatorPods } }, policyTypes: ["Ingress"], ingress: [{ ports: [tcp(humioWebhookPort)] }] },
        },
    ];
}

/** Where the policies go. */
export const networkPolicyNamespace = logscaleNamespace;
