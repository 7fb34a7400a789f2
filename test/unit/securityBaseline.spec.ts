// The decisions behind issue 13's edge, sign-in and cluster-network doors,
// as plain functions: the WAF policies, the sign-in secret's lifetime, the
// namespace's Pod Security labels and NetworkPolicies, the Kafka listener's
// peers, the LogScale container's security context. No renders.
import * as assert from "assert";
import * as yaml from "js-yaml";
import { appGatewaySslPolicy } from "../../components/appGateway";
import { authenticationEnvVars, commonEnvVars, humioClusterObject, HumioClusterInputs, logscaleContainerSecurityContext, signInSecretRotationVariable } from "../../components/humioCluster";
import { strimziValues } from "../../components/kafka";
import { keyVaultSecretScope } from "../../components/keyVault";
import { kafkaAdminPodLabels, kafkaListenerPeers, loggingNetworkPolicies, podSecurityLabels } from "../../model/clusterSecurity";
import { appGatewayFirewall, globalWafPolicy, ingestMethods, ingestPathPatterns, ingestWafPolicy } from "../../model/edgeSecurity";
import { signInSecretLifetime, signInSecretRotatedOn, signInSecretValidDays } from "../../model/signIn";
import { topicResetPod } from "../../tools/drctl/cluster";
import { sharedSchema } from "../schemas";

