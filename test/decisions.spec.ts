// The small pure functions the components are wired from.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { aksServerAppId, azureCliKubeconfig } from "../components/aks";
import { drEnvVars, recoveryVariableNames } from "../components/drEnv";
import { humioOperatorChartVersion, operatorPostRenderer, operatorReplicas } from "../components/humioOperator";
import { ingressNginxValues } from "../components/ingressController";
import { kafkaBrokerConfig } from "../components/kafka";
import { ingressSelectors } from "../components/logscaleIngress";
import { internalIngressIp, nsgRules, subnetCidr, vnetAddressSpace } from "../components/network";
import { activeNodePools, ingressControllerPools, nodePoolPlan, poolIdentity } from "../components/nodePools";
import { poolRoles } from "../components/sizing";
import { globalName } from "../components/naming";
import { objectKeyPrefix } from "../components/storage";
import { globalFqdn, probeSettings } from "../components/trafficManager";
import { arePairedRegions, pairedRegion } from "../stacks/regions";
import { mockKubeconfig } from "../tools/mockCloud";
import { projectRoot } from "../tools/stackFiles";
import { plan } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stripDeploymentReplicas } = require("../tools/operator-postrender.js") as { stripDeploymentReplicas(m: string): string };

describe("node pool decisions", () => {
    it("pools per cluster type and DR mode", () => {
        assert.deepStrictEqual(activeNodePools("basic", "active"), ["system", "kafka", "digest"]);
        assert.deepStrictEqual(activeNodePools("ingress", ""), ["system", "kafka", "digest", "ingress"]);
        assert.deepStrictEqual(activeNodePools("dedicated-ui", "active"), ["system", "kafka", "digest", "ingress", "ui"]);
        assert.deepStrictEqual(activeNodePools("advanced", "active"), ["system", "kafka", "digest", "ingress", "ui", "ingest"]);
        for (const type of ["basic", "ingress", "dedicated-ui", "advanced"] as const) {
            assert.deepStrictEqual(activeNodePools(type, "standby"), ["system", "kafka", "digest"]);
        }
    });
    it("standby shrinks only the digest pool, to the one recovery node", () => {
        const standby = nodePoolPlan("advanced", "small", "standby");
        const active = nodePoolPlan("advanced", "small", "active");
        assert.deepStrictEqual(
            standby.map((p) => [p.name, p.count, p.minCount]),
            [
                ["system", 3, 2],
                ["kafka", 5, 5],
                ["digest", 1, 1],
            ],
        );
        assert.strictEqual(active.find((p) => p.role === "digest")!.count, 6);
        assert.deepStrictEqual(
            active.map((p) => p.mode),
            ["System", "User", "User", "User", "User", "User"],
        );
    });
    it("pools carry the k8s-app labels the workloads select", () => {
        assert.deepStrictEqual(
            poolRoles.map((r) => poolIdentity[r].label),
            ["support", "strimzi", "logscale-digest", "logscale-ingress", "logscale-ui", "logscale-ingest"],
        );
        for (const r of poolRoles) assert.match(poolIdentity[r].name, /^[a-z][a-z0-9]{0,11}$/, "AKS Linux pool names: 12 lower-case alphanumerics");
    });
    it("the ingress controller may run on the system pool, and on the ingress pool where the type has one", () => {
        assert.deepStrictEqual(ingressControllerPools("basic"), ["system"]);
        assert.deepStrictEqual(ingressControllerPools("advanced"), ["system", "ingress"]);
    });
});

describe("network decisions", () => {
    it("one /24 per pool inside the VNet, all distinct", () => {
        const cidrs = poolRoles.map(subnetCidr);
        assert.strictEqual(new Set(cidrs).size, poolRoles.length);
        assert.strictEqual(vnetAddressSpace, "172.16.0.0/16");
        for (const c of cidrs) assert.match(c, /^172\.16\.\d+\.0\/24$/);
        assert.strictEqual(subnetCidr("kafka"), "172.16.2.0/24");
    });
    it("only subnets that can host the ingress controller admit HTTP(S) from the Internet", () => {
        const ingress = ingressControllerPools("advanced");
        assert.deepStrictEqual(nsgRules("digest", ingress), []);
        const [rule] = nsgRules("ingress", ingress);
        assert.deepStrictEqual([rule.direction, rule.access, rule.sourceAddressPrefix, rule.destinationPortRanges], ["Inbound", "Allow", "Internet", ["80", "443"]]);
    });
});

