// Inside the cluster: each policy passes its compliant baseline and catches
// exactly the violation each mutation introduces.
import * as assert from "assert";
import * as k8s from "../../policy/kubernetes";
import { activeStack, assertPasses, mutate, resource, standbyStack, violations } from "./fixtures";

describe("policy: kubernetes", () => {
    it("kubernetes-network-policies", async () => {
        await assertPasses(k8s.namespacesHaveNetworkPolicies, standbyStack());
        const flat = standbyStack().filter((r) => r.type !== "kubernetes:networking.k8s.io/v1:NetworkPolicy");
        assert.deepStrictEqual(await violations(k8s.namespacesHaveNetworkPolicies, flat), ["namespace logging has no NetworkPolicy: every pod in the cluster can reach its pods."]);
        // A policy in another namespace does not cover this one; Cilium's own kinds do.
        assert.strictEqual((await violations(k8s.namespacesHaveNetworkPolicies, mutate(standbyStack(), "logging-default-deny-ingress", (r) => (r.props.metadata.namespace = "other")))).length, 1);
        await assertPasses(k8s.namespacesHaveNetworkPolicies, [...flat, resource("kubernetes:cilium.io/v2:CiliumNetworkPolicy", "logging-cilium", { metadata: { name: "deny", namespace: "logging" }, spec: {} })]);
    });

    it("namespace-pod-security-admission", async () => {
        await assertPasses(k8s.namespacePodSecurity, standbyStack());
        assert.deepStrictEqual(await violations(k8s.namespacePodSecurity, mutate(standbyStack(), "logscale-namespace", (r) => delete r.props.metadata.labels)), [
            "namespace logging: label pod-security.kubernetes.io/enforce is undefined; it must be baseline or restricted.",
        ]);
        assert.strictEqual((await violations(k8s.namespacePodSecurity, mutate(standbyStack(), "logscale-namespace", (r) => (r.props.metadata.labels["pod-security.kubernetes.io/enforce"] = "privileged")))).length, 1);
    });

    it("kafka-listener-restricted", async () => {
        await assertPasses(k8s.kafkaListenerRestricted, activeStack());
        const kafka = (edit: (l: any) => void) => mutate(activeStack(), "logscale-kafka-cluster", (r) => edit(r.props.spec.kafka.listeners[0]));
        // Named peers restrict the baseline's listener; client authentication alone restricts it too.
        await assertPasses(k8s.kafkaListenerRestricted, kafka((l) => ((l.authentication = { type: "tls" }), delete l.networkPolicyPeers)));
        assert.deepStrictEqual(
            await violations(k8s.kafkaListenerRestricted, kafka((l) => delete l.networkPolicyPeers)),
            ["listener tls (port 9093) has no authentication and no networkPolicyPeers: any client that reaches it is served."],
        );
        const plain = { name: "plain", port: 9092, type: "internal", tls: false };
        assert.deepStrictEqual(await violations(k8s.kafkaListenerRestricted, mutate(activeStack(), "logscale-kafka-cluster", (r) => r.props.spec.kafka.listeners.push(plain))), [
            "listener plain (port 9092) has no authentication and no networkPolicyPeers: any client that reaches it is served.",
        ]);
    });
});
