// The doors of issue 13 the edge, sign-in and the cluster network left open,
// judged on rendered stacks: what the Application Gateway's WAF does with a
// request (a small evaluator of the rendered policies and path rules), what
// the gateway's identity may read in Key Vault, who may sign in and as what,
// and which pod may reach which in the `logging` namespace (an evaluator of
// the rendered NetworkPolicies plus the one Strimzi generates from the Kafka
// resource), with the Pod Security level the namespace enforces.
import * as assert from "assert";
import { StackPlan } from "../../tools/bringUp";
import { kubernetesViolations } from "../../tools/preflight/kubernetes";
import { preflightInput } from "../../tools/preflight";
import { topicResetPod } from "../../tools/drctl/cluster";
import { commonEnv, humioCluster, maybeNamed, named, ofType, plan } from "../helpers";

const inputs = (p: StackPlan, name: string) => named(p, name).inputs as Record<string, any>;
const state = (p: StackPlan, name: string) => named(p, name).state as Record<string, any>;

const appGateway = () => plan("primary", { edge: "appGateway" }, { edge: "appGateway" });

// --- the Application Gateway's WAF ------------------------------------------------------

interface Request {
    method: string;
    host: string;
    /** The raw path and query, as RequestUri holds it. */
    uri: string;
}

/** What the WAF does with a request: blocks it, lets it past every managed rule, or runs the managed rules (with or without the body). */
type Verdict = "blocked" | "skips managed rules" | "managed rules, body inspected" | "managed rules, body not inspected";

/** Application Gateway path-rule matching: case-insensitive, `*` only as a final segment after `/`, exact otherwise; the query is not part of the path. */
function pathMatches(pattern: string, uri: string): boolean {
    const path = uri.split("?")[0].toLowerCase();
    const p = pattern.toLowerCase();
    return p.endsWith("/*") ? path.startsWith(p.slice(0, -1)) : path === p;
}

function conditionMatches(c: any, r: Request): boolean {
    const values = (c.matchVariables as any[]).map((v) => {
        const raw = v.variableName === "RequestUri" ? r.uri : v.variableName === "RequestMethod" ? r.method : v.variableName === "RequestHeaders" && String(v.selector).toLowerCase() === "host" ? r.host : undefined;
        assert.ok(raw !== undefined, `the evaluator does not know ${JSON.stringify(v)}`);
        return (c.transforms ?? []).includes("Lowercase") ? raw.toLowerCase() : raw;
    });
    const test = (value: string, m: string) => {
        switch (c.operator) {
            case "BeginsWith":
                return value.startsWith(m);
            case "Equal":
                return value === m;
            case "Contains":
                return value.includes(m);
            case "EndsWith":
                return value.endsWith(m);
            default:
                assert.fail(`the evaluator does not know operator ${c.operator}`);
        }
    };
    const hit = values.some((value) => (c.matchValues as string[]).some((m) => test(value, m)));
    return c.negationConditon ? !hit : hit;
}

/** The rendered gateway's verdict on an HTTPS request: the policy of the path rule it matches, or the gateway's; custom rules by priority, then the managed rules. */
function wafVerdict(p: StackPlan, r: Request): Verdict {
    const gateway = inputs(p, "appgw-gateway");
    const policies = new Map(ofType(p, "azure-native:network:WebApplicationFirewallPolicy").map((w) => [String(w.state.id), w.inputs as any]));
    const https = (gateway.requestRoutingRules as any[]).find((rule) => rule.name === "https");
    let policyId = String(gateway.firewallPolicy.id);
    if (https.ruleType === "PathBasedRouting") {
        const map = (gateway.urlPathMaps as any[]).find((m) => String(https.urlPathMap.id).endsWith(`/urlPathMaps/${m.name}`));
        const rule = (map.pathRules as any[]).find((pr) => (pr.paths as string[]).some((pattern) => pathMatches(pattern, r.uri)));
        if (rule?.firewallPolicy) policyId = String(rule.firewallPolicy.id);
    }
    const policy = policies.get(policyId);
    assert.ok(policy, `no rendered WAF policy has id ${policyId}`);
    assert.deepStrictEqual([policy.policySettings.state, policy.policySettings.mode], ["Enabled", "Prevention"], policy.policyName);
    for (const rule of [...(policy.customRules ?? [])].sort((a: any, b: any) => a.priority - b.priority)) {
        if ((rule.matchConditions as any[]).every((c) => conditionMatches(c, r))) {
            if (rule.action === "Block") return "blocked";
            if (rule.action === "Allow") return "skips managed rules";
        }
    }
    assert.ok(policy.managedRules.managedRuleSets.length > 0);
    return policy.policySettings.requestBodyCheck === false ? "managed rules, body not inspected" : "managed rules, body inspected";
}

