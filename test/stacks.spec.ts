// Every stack renders in every DR mode, and each mode has the pools, operator
// replicas, environment, selectors, Traffic Manager endpoints and outputs the
// DESIGN table asks for.
import * as assert from "assert";
import { recoveryVariableNames } from "../components/drEnv";
import { Secret } from "../tools/render";
import { StackPlan } from "../tools/renderPair";
import { commonEnv, humioCluster, maybeNamed, named, ofType, plan, planMode, stackModes } from "./helpers";

const agentPools = (p: StackPlan) => ofType(p, "azure-native:containerservice:AgentPool").map((r) => r.inputs.agentPoolName);
const endpoints = (p: StackPlan) => ofType(p, "azure-native:trafficmanager:Endpoint").map((r) => r.inputs as Record<string, any>);
const services = (p: StackPlan) => Object.fromEntries(ofType(p, "kubernetes:core/v1:Service").map((r) => [(r.inputs as any).metadata.name, (r.inputs as any).spec.selector]));
const gate = (p: StackPlan) => maybeNamed(p, "logscale-operator-standby-gate");

const designOutputs = [
    "location",
    "namePrefix",
    "storageAccountName",
    "storageContainerName",
    "storageBlobEndpoint",
    "storageObjectKeyPrefix",
    "storageAccountKey",
    "storageEncryptionKey",
    "egressIp",
    "clusterFqdn",
    "aksClusterName",
    "aksResourceGroup",
];
const trafficManagerOutputs = ["trafficManagerProfileId", "trafficManagerProfileName", "trafficManagerResourceGroup", "globalFqdn", "primaryEndpointName"];
/** DESIGN's outputs "where present", and what the data tier adds beside them. */
const dataTierOutputs = ["postgresServerId", "redisCacheId", "parity", "keyVaultName", "signInClientId", "signInApplicationId"];

describe("every stack × every dr value renders", () => {
    for (const [stack, dr] of stackModes) {
        it(`${stack} with dr=${JSON.stringify(dr)}`, async () => {
            const p = await planMode(stack, dr);
            assert.strictEqual(p.config.values["logscale-dr:dr"], dr);
            const outputs = p.rendering.outputs;
            for (const name of designOutputs) assert.ok(name in outputs, `${stack}/${dr}: output ${name} missing`);
            const unexpected = Object.keys(outputs).filter((k) => ![...designOutputs, ...trafficManagerOutputs, ...dataTierOutputs, "reverseRecoveryEnvVars", "failoverTimeline"].includes(k));
            assert.deepStrictEqual(unexpected, [], "only the outputs DESIGN lists, the data tier's, and the failover timeline");
            for (const name of ["postgresServerId", "redisCacheId", "parity", "keyVaultName"]) assert.ok(name in outputs, `${stack}/${dr}: output ${name} missing`);
            assert.strictEqual("signInClientId" in outputs, stack === "primary", "the stack that manages global DNS owns the sign-in application");
            assert.strictEqual("failoverTimeline" in outputs, dr === "standby", "failoverTimeline exactly on a standby");
            assert.ok(outputs.storageAccountKey instanceof Secret && outputs.storageEncryptionKey instanceof Secret);
        });
    }
});

describe("node pools", () => {
    it("a standby runs system, kafka and digest only, the digest pool at one node", async () => {
        const p = await plan("secondary", { dr: "standby" });
        assert.deepStrictEqual(agentPools(p), ["system", "kafka", "digest"]);
        assert.strictEqual(named(p, "aks-pool-digest").inputs.count, 1);
    });
    it("active and no-DR run every pool of the cluster type at production size", async () => {
        for (const dr of ["active", ""]) {
            const p = await plan("secondary", { dr });
            assert.deepStrictEqual(agentPools(p), ["system", "kafka", "digest", "ingress", "ui", "ingest"]);
            assert.strictEqual(named(p, "aks-pool-digest").inputs.count, 3);
        }
        const basic = await plan("primary", { logscaleClusterType: "basic" });
        assert.deepStrictEqual(agentPools(basic), ["system", "kafka", "digest"]);
    });
    it("subnets exist for every pool of the type, and for the failover function, in every mode: a flip never touches the network", async () => {
        const subnets = async (dr: string) => ofType(await plan("secondary", { dr }), "azure-native:network:Subnet").map((r) => r.inputs.subnetName).sort();
        assert.deepStrictEqual(await subnets("standby"), await subnets("active"));
        assert.deepStrictEqual(await subnets(""), ["digest", "endpoints", "functions", "ingest", "ingress", "kafka", "postgres", "system", "ui"]);
    });
});

