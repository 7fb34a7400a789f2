// The small pure functions the components and the region plan are built from.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { aksServerAppId, nodePoolLabels, poolRoles } from "../../contract";
import { parseStackSettings } from "../../config/parse";
import { arePairedRegions, pairedRegion } from "../../config/regions";
import { azureCliKubeconfig } from "../../components/aks";
import { operatorPostRenderer } from "../../components/humioOperator";
import { envoyProxySpec } from "../../components/gateway";
import { kafkaBrokerConfig } from "../../components/kafka";
import { vnetAddressSpace } from "../../components/network";
import { globalName } from "../../components/naming";
import { objectKeyPrefix } from "../../components/storage";
import { probeSettings } from "../../components/trafficManager";
import { failoverTimeline, TimelineSettings } from "../../model/failoverTimeline";
import { internalIngressIp, nsgRules, subnetCidr } from "../../model/network";
import { recoveryEnvVars } from "../../model/recovery";
import { clusterTypePools, dedicatedRoles, ingressControllerPools, productionNodePools } from "../../model/sizing";
import { mockKubeconfig } from "../../tools/offline/mockCloud";
import { projectRoot } from "../../tools/stackFiles";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stripDeploymentReplicas } = require("../../tools/operator-postrender.js") as { stripDeploymentReplicas(m: string): string };

describe("node pool decisions", () => {
    it("pools per cluster type, at production size", () => {
        assert.deepStrictEqual(clusterTypePools("basic"), ["system", "kafka", "digest"]);
        assert.deepStrictEqual(clusterTypePools("ingress"), ["system", "kafka", "digest", "ingress"]);
        assert.deepStrictEqual(clusterTypePools("dedicated-ui"), ["system", "kafka", "digest", "ingress", "ui"]);
        assert.deepStrictEqual(clusterTypePools("advanced"), ["system", "kafka", "digest", "ingress", "ui", "ingest"]);
        assert.deepStrictEqual(productionNodePools("advanced", "small").map((p) => [p.name, p.count, p.minCount, p.mode, p.powerState]), [
            ["system", 3, 2, "System", "Running"],
            ["kafka", 5, 5, "User", "Running"],
            ["digest", 6, 6, "User", "Running"],
            ["ingress", 3, 3, "User", "Running"],
            ["ui", 3, 3, "User", "Running"],
            ["ingest", 6, 6, "User", "Running"],
        ]);
    });
    it("the HumioCluster's dedicated pools follow the AKS pools of the type", () => {
        assert.deepStrictEqual(["basic", "ingress", "dedicated-ui", "advanced"].map((t) => dedicatedRoles(t as "basic")), [[], [], ["ui"], ["ui", "ingest"]]);
    });
    it("pool roles are valid AKS pool names and their labels valid, distinct label values", () => {
        for (const r of poolRoles) assert.match(r, /^[a-z][a-z0-9]{0,11}$/, "AKS Linux pool names: 12 lower-case alphanumerics");
        const labels = poolRoles.map((r) => nodePoolLabels[r]);
        for (const l of labels) assert.match(l, /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "Kubernetes label value");
        assert.strictEqual(new Set(labels).size, labels.length);
    });
    it("the ingress controller may run on the system pool, and on the ingress pool where the type has one", () => {
        assert.deepStrictEqual(ingressControllerPools("basic"), ["system"]);
        assert.deepStrictEqual(ingressControllerPools("advanced"), ["system", "ingress"]);
    });
});