describe("security baseline: the Application Gateway's WAF", () => {
    it("no WAF policy lets a request past the managed rules: an Allow custom rule skips all of them", async () => {
        const p = await appGateway();
        const allows = ofType(p, "azure-native:network:WebApplicationFirewallPolicy").flatMap((w) => ((w.inputs as any).customRules ?? []).filter((r: any) => r.action === "Allow").map((r: any) => `${w.name}: ${r.name}`));
        assert.deepStrictEqual(allows, []);
    });

    it("lookalikes of the ingest paths get the full managed rule set, body included", async () => {
        const p = await appGateway();
        const host = String(p.rendering.outputs.clusterFqdn);
        for (const uri of ["/services/collectorANYTHING", "/services/collector-admin", "/api/v1/ingestx", "/graphql", "/"]) {
            assert.strictEqual(wafVerdict(p, { method: "POST", host, uri }), "managed rules, body inspected", uri);
        }
    });

    it("the ingest paths keep the managed rules on the URI and headers, and only skip inspecting the log lines in the body", async () => {
        const p = await appGateway();
        for (const host of [String(p.rendering.outputs.clusterFqdn), "logscale.logs.example.com", "LogScale.Logs.Example.com"]) {
            for (const uri of ["/api/v1/ingest/hec", "/api/v1/ingest/humio-structured", "/services/collector", "/services/collector/event", "/services/collector?channel=1", "/api/v1/ingest/../../graphql"]) {
                assert.strictEqual(wafVerdict(p, { method: "POST", host, uri }), "managed rules, body not inspected", `${host}${uri}`);
            }
        }
        assert.strictEqual(wafVerdict(p, { method: "GET", host: "logscale.logs.example.com", uri: "/api/v1/ingest/elastic-bulk/" }), "managed rules, body not inspected");
    });

    it("on the ingest paths, another Host or a method other than POST, GET and HEAD is blocked", async () => {
        const p = await appGateway();
        assert.strictEqual(wafVerdict(p, { method: "POST", host: "attacker.example", uri: "/api/v1/ingest/hec" }), "blocked");
        for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS"]) assert.strictEqual(wafVerdict(p, { method, host: "logscale.logs.example.com", uri: "/services/collector" }), "blocked", method);
    });

    it("TLS 1.2 at least: a 2022 predefined policy", async () => {
        const gw = inputs(await appGateway(), "appgw-gateway");
        assert.strictEqual(gw.sslPolicy.policyType, "Predefined");
        assert.ok(["AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"].includes(gw.sslPolicy.policyName), gw.sslPolicy.policyName);
    });
});

describe("security baseline: the Application Gateway's identity in Key Vault", () => {
    it("reads the certificate's secret only, not the storage keys, encryption key and passwords beside it", async () => {
        const p = await appGateway();
        const vaultId = String(state(p, "break-glass-vault").id);
        const grant = inputs(p, "appgw-certificate");
        assert.strictEqual(grant.scope, `${vaultId}/secrets/logscale-tls`);
        const identity = String(state(p, "appgw-identity").principalId);
        const onVault = ofType(p, "azure-native:authorization:RoleAssignment").filter((r) => (r.inputs as any).principalId === identity && String((r.inputs as any).scope).startsWith(vaultId));
        assert.deepStrictEqual(onVault.map((r) => (r.inputs as any).scope), [`${vaultId}/secrets/logscale-tls`]);
    });
});