describe("edge decisions: the WAF", () => {
    it("path patterns in Application Gateway's syntax: absolute, `*` only after a final `/`; /services/collector exact, not a prefix", () => {
        for (const p of ingestPathPatterns) {
            assert.ok(p.startsWith("/"), p);
            assert.ok(!p.slice(0, -1).includes("*") && (!p.endsWith("*") || p.endsWith("/*")), p);
        }
        assert.deepStrictEqual([...ingestPathPatterns].sort(), ["/api/v1/ingest/*", "/services/collector", "/services/collector/*"]);
    });

    it("no policy has an Allow rule; only the ingest policy stops inspecting bodies, both run the managed rules in prevention", () => {
        const { global, ingest } = appGatewayFirewall(["c.example", "logscale.logs.example.com"]) as any;
        for (const policy of [global, ingest.policy]) {
            assert.deepStrictEqual([policy.policySettings.state, policy.policySettings.mode], ["Enabled", "Prevention"]);
            assert.deepStrictEqual(policy.managedRules.managedRuleSets, [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }]);
            assert.ok(!(policy.customRules ?? []).some((r: any) => r.action === "Allow"));
        }
        assert.strictEqual(global.policySettings.requestBodyCheck, true);
        assert.strictEqual(ingest.policy.policySettings.requestBodyCheck, false);
        assert.deepStrictEqual(ingest.paths, [...ingestPathPatterns]);
        assert.deepStrictEqual(globalWafPolicy(), global);
    });

    it("the ingest policy blocks any Host but the given names (lower-cased, compared lower-cased) and any method but POST, GET, HEAD", () => {
        const rules = (ingestWafPolicy(["C.Example", "logscale.logs.example.com"]) as any).customRules;
        assert.deepStrictEqual(
            rules.map((r: any) => [r.name, r.action, r.matchConditions[0].matchVariables[0].variableName, r.matchConditions[0].negationConditon, r.matchConditions[0].matchValues]),
            [
                ["IngestHostsOnly", "Block", "RequestHeaders", true, ["c.example", "logscale.logs.example.com"]],
                ["IngestMethodsOnly", "Block", "RequestMethod", true, ["POST", "GET", "HEAD"]],
            ],
        );
        assert.deepStrictEqual(rules[0].matchConditions[0].transforms, ["Lowercase"]);
        assert.deepStrictEqual([...ingestMethods], ["POST", "GET", "HEAD"]);
        for (const r of rules) assert.match(r.name, /^[A-Za-z0-9]+$/);
    });

    it("TLS 1.2 at least: a 2022 predefined policy", () => {
        assert.deepStrictEqual(appGatewaySslPolicy, { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" });
    });

    it("the gateway's Key Vault grant names one secret", () => {
        assert.strictEqual(keyVaultSecretScope("/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v", "logscale-tls"), "/subscriptions/s/resourceGroups/g/providers/Microsoft.KeyVault/vaults/v/secrets/logscale-tls");
    });
});

describe("sign-in decisions", () => {
    it("the client secret ends 180 days after its rotation day, and the day is its keeper", () => {
        assert.deepStrictEqual(signInSecretLifetime("2026-12-01", 180), { rotatedOn: "2026-12-01", endDate: "2027-05-30T00:00:00Z", rotateWhenChanged: { rotatedOn: "2026-12-01" } });
        assert.deepStrictEqual(signInSecretLifetime(), signInSecretLifetime(signInSecretRotatedOn, signInSecretValidDays));
        assert.ok(signInSecretValidDays < 365, "under the 12 months Microsoft recommends");
        assert.notDeepStrictEqual(signInSecretLifetime("2027-05-01").rotateWhenChanged, signInSecretLifetime("2026-12-01").rotateWhenChanged, "a new day replaces the secret");
    });

    it("refuses a day that is not one, and lifetimes outside what Entra ID allows", () => {
        for (const day of ["2026-02-30", "2026-13-01", "1 December 2026", "", "2026-12-1"]) assert.throws(() => signInSecretLifetime(day), /is not a date/, day);
        for (const days of [0, -1, 731, 1.5]) assert.throws(() => signInSecretLifetime("2026-12-01", days), /1 to 730 days/, String(days));
    });

    it("LogScale names users by `sub`; the rotation day is in the pods' environment with OIDC only", () => {
        const oidc = { kind: "oidc", provider: "https://login.microsoftonline.com/t/v2.0", clientId: "c" } as const;
        const env = Object.fromEntries(authenticationEnvVars(oidc).map((e) => [e.name, e.value]));
        assert.strictEqual(env.OIDC_USERNAME_CLAIM, "sub");
        const inputs = {
            name: "p",
            namespace: "logging",
            image: "i",
            drMode: "none",
            digest: { nodeCount: 1, pods: { count: 1, cpu: "1", memory: "1Gi", disk: "1Gi" } },
            dedicated: [],
            targetReplicationFactor: 1,
            drEnv: [],
            location: "eastus",
            publicHostname: "h",
            storage: { accountName: "a", containerName: "c", blobEndpoint: "e", objectKeyPrefix: "o" },
            authentication: oidc,
            signInSecretRotatedOn: "2026-12-01",
        } as unknown as HumioClusterInputs;
        const rotation = (i: HumioClusterInputs) => commonEnvVars(i).find((e) => e.name === signInSecretRotationVariable)?.value;
        assert.strictEqual(rotation(inputs), "2026-12-01");
        assert.strictEqual(rotation({ ...inputs, authentication: { kind: "static" } }), undefined);
        assert.strictEqual(rotation({ ...inputs, signInSecretRotatedOn: undefined }), undefined);
    });
});

describe("cluster decisions: the logging namespace", () => {
    it("Pod Security Admission: baseline enforced, restricted warned about and audited", () => {
        assert.deepStrictEqual({ ...podSecurityLabels }, {
            "pod-security.kubernetes.io/enforce": "baseline",
            "pod-security.kubernetes.io/warn": "restricted",
            "pod-security.kubernetes.io/audit": "restricted",
        });
    });

    it("the LogScale container adds no capability, is not privileged and keeps a seccomp profile, on the cluster and every pool", () => {
        const c = logscaleContainerSecurityContext as any;
        assert.deepStrictEqual([c.privileged, c.allowPrivilegeEscalation, c.capabilities.add, c.capabilities.drop, c.seccompProfile.type], [false, false, undefined, ["ALL"], "RuntimeDefault"]);
        const doc = humioClusterObject({
            name: "p",
            namespace: "logging",
            image: "i",
            drMode: "none",
            digest: { nodeCount: 1, pods: { count: 1, cpu: "1", memory: "1Gi", disk: "1Gi" } },
            dedicated: [{ role: "ui", nodeCount: 1, pods: { count: 1, cpu: "1", memory: "1Gi", disk: "1Gi" } }],
            targetReplicationFactor: 1,
            drEnv: [],
            location: "eastus",
            publicHostname: "h",
            storage: { accountName: "a", containerName: "c", blobEndpoint: "e", objectKeyPrefix: "o" },
            authentication: { kind: "static" },
        } as unknown as HumioClusterInputs) as any;
        for (const s of [doc.spec, ...doc.spec.nodePools.map((n: any) => n.spec)]) assert.deepStrictEqual(s.containerSecurityContext, logscaleContainerSecurityContext);
    });

    it("a default deny first, then one policy per path in; every policy is about ingress only", () => {
        const policies = loggingNetworkPolicies();
        assert.deepStrictEqual(policies.map((p) => p.name), ["default-deny-ingress", "logscale", "acme-http01-solver", "humio-operator-webhook"]);
        assert.deepStrictEqual(policies[0].spec, { podSelector: {}, policyTypes: ["Ingress"] });
        for (const p of policies) assert.deepStrictEqual(p.spec.policyTypes, ["Ingress"], p.name);
        const ports = (name: string) => (policies.find((p) => p.name === name)!.spec.ingress as any[]).flatMap((r) => r.ports.map((pt: any) => pt.port));
        assert.deepStrictEqual([ports("logscale"), ports("acme-http01-solver"), ports("humio-operator-webhook")], [[8080], [8089], [9443]]);
    });

    it("Kafka's listener admits LogScale's pods and drctl's topic reset pod, whose label is the one drctl sets", () => {
        assert.deepStrictEqual(kafkaListenerPeers(), [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "humio" } } }, { podSelector: { matchLabels: { ...kafkaAdminPodLabels } } }]);
        assert.deepStrictEqual(topicResetPod("reset", "k", "img").metadata?.labels, { ...kafkaAdminPodLabels });
    });

    it("Strimzi keeps generating its NetworkPolicies: the chart's key, pinned to its default", () => {
        const values = yaml.load(sharedSchema("strimzi/0.47.0/values.yaml")) as Record<string, unknown>;
        assert.strictEqual(values.generateNetworkPolicy, true);
        for (const key of Object.keys(strimziValues())) assert.ok(key in values, key);
        assert.strictEqual(strimziValues().generateNetworkPolicy, true);
    });
});