describe("network decisions", () => {
    it("one /24 per pool inside the VNet, all distinct", () => {
        const cidrs = poolRoles.map((r) => subnetCidr(r));
        assert.strictEqual(new Set(cidrs).size, poolRoles.length);
        const [vnet, vnetBits] = vnetAddressSpace.split("/");
        assert.strictEqual(vnetBits, "16");
        for (const c of cidrs) assert.match(c, new RegExp(`^${vnet.split(".").slice(0, 2).join("\\.")}\\.\\d+\\.0/24$`), "inside the VNet");
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

describe("recovery variables", () => {
    const source = { location: "eastus", accountName: "a", containerName: "c", blobEndpoint: "https://a.blob.core.windows.net/", objectKeyPrefix: "p/" };
    it("recover from the peer's bucket, patching its region to this one's", () => {
        const env = Object.fromEntries(recoveryEnvVars(source, "westus").map((e) => [e.name, e.value ?? e.valueFrom?.secretKeyRef.key]));
        assert.deepStrictEqual(env, {
            AZURE_RECOVER_FROM_BUCKET: "c",
            AZURE_RECOVER_FROM_ACCOUNTNAME: "a",
            AZURE_RECOVER_FROM_ACCOUNTKEY: "storage-access-key",
            AZURE_RECOVER_FROM_ENDPOINT_BASE: "https://a.blob.core.windows.net/",
            AZURE_RECOVER_FROM_OBJECT_KEY_PREFIX: "p/",
            AZURE_RECOVER_FROM_ENCRYPTION_KEY: "storage-encryption-key",
            AZURE_RECOVER_FROM_REPLACE_REGION: "eastus/westus",
        });
    });
    it("never set AZURE_RECOVER_FROM_REPLACE_BUCKET, and never put a key in a literal", () => {
        const env = recoveryEnvVars(source, "westus");
        assert.ok(!env.some((e) => e.name === "AZURE_RECOVER_FROM_REPLACE_BUCKET"));
        for (const e of env.filter((e) => /(ACCOUNTKEY|ENCRYPTION_KEY)$/.test(e.name))) assert.ok(e.valueFrom && e.value === undefined, e.name);
    });
});

describe("edge and routing decisions", () => {
    it("Envoy keeps client IPs, binds the static IP by name, and only prefers the ingress pool", () => {
        const k = (envoyProxySpec({ kind: "public", ipResourceGroup: "rg", ipName: "ip" }, { replicas: 2, cpu: "1", memory: "1Gi" }) as any).provider.kubernetes;
        assert.strictEqual(k.envoyService.externalTrafficPolicy, "Local");
        assert.strictEqual(k.envoyService.annotations["service.beta.kubernetes.io/azure-pip-name"], "ip");
        assert.strictEqual(k.envoyService.annotations["service.beta.kubernetes.io/azure-load-balancer-internal"], undefined);
        assert.ok(k.envoyDeployment.pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution);
        assert.strictEqual(k.envoyDeployment.pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, undefined);
        assert.deepStrictEqual([k.envoyHpa.minReplicas, k.envoyHpa.maxReplicas], [2, 6]);
    });
    it("behind an Application Gateway, Envoy listens on a fixed internal address and claims no public IP", () => {
        const a = (envoyProxySpec({ kind: "internal", subnetName: "ingress", ip: internalIngressIp("ingress") }, { replicas: 2, cpu: "1", memory: "1Gi" }) as any).provider.kubernetes.envoyService.annotations;
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
    it("the Traffic Manager probe: HTTPS on /api/v1/status with the global name as Host, 200 only", () => {
        const probe = probeSettings({ intervalSeconds: 10, timeoutSeconds: 5, toleratedFailures: 3, hostHeader: "logs.trafficmanager.net" });
        assert.deepStrictEqual([probe.protocol, probe.port, probe.path], ["HTTPS", 443, "/api/v1/status"]);
        assert.deepStrictEqual(probe.customHeaders, [{ name: "Host", value: "logs.trafficmanager.net" }]);
        assert.deepStrictEqual(probe.expectedStatusCodeRanges, [{ min: 200, max: 200 }]);
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

});

describe("failover timeline", () => {
    const defaults = parseStackSettings({ namePrefix: "lsdr" }, { project: "logscale-dr", stack: "secondary", location: "westus" });
    const settings = (o: Partial<TimelineSettings> = {}): TimelineSettings => ({ ...defaults, ...o });
    it("defaults: a 20 s first probe + 120 s confirmation + 16 s for the deciding evaluation = 156 s; Traffic Manager has agreed by then", () => {
        assert.deepStrictEqual(failoverTimeline(settings()), {
            firstProbeSeconds: 20,
            confirmationSeconds: 120,
            trafficManagerSeconds: 0,
            actionSeconds: 16,
            totalSeconds: 156,
            agentPoolStartSeconds: 0,
        });
    });
    it("a warm standby with the default config fails over within 240 s", () => {
        assert.strictEqual(defaults.standbyTier, "warm");
        assert.ok(failoverTimeline(defaults).totalSeconds <= 240, `${failoverTimeline(defaults).totalSeconds} s`);
    });
    it("the confirmation is the longer of the probe count and the window, in evaluation periods", () => {
        assert.strictEqual(failoverTimeline(settings({ failoverConfirmationProbes: 30, failoverConfirmationSeconds: 40 })).confirmationSeconds, 29 * 20);
        assert.strictEqual(failoverTimeline(settings({ failoverConfirmationSeconds: 130 })).confirmationSeconds, 7 * 20);
    });
    it("slow Traffic Manager probing delays the decision past the confirmation", () => {
        // 30 s × (9 + 1) + 10 s = 310 s to Degraded, decided at the evaluation after it (320 s), 140 s after the confirmation.
        const slow = failoverTimeline(settings({ trafficManagerProbeIntervalSeconds: 30, trafficManagerProbeTimeoutSeconds: 10, trafficManagerToleratedFailures: 9 }));
        assert.deepStrictEqual([slow.trafficManagerSeconds, slow.totalSeconds], [180, 20 + 120 + 180 + 16]);
    });
    it("a cold standby's pool start follows the total, outside it", () => {
        const cold = failoverTimeline(settings({ standbyTier: "cold" }));
        assert.deepStrictEqual([cold.agentPoolStartSeconds, cold.totalSeconds], [900, failoverTimeline(settings()).totalSeconds]);
    });
});