describe("humio-operator replicas", () => {
    it("standby: a gate patches the operator Deployment to 0 and never rewrites it", async () => {
        const p = await plan("secondary", { dr: "standby" });
        const g = gate(p);
        assert.ok(g);
        assert.strictEqual(g.type, "kubernetes:apps/v1:DeploymentPatch");
        assert.strictEqual((g.inputs as any).metadata.name, "humio-operator");
        assert.strictEqual((g.inputs as any).spec.replicas, 0);
        assert.deepStrictEqual(g.options.ignoreChanges, ["spec.replicas"]);
        assert.strictEqual(g.options.retainOnDelete, false, "deleting the gate on promotion must hand the field back");
        const hc = ofType(p, "kubernetes:core.humio.com/v1alpha1:HumioCluster")[0];
        assert.ok(hc.options.dependsOn.includes(g.urn), "the HumioCluster waits for the gate");
    });
    it("active and no-DR: no gate, the operator runs at its default of one", async () => {
        for (const dr of ["active", ""]) assert.strictEqual(gate(await plan("secondary", { dr })), undefined);
    });
    it("the operator release is the same in every mode, so promotion never upgrades the chart", async () => {
        const release = async (dr: string) => named(await plan("secondary", { dr }), "logscale-operator-release").inputs;
        const standby = await release("standby");
        assert.deepStrictEqual(await release("active"), standby);
        assert.strictEqual((standby as any).postrender, "./tools/operator-postrender.js");
    });
});

describe("HumioCluster per mode", () => {
    it("standby: one digest node, replication 1, empty UI and ingest pools, the seven recovery variables", async () => {
        const p = await plan("secondary", { dr: "standby" });
        const spec = humioCluster(p).spec;
        assert.strictEqual(spec.nodeCount, 1);
        assert.strictEqual(spec.targetReplicationFactor, 1);
        assert.strictEqual(spec.digestPartitionsCount, 840);
        assert.deepStrictEqual(
            spec.nodePools.map((np: any) => [np.name, np.spec.nodeCount]),
            [
                ["ui", 0],
                ["ingest-only", 0],
            ],
        );
        const env = commonEnv(p);
        const primary = (await plan("primary")).rendering.outputs;
        assert.strictEqual(env.AZURE_RECOVER_FROM_REPLACE_REGION, "eastus/westus");
        assert.strictEqual(env.AZURE_RECOVER_FROM_ACCOUNTNAME, primary.storageAccountName);
        assert.strictEqual(env.AZURE_RECOVER_FROM_BUCKET, primary.storageContainerName);
        assert.strictEqual(env.AZURE_RECOVER_FROM_ENDPOINT_BASE, primary.storageBlobEndpoint);
        assert.strictEqual(env.AZURE_RECOVER_FROM_OBJECT_KEY_PREFIX, primary.storageObjectKeyPrefix);
        assert.strictEqual(env.AZURE_RECOVER_FROM_ACCOUNTKEY, "secretKeyRef:logscale-recovery-source/storage-access-key");
        assert.strictEqual(env.AZURE_RECOVER_FROM_ENCRYPTION_KEY, "secretKeyRef:logscale-recovery-source/storage-encryption-key");
        assert.strictEqual(env.BUCKET_STORAGE_MULTIPLE_ENDPOINTS, "true");
        assert.strictEqual(env.ENABLE_ALERTS, "false");
        assert.ok(!("AZURE_RECOVER_FROM_REPLACE_BUCKET" in env));
    });
    it("active: production counts and alerts on; the recovery variables stay by default and go with drPreserveRecoveryEnv=false", async () => {
        const p = await plan("secondary", { dr: "active" });
        const spec = humioCluster(p).spec;
        assert.strictEqual(spec.nodeCount, 3);
        assert.strictEqual(spec.targetReplicationFactor, 2);
        assert.deepStrictEqual(
            spec.nodePools.map((np: any) => [np.name, np.spec.nodeCount]),
            [
                ["ui", 2],
                ["ingest-only", 3],
            ],
        );
        const env = commonEnv(p);
        assert.strictEqual(env.BUCKET_STORAGE_MULTIPLE_ENDPOINTS, "true");
        assert.strictEqual(env.ENABLE_ALERTS, "true");
        assert.deepStrictEqual(
            Object.keys(env).filter((k) => k.startsWith("AZURE_RECOVER_FROM_")),
            [...recoveryVariableNames],
        );
        const dropped = commonEnv(await plan("secondary", { dr: "active", drPreserveRecoveryEnv: false }));
        assert.deepStrictEqual(Object.keys(dropped).filter((k) => k.startsWith("AZURE_RECOVER_FROM_")), []);
        const primary = commonEnv(await plan("primary"));
        assert.deepStrictEqual(Object.keys(primary).filter((k) => k.startsWith("AZURE_RECOVER_FROM_")), [], "the shipped primary keeps none");
    });
    it('no DR (""): none of the DR variables', async () => {
        const env = commonEnv(await plan("primary", { dr: "" }));
        for (const name of [...recoveryVariableNames, "BUCKET_STORAGE_MULTIPLE_ENDPOINTS", "ENABLE_ALERTS"]) assert.ok(!(name in env), name);
    });
    it("every pool reads the storage and encryption keys from secrets", async () => {
        const env = commonEnv(await plan("primary"));
        assert.strictEqual(env.AZURE_STORAGE_ACCOUNTKEY, "secretKeyRef:azure-storage-key/storage-access-key");
        assert.strictEqual(env.AZURE_STORAGE_ENCRYPTION_KEY, "secretKeyRef:azure-storage-encryption-key/storage-encryption-key");
        assert.strictEqual(env.KAFKA_COMMON_SSL_TRUSTSTORE_PASSWORD, "secretKeyRef:lsdr-pri-strimzi-kafka-cluster-ca-cert/ca.password");
        assert.strictEqual(env.KAFKA_BOOTSTRAP_SERVERS, "lsdr-pri-strimzi-kafka-kafka-bootstrap.logging.svc:9093");
        assert.strictEqual(env.PUBLIC_URL, "https://logscale.logs.example.com");
    });
});