// --- sign-in ------------------------------------------------------------------------------

describe("security baseline: Entra ID sign-in", () => {
    it("only users and groups assigned to the enterprise application sign in; the application and its principal are protected", async () => {
        const p = await plan("primary");
        assert.strictEqual(inputs(p, "sign-in-principal").appRoleAssignmentRequired, true);
        for (const name of ["sign-in-application", "sign-in-principal"]) assert.strictEqual(named(p, name).options.protect, true, name);
    });

    it("usernames come from the immutable `sub` claim, never the mutable preferred_username", async () => {
        for (const p of [await plan("primary"), await plan("secondary", { dr: "active" })]) {
            assert.strictEqual(commonEnv(p).OIDC_USERNAME_CLAIM, "sub");
        }
    });

    it("each region's client secret has an end date under a year, and a rotation keeper its pods restart on", async () => {
        for (const p of [await plan("primary"), await plan("secondary", { dr: "active" })]) {
            const secret = inputs(p, "sign-in-secret");
            assert.ok(secret.endDate, `${p.rendering.stack}: no end date`);
            const rotated = secret.rotateWhenChanged?.rotatedOn;
            assert.match(String(rotated), /^\d{4}-\d{2}-\d{2}$/);
            const days = (Date.parse(secret.endDate) - Date.parse(`${rotated}T00:00:00Z`)) / 86_400_000;
            assert.ok(days > 0 && days < 365, `${days} days`);
            assert.strictEqual(commonEnv(p).LOGSCALE_DR_SIGN_IN_ROTATED_ON, rotated, "a rotation changes every LogScale pod's spec");
        }
        assert.strictEqual(commonEnv(await plan("primary", { entraSignIn: false }, { entraSignIn: false })).LOGSCALE_DR_SIGN_IN_ROTATED_ON, undefined);
    });
});

// --- the logging namespace ---------------------------------------------------------------

interface Pod {
    namespace: string;
    labels: Record<string, string>;
}

const matches = (selector: any, labels: Record<string, string>) =>
    Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v) && !(selector?.matchExpressions ?? []).length;

/** The namespace's labels as the API server adds them (kubernetes.io/metadata.name) plus the rendered ones. */
function namespaceLabels(p: StackPlan, namespace: string): Record<string, string> {
    const rendered = ofType(p, "kubernetes:core/v1:Namespace").find((n) => (n.inputs as any).metadata.name === namespace);
    return { ...((rendered?.inputs as any)?.metadata?.labels ?? {}), "kubernetes.io/metadata.name": namespace };
}

function peerMatches(p: StackPlan, peer: any, from: Pod, policyNamespace: string): boolean {
    if (peer.ipBlock) return false;
    const namespaceOk = peer.namespaceSelector ? matches(peer.namespaceSelector, namespaceLabels(p, from.namespace)) : from.namespace === policyNamespace;
    return namespaceOk && (peer.podSelector ? matches(peer.podSelector, from.labels) : true);
}

/**
 * The policies that select pods in `logging`: the rendered NetworkPolicies,
 * and the one Strimzi generates beside the Kafka cluster (KafkaCluster.java,
 * generateNetworkPolicy): each listener's port from its networkPolicyPeers,
 * open to all when there are none.
 */