describe("storage decisions", () => {
    it("account names are 3-24 lower-case letters and digits", () => {
        assert.strictEqual(globalName("lsdr-pri", "logs", "a1b2c3"), "lsdrprilogsa1b2c3");
        assert.strictEqual(globalName("lsdr-sec", "fn", "a1b2c3"), "lsdrsecfna1b2c3");
        assert.match(globalName("abcdefgh", "logs", "zzzzzz"), /^[a-z0-9]{3,24}$/);
    });
    it("objects live under the name prefix", () => assert.strictEqual(objectKeyPrefix("lsdr-sec"), "lsdr-sec/"));
});

describe("AKS kubeconfig", () => {
    it("logs in with the Azure CLI identity instead of a device code", () => {
        const converted = yaml.load(azureCliKubeconfig(mockKubeconfig("lsdr-pri-aks", "eastus"))) as any;
        assert.deepStrictEqual(converted.users[0].user.exec.args, ["get-token", "--login", "azurecli", "--server-id", aksServerAppId]);
        assert.strictEqual(converted.clusters[0].cluster.server, "https://lsdr-pri-aks-dns.hcp.eastus.azmk8s.io:443");
    });
});

describe("regions", () => {
    it("knows Azure's pairs, both ways", () => {
        assert.ok(arePairedRegions("eastus", "westus") && arePairedRegions("westus", "eastus"));
        assert.ok(arePairedRegions("westus3", "eastus"), "one-way pair");
        assert.ok(!arePairedRegions("eastus", "westeurope"));
        assert.strictEqual(pairedRegion("northeurope"), "westeurope");
    });
});

describe("DR variables", () => {
    const source = { location: "eastus", accountName: "a", containerName: "c", blobEndpoint: "https://a.blob.core.windows.net/", objectKeyPrefix: "p/" };
    const names = (env: ReturnType<typeof drEnvVars>) => env.map((e) => e.name);
    it("follow the DESIGN table", () => {
        assert.deepStrictEqual(names(drEnvVars({ dr: "standby", preserveRecoveryEnv: false, recoverySource: source, ownRegion: "westus" })), [
            ...recoveryVariableNames,
            "BUCKET_STORAGE_MULTIPLE_ENDPOINTS",
            "ENABLE_ALERTS",
        ]);
        assert.deepStrictEqual(names(drEnvVars({ dr: "active", preserveRecoveryEnv: false, recoverySource: source, ownRegion: "westus" })), ["BUCKET_STORAGE_MULTIPLE_ENDPOINTS", "ENABLE_ALERTS"]);
        assert.deepStrictEqual(drEnvVars({ dr: "", preserveRecoveryEnv: true, recoverySource: source, ownRegion: "westus" }), []);
    });
    it("never set AZURE_RECOVER_FROM_REPLACE_BUCKET, and never put a key in a literal", () => {
        for (const dr of ["standby", "active"] as const) {
            const env = drEnvVars({ dr, preserveRecoveryEnv: true, recoverySource: source, ownRegion: "westus" });
            assert.ok(!names(env).includes("AZURE_RECOVER_FROM_REPLACE_BUCKET"));
            for (const e of env.filter((e) => /(ACCOUNTKEY|ENCRYPTION_KEY)$/.test(e.name))) assert.ok(e.valueFrom && e.value === undefined, e.name);
        }
    });
});