describe("ingress selectors", () => {
    const humio = { "app.kubernetes.io/name": "humio" };
    it("shared routing selects every LogScale pod, in every mode", async () => {
        for (const dr of ["standby", "active"]) {
            const svc = services(await plan("secondary", { dr, drUseDedicatedRouting: false }));
            assert.deepStrictEqual(svc["lsdr-sec-ui-cip"], humio);
            assert.deepStrictEqual(svc["lsdr-sec-ingest-cip"], humio);
        }
    });
    it("dedicated routing selects the UI and ingest pools", async () => {
        const svc = services(await plan("secondary", { dr: "active", drUseDedicatedRouting: true }));
        assert.deepStrictEqual(svc["lsdr-sec-ui-cip"], { "humio.com/node-pool": "lsdr-sec-ui" });
        assert.deepStrictEqual(svc["lsdr-sec-ingest-cip"], { "humio.com/node-pool": "lsdr-sec-ingest-only" });
    });
    it("a cluster type without dedicated pools keeps selecting every LogScale pod", async () => {
        const svc = services(await plan("primary", { logscaleClusterType: "ingress" }));
        assert.deepStrictEqual(svc["lsdr-pri-ui-cip"], humio);
    });
});

describe("Traffic Manager", () => {
    it("the primary owns a Priority profile probing /api/v1/status with the global Host, and the priority-1 endpoint", async () => {
        const p = await plan("primary");
        const [profile] = ofType(p, "azure-native:trafficmanager:Profile");
        const i = profile.inputs as any;
        assert.strictEqual(i.trafficRoutingMethod, "Priority");
        assert.deepStrictEqual(i.dnsConfig, { relativeName: "logscale", ttl: 60 });
        assert.strictEqual(i.monitorConfig.protocol, "HTTPS");
        assert.strictEqual(i.monitorConfig.port, 443);
        assert.strictEqual(i.monitorConfig.path, "/api/v1/status");
        assert.deepStrictEqual([i.monitorConfig.intervalInSeconds, i.monitorConfig.timeoutInSeconds, i.monitorConfig.toleratedNumberOfFailures], [30, 10, 3]);
        assert.deepStrictEqual(i.monitorConfig.customHeaders, [{ name: "Host", value: "logscale.logs.example.com" }]);
        const eps = endpoints(p);
        assert.strictEqual(eps.length, 1);
        assert.strictEqual(eps[0].priority, 1);
        assert.strictEqual(eps[0].target, p.rendering.outputs.clusterFqdn);
        assert.strictEqual(p.rendering.outputs.primaryEndpointName, "lsdr-pri-primary");
    });
    it("probe settings come from config", async () => {
        const p = await plan("primary", { trafficManagerProbeIntervalSeconds: 10, trafficManagerProbeTimeoutSeconds: 5, trafficManagerToleratedFailures: 2, trafficManagerTtlSeconds: 30 });
        const i = ofType(p, "azure-native:trafficmanager:Profile")[0].inputs as any;
        assert.deepStrictEqual([i.monitorConfig.intervalInSeconds, i.monitorConfig.timeoutInSeconds, i.monitorConfig.toleratedNumberOfFailures, i.dnsConfig.ttl], [10, 5, 2, 30]);
    });
    it("the secondary registers priority 2 on the primary's profile in every mode", async () => {
        const primary = (await plan("primary")).rendering.outputs;
        for (const dr of ["standby", "active", ""]) {
            const p = await plan("secondary", { dr });
            assert.deepStrictEqual(ofType(p, "azure-native:trafficmanager:Profile"), []);
            const eps = endpoints(p);
            assert.strictEqual(eps.length, 1, dr);
            assert.strictEqual(eps[0].priority, 2);
            assert.strictEqual(eps[0].profileName, primary.trafficManagerProfileName);
            assert.strictEqual(eps[0].resourceGroupName, primary.trafficManagerResourceGroup);
            assert.strictEqual(eps[0].target, p.rendering.outputs.clusterFqdn);
            assert.strictEqual(named(p, "secondary-endpoint").parent, p.rendering.resources[0].urn, "parented by the stack, not a DR-only component");
        }
    });
    it("without a peer profile there is no secondary endpoint", async () => {
        const p = await plan("secondary", { dr: "", peerStack: "", entraSignIn: false });
        assert.deepStrictEqual(endpoints(p), []);
    });
    it("with a DNS zone the global name is a CNAME to the profile", async () => {
        const p = await plan("primary");
        const [cname] = ofType(p, "azure-native:dns:RecordSet");
        assert.strictEqual((cname.inputs as any).recordType, "CNAME");
        assert.strictEqual((cname.inputs as any).zoneName, "logs.example.com");
        assert.strictEqual((cname.inputs as any).cnameRecord.cname, "logscale.trafficmanager.net");
        const noZone = await plan("primary", { dnsZone: "" });
        assert.deepStrictEqual(ofType(noZone, "azure-native:dns:RecordSet"), []);
        assert.strictEqual(noZone.rendering.outputs.globalFqdn, "logscale.trafficmanager.net");
    });
});