function policiesOf(p: StackPlan): Array<{ namespace: string; spec: any }> {
    const rendered = ofType(p, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((r) => ({ namespace: (r.inputs as any).metadata.namespace, spec: (r.inputs as any).spec }));
    const [kafka] = ofType(p, "kubernetes:kafka.strimzi.io/v1beta2:Kafka");
    const cluster = (kafka.inputs as any).metadata.name;
    const strimzi = {
        namespace: (kafka.inputs as any).metadata.namespace,
        spec: {
            podSelector: { matchLabels: { "strimzi.io/cluster": cluster, "strimzi.io/kind": "Kafka", "strimzi.io/name": `${cluster}-kafka` } },
            policyTypes: ["Ingress"],
            ingress: ((kafka.inputs as any).spec.kafka.listeners as any[]).map((l) => ({ ports: [{ port: l.port }], from: l.networkPolicyPeers ?? [] })),
        },
    };
    return [...rendered, strimzi];
}

/** NetworkPolicy semantics: a pod no policy selects for Ingress takes anything; a selected one only what some rule of a selecting policy allows. */
function ingressAllowed(p: StackPlan, from: Pod, to: Pod, port: number): boolean {
    const selecting = policiesOf(p).filter((pol) => pol.namespace === to.namespace && matches(pol.spec.podSelector, to.labels) && (pol.spec.policyTypes ?? ["Ingress"]).includes("Ingress"));
    if (!selecting.length) return true;
    return selecting.some((pol) =>
        (pol.spec.ingress ?? []).some(
            (rule: any) => (!rule.ports?.length || rule.ports.some((pt: any) => pt.port === port)) && (!rule.from?.length || rule.from.some((peer: any) => peerMatches(p, peer, from, pol.namespace))),
        ),
    );
}

const logscalePod = (p: StackPlan): Pod => ({ namespace: "logging", labels: { "app.kubernetes.io/name": "humio", "humio.com/node-pool": String(humioCluster(p).metadata.name) } });
const kafkaBroker = (p: StackPlan): Pod => {
    const cluster = String((ofType(p, "kubernetes:kafka.strimzi.io/v1beta2:Kafka")[0].inputs as any).metadata.name);
    return { namespace: "logging", labels: { "strimzi.io/cluster": cluster, "strimzi.io/kind": "Kafka", "strimzi.io/name": `${cluster}-kafka`, "strimzi.io/component-type": "kafka" } };
};
const envoyProxy: Pod = { namespace: "envoy-gateway-system", labels: { "app.kubernetes.io/name": "envoy", "app.kubernetes.io/component": "proxy", "app.kubernetes.io/managed-by": "envoy-gateway" } };
const humioOperator: Pod = { namespace: "logging", labels: { app: "humio-operator", "app.kubernetes.io/name": "humio-operator", "app.kubernetes.io/instance": "humio-operator" } };
const acmeSolver: Pod = { namespace: "logging", labels: { "acme.cert-manager.io/http01-solver": "true" } };
const strangerHere: Pod = { namespace: "logging", labels: { app: "debug" } };
const strangerElsewhere: Pod = { namespace: "default", labels: { app: "debug" } };

describe("security baseline: the logging namespace's network", () => {
    for (const stack of ["primary", "secondary"]) {
        it(`${stack}: ingress is denied by default; LogScale takes 8080 from Envoy's proxies, its own pods and humio-operator only`, async () => {
            const p = await plan(stack);
            assert.ok(
                ofType(p, "kubernetes:networking.k8s.io/v1:NetworkPolicy").some((r) => JSON.stringify((r.inputs as any).spec.podSelector) === "{}" && !(r.inputs as any).spec.ingress),
                "a policy selecting every pod with no ingress rule",
            );
            const logscale = logscalePod(p);
            for (const from of [envoyProxy, logscale, humioOperator]) assert.ok(ingressAllowed(p, from, logscale, 8080), JSON.stringify(from.labels));
            for (const from of [strangerHere, strangerElsewhere, { ...envoyProxy, namespace: "default" }]) assert.ok(!ingressAllowed(p, from, logscale, 8080), JSON.stringify(from));
            assert.ok(!ingressAllowed(p, envoyProxy, logscale, 9200), "LogScale's Elasticsearch port stays closed");
            assert.ok(ingressAllowed(p, envoyProxy, acmeSolver, 8089), "HTTP-01 challenges reach cert-manager's solver");
            assert.ok(!ingressAllowed(p, strangerElsewhere, acmeSolver, 8089));
            assert.ok(!ingressAllowed(p, strangerHere, humioOperator, 8080), "humio-operator's metrics stay closed");
        });

        it(`${stack}: Kafka's TLS listener admits LogScale and drctl's topic reset pod, and no other pod`, async () => {
            const p = await plan(stack);
            const broker = kafkaBroker(p);
            const resetPod: Pod = { namespace: "logging", labels: topicResetPod("reset", "k", "img").metadata!.labels! };
            for (const from of [logscalePod(p), resetPod]) assert.ok(ingressAllowed(p, from, broker, 9093), JSON.stringify(from.labels));
            for (const from of [strangerHere, strangerElsewhere, envoyProxy, humioOperator]) assert.ok(!ingressAllowed(p, from, broker, 9093), JSON.stringify(from));
            assert.strictEqual(inputs(p, "logscale-kafka-strimzi").values.generateNetworkPolicy, true, "Strimzi keeps its own policies (replication, control plane) beside the default deny");
        });
    }

    it("every NetworkPolicy validates against the cluster version's OpenAPI, unknown fields included", async () => {
        for (const p of [await plan("primary"), await plan("secondary")]) {
            const policies = ofType(p, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
            assert.strictEqual(policies.length, 4);
            const input = preflightInput(p);
            const result = kubernetesViolations({ ...input, resources: policies });
            assert.deepStrictEqual(result.violations, []);
            assert.strictEqual(result.checked, policies.length);
        }
    });
});

// --- Pod Security Admission ---------------------------------------------------------------

/** The capabilities the baseline Pod Security Standard lets a container add (Kubernetes docs, "Pod Security Standards", Baseline: Capabilities). */
const baselineCapabilities = new Set(["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"]);

/** What baseline refuses in a container's security context. */
function baselineProblems(context: any): string[] {
    const problems: string[] = [];
    if (context?.privileged) problems.push("privileged");
    for (const c of context?.capabilities?.add ?? []) if (!baselineCapabilities.has(c)) problems.push(`adds ${c}`);
    if (context?.seccompProfile?.type === "Unconfined") problems.push("seccomp Unconfined");
    return problems;
}

/** humio-operator 0.34.1's LogScale container context when the HumioCluster sets none (internal/controller/humiocluster_defaults.go). */
const operatorDefault = { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsUser: 65534, runAsNonRoot: true, capabilities: { add: ["SYS_NICE"], drop: ["ALL"] } };

describe("security baseline: Pod Security Admission", () => {
    it("the logging namespace enforces baseline and warns about and audits restricted", async () => {
        for (const p of [await plan("primary"), await plan("secondary")]) {
            const labels = (inputs(p, "logscale-namespace").metadata.labels ?? {}) as Record<string, string>;
            assert.deepStrictEqual(
                [labels["pod-security.kubernetes.io/enforce"], labels["pod-security.kubernetes.io/warn"], labels["pod-security.kubernetes.io/audit"]],
                ["baseline", "restricted", "restricted"],
            );
        }
    });

    it("every LogScale pod the operator would create meets baseline: no SYS_NICE", async () => {
        for (const p of [await plan("primary"), await plan("secondary", { dr: "active" })]) {
            const spec = humioCluster(p).spec;
            for (const s of [spec, ...spec.nodePools.map((n: any) => n.spec)]) assert.deepStrictEqual(baselineProblems(s.containerSecurityContext ?? operatorDefault), []);
        }
    });

    it("drctl's topic reset pod meets baseline", () => {
        const pod = topicResetPod("reset", "k", "img");
        assert.ok(!pod.spec?.hostNetwork && !pod.spec?.hostPID && !pod.spec?.hostIPC);
        for (const c of pod.spec?.containers ?? []) assert.deepStrictEqual(baselineProblems(c.securityContext), []);
        assert.ok(!(pod.spec?.volumes ?? []).some((v) => v.hostPath));
    });

    it("the program creates one Namespace, logging, and its NetworkPolicies as one component", async () => {
        const p = await plan("primary");
        assert.deepStrictEqual(ofType(p, "kubernetes:core/v1:Namespace").map((n) => (n.inputs as any).metadata.name), ["logging"]);
        assert.strictEqual(maybeNamed(p, "logging-network-policies")?.type, "logscale-dr:network:NetworkPolicies");
    });
});