describe("edge and routing decisions", () => {
    it("selectors: shared routing, or the dedicated pools the type has", () => {
        const humio = { "app.kubernetes.io/name": "humio" };
        assert.deepStrictEqual(ingressSelectors("advanced", "c", false), { ui: humio, ingest: humio });
        assert.deepStrictEqual(ingressSelectors("advanced", "c", true), { ui: { "humio.com/node-pool": "c-ui" }, ingest: { "humio.com/node-pool": "c-ingest-only" } });
        assert.deepStrictEqual(ingressSelectors("dedicated-ui", "c", true), { ui: { "humio.com/node-pool": "c-ui" }, ingest: humio });
        assert.deepStrictEqual(ingressSelectors("basic", "c", true), { ui: humio, ingest: humio });
    });
    it("ingress-nginx keeps client IPs, binds the static IP by name, and only prefers the ingress pool", () => {
        const v = ingressNginxValues({ exposure: { kind: "public", ipResourceGroup: "rg", ipName: "ip" }, acmeEmail: "", replicas: 2, cpu: "1", memory: "1Gi" }) as any;
        assert.strictEqual(v.controller.service.externalTrafficPolicy, "Local");
        assert.strictEqual(v.controller.service.annotations["service.beta.kubernetes.io/azure-pip-name"], "ip");
        assert.strictEqual(v.controller.service.annotations["service.beta.kubernetes.io/azure-load-balancer-internal"], undefined);
        assert.ok(v.controller.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution);
        assert.strictEqual(v.controller.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, undefined);
    });
    it("behind an Application Gateway, ingress-nginx listens on a fixed internal address and claims no public IP", () => {
        const v = ingressNginxValues({ exposure: { kind: "internal", subnetName: "ingress", ip: internalIngressIp("ingress") }, acmeEmail: "", replicas: 2, cpu: "1", memory: "1Gi" }) as any;
        const a = v.controller.service.annotations;
        assert.strictEqual(a["service.beta.kubernetes.io/azure-load-balancer-internal"], "true");
        assert.strictEqual(a["service.beta.kubernetes.io/azure-load-balancer-internal-subnet"], "ingress");
        assert.strictEqual(a["service.beta.kubernetes.io/azure-load-balancer-ipv4"], "172.16.4.250");
        assert.strictEqual(a["service.beta.kubernetes.io/azure-pip-name"], undefined);
    });
    it("Kafka replicates to three brokers with two in sync", () => {
        assert.deepStrictEqual(kafkaBrokerConfig(5), {
            "default.replication.factor": 3,
            "offsets.topic.replication.factor": 3,
            "transaction.state.log.replication.factor": 3,
            "transaction.state.log.min.isr": 2,
            "min.insync.replicas": 2,
        });
    });
    it("global name and probe", () => {
        const s = { globalHostname: "logs", dnsZone: "", trafficManager: { probeIntervalSeconds: 10, probeTimeoutSeconds: 5, toleratedFailures: 3, ttlSeconds: 60 } };
        assert.strictEqual(globalFqdn(s), "logs.trafficmanager.net");
        assert.strictEqual(globalFqdn({ ...s, dnsZone: "example.com" }), "logs.example.com");
        assert.deepStrictEqual(probeSettings(s).customHeaders, [{ name: "Host", value: "logs.trafficmanager.net" }]);
        assert.deepStrictEqual(probeSettings(s).expectedStatusCodeRanges, [{ min: 200, max: 200 }]);
    });
    it("a standby with dedicated routing renders with a warning", async () => {
        const p = await plan("secondary", { drUseDedicatedRouting: true });
        assert.ok(p.rendering.diagnostics.some((d) => d.severity === "warning" && /drUseDedicatedRouting=false on the standby/.test(d.message)));
        assert.deepStrictEqual((await plan("secondary")).rendering.diagnostics, []);
    });
});

describe("humio-operator post-renderer", () => {
    const chart = [
        "---",
        "# Source: humio-operator/templates/operator-deployment.yaml",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: humio-operator",
        "  labels: {app.kubernetes.io/name: humio-operator}",
        "spec:",
        "  replicas: 1",
        "  selector: {matchLabels: {app.kubernetes.io/name: humio-operator}}",
        "  template:",
        "    spec:",
        "      containers: [{name: humio-operator, image: 'humio/humio-operator:0.34.1', args: ['--leader-elect']}]",
        "---",
        "---",
        "apiVersion: v1",
        "kind: ServiceAccount",
        "metadata: {name: humio-operator}",
        "",
    ].join("\n");

    it("removes replicas from the Deployment and leaves everything else as it was", () => {
        const before = yaml.loadAll(chart).filter(Boolean) as any[];
        const after = yaml.loadAll(stripDeploymentReplicas(chart)) as any[];
        assert.strictEqual(after.length, 2);
        assert.strictEqual(after[0].spec.replicas, undefined);
        const { replicas: _replicas, ...rest } = before[0].spec;
        assert.deepStrictEqual(after[0].spec, rest);
        assert.deepStrictEqual(after[1], before[1]);
    });

    it("runs as Helm runs it: an executable reading stdin and writing stdout", async () => {
        const script = path.join(projectRoot, operatorPostRenderer);
        assert.ok(fs.statSync(script).mode & 0o111, "executable bit set");
        const out = await new Promise<string>((resolve, reject) => {
            const child = execFile(script, [], { cwd: projectRoot, timeout: 15000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
            child.stdin!.end(chart);
        });
        const deployment = (yaml.loadAll(out) as any[]).find((d) => d.kind === "Deployment");
        assert.ok(deployment && !("replicas" in deployment.spec));
        assert.strictEqual(deployment.spec.template.spec.containers[0].image, "humio/humio-operator:0.34.1");
    });

    it("fails loudly on a manifest it cannot read", async () => {
        const script = path.join(projectRoot, operatorPostRenderer);
        const code = await new Promise<number>((resolve) => {
            const child = execFile(script, [], { timeout: 15000 }, (err) => resolve(err ? Number(err.code) : 0));
            child.stdin!.end("kind: [unclosed");
        });
        assert.strictEqual(code, 1);
    });

    it("replica decisions", () => {
        assert.deepStrictEqual([operatorReplicas("standby"), operatorReplicas("active"), operatorReplicas("")], [0, 1, 1]);
        assert.strictEqual(humioOperatorChartVersion, "0.34.1");
    });
});