describe("peer wiring", () => {
    it("each storage firewall admits the peer's egress IP and its own subnets with a storage endpoint (pools and the function)", async () => {
        const [primary, secondary] = [await plan("primary"), await plan("secondary")];
        const rules = (p: StackPlan) => (named(p, "logs-account").inputs as any).networkRuleSet;
        assert.strictEqual(rules(primary).defaultAction, "Deny");
        assert.deepStrictEqual(rules(primary).ipRules, [{ iPAddressOrRange: secondary.rendering.outputs.egressIp, action: "Allow" }]);
        assert.deepStrictEqual(rules(secondary).ipRules, [{ iPAddressOrRange: primary.rendering.outputs.egressIp, action: "Allow" }]);
        const withEndpoint = ofType(primary, "azure-native:network:Subnet").filter((r) => ((r.inputs as any).serviceEndpoints ?? []).some((e: any) => e.service === "Microsoft.Storage"));
        assert.deepStrictEqual(
            withEndpoint.map((r) => (r.inputs as any).subnetName),
            ["system", "kafka", "digest", "ingress", "ui", "ingest", "functions"],
        );
        assert.strictEqual(rules(primary).virtualNetworkRules.length, withEndpoint.length);
    });
    it("the primary exports reverseRecoveryEnvVars pointing at the secondary, region pair inverted, as a secret", async () => {
        const [primary, secondary] = [await plan("primary"), await plan("secondary")];
        const reverse = primary.rendering.outputs.reverseRecoveryEnvVars;
        assert.ok(reverse instanceof Secret);
        const env = Object.fromEntries((reverse.value as any[]).map((e) => [e.name, e.value ?? `secretKeyRef:${e.valueFrom.secretKeyRef.name}`]));
        assert.deepStrictEqual(Object.keys(env), [...recoveryVariableNames]);
        assert.strictEqual(env.AZURE_RECOVER_FROM_REPLACE_REGION, "westus/eastus");
        assert.strictEqual(env.AZURE_RECOVER_FROM_ACCOUNTNAME, secondary.rendering.outputs.storageAccountName);
        assert.strictEqual(env.AZURE_RECOVER_FROM_ACCOUNTKEY, "secretKeyRef:logscale-recovery-source");
        assert.ok(!("BUCKET_STORAGE_MULTIPLE_ENDPOINTS" in env));
    });
    it("without peerStack the primary exports no reverse variables and admits no peer IP", async () => {
        const p = await plan("primary", { peerStack: "" });
        assert.ok(!("reverseRecoveryEnvVars" in p.rendering.outputs));
        assert.deepStrictEqual((named(p, "logs-account").inputs as any).networkRuleSet.ipRules, []);
        assert.strictEqual(maybeNamed(p, "logscale-recovery-source"), undefined);
    });
});
