// The whole program, rendered: every stack in every DR mode applies its region
// plan — pools, the operator's gate, the HumioCluster, routing, Traffic
// Manager, peer wiring, outputs — with every HumioCluster valid against its
// CRD, every taggable resource tagged, and every secret kept secret.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { deployedStackOutputNames, recoveryVariableNames, stackOutputNames } from "../../contract";
import { untaggableTypes } from "../../policy/operations";
import { StackPlan } from "../../tools/bringUp";
import { RecordedResource, Secret } from "../../tools/offline/engine";
import { planText } from "../../tools/planOutput";
import { projectRoot } from "../../tools/stackFiles";
import { documentedPlanJson } from "../background";
import { humioClusterValidator } from "../crd";
import { commonEnv, humioCluster, maybeNamed, named, ofType, plan, planMode, secretValues, stackModes } from "../helpers";

/** The cluster's pools: the system pool inline in the cluster, then one AgentPool each. */
const agentPools = (p: StackPlan) => [
    ...((named(p, "aks-cluster").inputs as any).agentPoolProfiles as Array<{ name: string }>).map((x) => x.name),
    ...ofType(p, "azure-native:containerservice:AgentPool").map((r) => r.inputs.agentPoolName),
];
const endpoints = (p: StackPlan) => ofType(p, "azure-native:trafficmanager:Endpoint").map((r) => r.inputs as Record<string, any>);
const services = (p: StackPlan) => Object.fromEntries(ofType(p, "kubernetes:core/v1:Service").map((r) => [(r.inputs as any).metadata.name, (r.inputs as any).spec.selector]));
const gate = (p: StackPlan) => maybeNamed(p, "logscale-operator-standby-gate");
const secondary = (dr: string) => plan("secondary", { dr });

describe("every stack × every dr value renders", () => {
    const validate = (doc: unknown) => humioClusterValidator()(doc);
    for (const [stack, dr] of stackModes) {
        it(`${stack} with dr=${JSON.stringify(dr)}: the contract's outputs, and a HumioCluster the CRD accepts`, async () => {
            const p = await planMode(stack, dr);
            assert.strictEqual(p.config.values["logscale-dr:dr"], dr);
            const outputs = p.rendering.outputs;
            for (const name of deployedStackOutputNames) assert.ok(name in outputs, `${stack}/${dr}: output ${name} missing`);
            assert.deepStrictEqual(Object.keys(outputs).filter((k) => !(stackOutputNames as string[]).includes(k)), [], "only the outputs contract/ names");
            for (const name of ["postgresServerId", "redisCacheId", "keyVaultName"]) assert.ok(name in outputs, `${stack}/${dr}: output ${name} missing`);
            assert.strictEqual("signInClientId" in outputs, stack === "primary", "the stack that manages global DNS owns the sign-in application");
            assert.strictEqual("failoverTimeline" in outputs, dr === "standby", "failoverTimeline exactly on a standby");
            assert.ok(outputs.storageAccountKey instanceof Secret && outputs.storageEncryptionKey instanceof Secret);
            assert.deepStrictEqual(validate(humioCluster(p)), []);
        });
    }
});

describe("node pools and the network", () => {
    it("a standby runs system, kafka and digest only, the digest pool at one node", async () => {
        const p = await secondary("standby");
        assert.deepStrictEqual(agentPools(p), ["system", "kafka", "digest"]);
        assert.strictEqual(named(p, "aks-pool-digest").inputs.count, 1);
    });
    it("active and no-DR run every pool of the cluster type at production size", async () => {
        for (const dr of ["active", ""]) {
            const p = await secondary(dr);
            assert.deepStrictEqual(agentPools(p), ["system", "kafka", "digest", "ingress", "ui", "ingest"]);
            assert.strictEqual(named(p, "aks-pool-digest").inputs.count, 3);
        }
    });
    it("subnets exist for every pool of the type, and for the failover function, in every mode: a flip never touches the network", async () => {
        const subnets = async (dr: string) => ofType(await secondary(dr), "azure-native:network:Subnet").map((r) => r.inputs.subnetName).sort();
        assert.deepStrictEqual(await subnets("standby"), await subnets("active"));
        assert.deepStrictEqual(await subnets(""), ["digest", "endpoints", "functions", "ingest", "ingress", "kafka", "postgres", "system", "ui"]);
    });
});

describe("humio-operator replicas", () => {
    it("standby: a gate patches the operator Deployment to 0 and never rewrites it", async () => {
        const p = await secondary("standby");
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
        for (const dr of ["active", ""]) assert.strictEqual(gate(await secondary(dr)), undefined);
    });
    it("the operator release is the same in every mode, so promotion never upgrades the chart", async () => {
        const release = async (dr: string) => named(await secondary(dr), "logscale-operator-release").inputs;
        const standby = await release("standby");
        assert.deepStrictEqual(await release("active"), standby);
        assert.strictEqual((standby as any).postrender, "./tools/operator-postrender.js");
    });
});

describe("HumioCluster per mode", () => {
    it("standby: one digest node, replication 1, empty UI and ingest pools, the seven recovery variables from the primary's outputs", async () => {
        const p = await secondary("standby");
        const spec = humioCluster(p).spec;
        assert.deepStrictEqual([spec.nodeCount, spec.targetReplicationFactor, spec.digestPartitionsCount], [1, 1, 840]);
        assert.deepStrictEqual(
            spec.nodePools.map((np: any) => [np.name, np.spec.nodeCount]),
            [
                ["ui", 0],
                ["ingest-only", 0],
            ],
        );
        const env = commonEnv(p);
        const primary = p.peer!.outputs;
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
    it("active: production counts and alerts on; the recovery variables stay by default, and the shipped primary has none", async () => {
        const p = await secondary("active");
        const spec = humioCluster(p).spec;
        assert.deepStrictEqual([spec.nodeCount, spec.targetReplicationFactor], [3, 2]);
        assert.deepStrictEqual(
            spec.nodePools.map((np: any) => [np.name, np.spec.nodeCount]),
            [
                ["ui", 2],
                ["ingest-only", 3],
            ],
        );
        const env = commonEnv(p);
        assert.deepStrictEqual([env.BUCKET_STORAGE_MULTIPLE_ENDPOINTS, env.ENABLE_ALERTS], ["true", "true"]);
        assert.deepStrictEqual(Object.keys(env).filter((k) => k.startsWith("AZURE_RECOVER_FROM_")), recoveryVariableNames);
        const primary = commonEnv(await plan("primary"));
        assert.deepStrictEqual(Object.keys(primary).filter((k) => k.startsWith("AZURE_RECOVER_FROM_")), [], "the shipped primary keeps none");
    });
    it('no DR (""): none of the DR variables', async () => {
        const env = commonEnv(await planMode("primary", ""));
        for (const name of [...recoveryVariableNames, "BUCKET_STORAGE_MULTIPLE_ENDPOINTS", "ENABLE_ALERTS"]) assert.ok(!(name in env), name);
    });
    it("the region's own bucket and the global name", async () => {
        const p = await plan("primary");
        const env = commonEnv(p);
        assert.strictEqual(env.AZURE_STORAGE_ACCOUNTNAME, p.rendering.outputs.storageAccountName);
        assert.strictEqual(env.AZURE_STORAGE_ENDPOINT_BASE, p.rendering.outputs.storageBlobEndpoint);
        assert.strictEqual(env.PUBLIC_URL, "https://logscale.logs.example.com");
    });
});

describe("routing", () => {
    const humio = { "app.kubernetes.io/name": "humio" };
    it("the shipped secondary's shared routing selects every LogScale pod, standby and promoted", async () => {
        for (const dr of ["standby", "active"]) {
            const svc = services(await secondary(dr));
            assert.deepStrictEqual([svc["lsdr-sec-ui-cip"], svc["lsdr-sec-ingest-cip"]], [humio, humio]);
        }
    });
    it("dedicated routing selects the UI and ingest pools", async () => {
        const svc = services(await plan("secondary", { dr: "active", drUseDedicatedRouting: true }));
        assert.deepStrictEqual(svc["lsdr-sec-ui-cip"], { "humio.com/node-pool": "lsdr-sec-ui" });
        assert.deepStrictEqual(svc["lsdr-sec-ingest-cip"], { "humio.com/node-pool": "lsdr-sec-ingest-only" });
    });
    it("a standby with dedicated routing renders with the plan's warning; the shipped stacks with only the one that they admit no deployer", async () => {
        const p = await plan("secondary", { drUseDedicatedRouting: true });
        assert.ok(p.rendering.diagnostics.some((d) => d.severity === "warning" && /drUseDedicatedRouting=false on the standby/.test(d.message)));
        const shipped = (await secondary("standby")).rendering.diagnostics;
        assert.deepStrictEqual(shipped.map((d) => [d.severity, /^deployerIpRanges is empty: the AKS API server admits only this region's egress IP/.test(d.message)]), [["warning", true]]);
        assert.deepStrictEqual((await plan("secondary", { deployerIpRanges: ["20.30.40.0/24"] })).rendering.diagnostics, []);
    });
});

describe("Traffic Manager", () => {
    it("the primary owns a Priority profile probing /api/v1/status with the global Host, and the priority-1 endpoint", async () => {
        const p = await plan("primary");
        const [profile] = ofType(p, "azure-native:trafficmanager:Profile");
        const i = profile.inputs as any;
        assert.strictEqual(i.trafficRoutingMethod, "Priority");
        assert.deepStrictEqual(i.dnsConfig, { relativeName: "logscale", ttl: 60 });
        assert.deepStrictEqual([i.monitorConfig.protocol, i.monitorConfig.port, i.monitorConfig.path], ["HTTPS", 443, "/api/v1/status"]);
        assert.deepStrictEqual([i.monitorConfig.intervalInSeconds, i.monitorConfig.timeoutInSeconds, i.monitorConfig.toleratedNumberOfFailures], [10, 5, 2]);
        assert.deepStrictEqual(i.monitorConfig.customHeaders, [{ name: "Host", value: "logscale.logs.example.com" }]);
        const eps = endpoints(p);
        assert.strictEqual(eps.length, 1);
        assert.strictEqual(eps[0].priority, 1);
        assert.strictEqual(eps[0].target, p.rendering.outputs.clusterFqdn);
        assert.strictEqual(p.rendering.outputs.primaryEndpointName, "lsdr-pri-primary");
    });
    it("the secondary registers priority 2 on the primary's profile in every mode, parented by the stack", async () => {
        for (const dr of ["standby", "active", ""]) {
            const p = await secondary(dr);
            const primary = p.peer!.outputs;
            assert.deepStrictEqual(ofType(p, "azure-native:trafficmanager:Profile"), []);
            const eps = endpoints(p);
            assert.strictEqual(eps.length, 1, dr);
            assert.deepStrictEqual([eps[0].priority, eps[0].profileName, eps[0].resourceGroupName, eps[0].target], [2, primary.trafficManagerProfileName, primary.trafficManagerResourceGroup, p.rendering.outputs.clusterFqdn]);
            assert.strictEqual(named(p, "secondary-endpoint").parent, p.rendering.resources[0].urn, "parented by the stack, not a DR-only component");
        }
    });
    it("with a DNS zone the global name is a CNAME to the profile", async () => {
        const [cname] = ofType(await plan("primary"), "azure-native:dns:RecordSet");
        assert.deepStrictEqual([(cname.inputs as any).recordType, (cname.inputs as any).zoneName, (cname.inputs as any).cnameRecord.cname], ["CNAME", "logs.example.com", "logscale.trafficmanager.net"]);
    });
});

describe("peer wiring", () => {
    it("each storage firewall admits the peer's egress IP, its own subnets with a storage endpoint (pools and the function) and the peer's", async () => {
        const [primary, secondaryPlan] = [await plan("primary"), await secondary("standby")];
        const rules = (p: StackPlan) => (named(p, "logs-account").inputs as any).networkRuleSet;
        assert.strictEqual(rules(primary).defaultAction, "Deny");
        assert.deepStrictEqual(rules(primary).ipRules, [{ iPAddressOrRange: primary.peer!.outputs.egressIp, action: "Allow" }]);
        assert.deepStrictEqual(rules(secondaryPlan).ipRules, [{ iPAddressOrRange: secondaryPlan.peer!.outputs.egressIp, action: "Allow" }]);
        const withEndpoint = ofType(primary, "azure-native:network:Subnet").filter((r) => ((r.inputs as any).serviceEndpoints ?? []).some((e: any) => e.service === "Microsoft.Storage"));
        assert.deepStrictEqual(
            withEndpoint.map((r) => (r.inputs as any).subnetName),
            ["system", "kafka", "digest", "ingress", "ui", "ingest", "functions"],
        );
        assert.strictEqual(rules(primary).virtualNetworkRules.length, withEndpoint.length + (primary.peer!.outputs.storageSubnetIds as string[]).length);
    });
    it("the primary exports reverseRecoveryEnvVars pointing at the secondary, region pair inverted, as a secret", async () => {
        const primary = await plan("primary");
        const reverse = primary.rendering.outputs.reverseRecoveryEnvVars;
        assert.ok(reverse instanceof Secret);
        const env = Object.fromEntries((reverse.value as any[]).map((e) => [e.name, e.value ?? `secretKeyRef:${e.valueFrom.secretKeyRef.name}`]));
        assert.deepStrictEqual(Object.keys(env), recoveryVariableNames);
        assert.strictEqual(env.AZURE_RECOVER_FROM_REPLACE_REGION, "westus/eastus");
        assert.strictEqual(env.AZURE_RECOVER_FROM_ACCOUNTNAME, primary.peer!.outputs.storageAccountName);
        assert.strictEqual(env.AZURE_RECOVER_FROM_ACCOUNTKEY, "secretKeyRef:logscale-recovery-source");
        assert.ok(!("BUCKET_STORAGE_MULTIPLE_ENDPOINTS" in env));
    });
    it("the moved Kubernetes resources keep their old place through aliases", async () => {
        const p = await plan("primary");
        const formerParent = "urn:pulumi:primary::logscale-dr::logscale-dr:logscale:LogScale::logscale";
        for (const name of ["logscale-k8s", "logscale-namespace", "logscale-kafka", "logscale-operator", "logscale-ingress"]) {
            assert.deepStrictEqual(named(p, name).options.aliases.map((a) => JSON.parse(a)), [{ parentUrn: formerParent }], name);
        }
        // The ingress-nginx IngressController became the EdgeGateway: cert-manager's release keeps its URN.
        const formerType = "logscale-dr:ingress:IngressController";
        assert.deepStrictEqual(named(p, "ingress-controller").options.aliases.map((a) => JSON.parse(a)), [
            { parentUrn: "urn:pulumi:primary::logscale-dr::pulumi:pulumi:Stack::logscale-dr-primary", type: formerType },
            { name: "logscale-edge", type: formerType, parentUrn: formerParent },
        ]);
    });
});

describe("tags", () => {
    const sdkTaggable = new Map<string, boolean>();
    /** Whether the azure-native SDK lets this resource type carry tags: its arguments have `tags`. */
    function taggable(type: string): boolean {
        let known = sdkTaggable.get(type);
        if (known === undefined) {
            const [, module, resource] = type.split(":");
            const file = path.join(projectRoot, "node_modules/@pulumi/azure-native", module, `${resource[0].toLowerCase()}${resource.slice(1)}.d.ts`);
            const source = fs.readFileSync(file, "utf8");
            const args = source.slice(source.indexOf(`export interface ${resource}Args {`));
            known = /^ {4}tags\?:/m.test(args.slice(0, args.indexOf("\n}")));
            sdkTaggable.set(type, known);
        }
        return known;
    }
    const rendered: Array<[string, RecordedResource[]]> = [];
    before(async function () {
        this.timeout(120_000);
        for (const [stack, dr] of stackModes) rendered.push([`${stack}/${dr || "none"}`, (await planMode(stack, dr)).rendering.resources]);
        rendered.push(["primary/appGateway", (await plan("primary", { edge: "appGateway" }, { edge: "appGateway" })).rendering.resources]);
    });

    it("the SDK check tells taggable from untaggable resources", () => {
        assert.ok(taggable("azure-native:storage:StorageAccount"));
        assert.ok(taggable("azure-native:keyvault:Secret"));
        assert.ok(!taggable("azure-native:network:Subnet"));
        assert.ok(!taggable("azure-native:redis:LinkedServer"));
    });

    it("every taggable resource of every render carries the pair's tags, the stack's name and the user's", () => {
        let checked = 0;
        for (const [label, resources] of rendered) {
            const drStack = label.split("/")[0];
            for (const r of resources.filter((x) => x.custom && !x.read && x.type.startsWith("azure-native:") && taggable(x.type))) {
                const tags = (r.inputs.tags ?? {}) as Record<string, string>;
                assert.deepStrictEqual(
                    { app: tags.app, managedBy: tags.managedBy, costCenter: tags.costCenter, drStack: tags.drStack, drPair: tags.drPair, environment: tags.environment },
                    { app: "logscale", managedBy: "pulumi", costCenter: "platform-logging", drStack, drPair: "logscale-dr", environment: "production" },
                    `${label}: ${r.type} ${r.name}`,
                );
                checked++;
            }
        }
        assert.ok(checked >= rendered.length * 30, `checked ${checked} resources`);
    });

    it("the tag policy excuses exactly the untaggable types, as the SDK defines them", () => {
        const types = new Set(rendered.flatMap(([, rs]) => rs.filter((r) => r.custom && !r.read && r.type.startsWith("azure-native:")).map((r) => r.type)));
        assert.deepStrictEqual([...types].filter((t) => !taggable(t) && !untaggableTypes.has(t)).sort(), [], "rendered untaggable types the policy would flag");
        assert.deepStrictEqual([...untaggableTypes].filter((t) => taggable(t)), [], "taggable types the policy excuses");
    });
});

describe("secrets", () => {
    it("stack outputs carrying keys are secrets", async () => {
        for (const p of [await plan("primary"), await secondary("standby")]) {
            for (const name of ["storageAccountKey", "storageEncryptionKey"]) assert.ok(p.rendering.outputs[name] instanceof Secret, `${p.rendering.stack}.${name}`);
            assert.ok(String((p.rendering.outputs.storageEncryptionKey as Secret).value).length >= 64);
        }
    });
    it("kubeconfig, Kubernetes secret data and the license reach resources only as secrets", async () => {
        const p = await secondary("standby");
        assert.ok(named(p, "logscale-k8s").inputs.kubeconfig instanceof Secret);
        for (const name of ["logscale-storage-key", "logscale-encryption-key", "logscale-oidc", "logscale-license", "logscale-recovery-source"]) {
            assert.ok(named(p, name).inputs.stringData instanceof Secret, name);
        }
    });
    it("the renders hold real secret values, and the text plan prints none of them", async () => {
        const [primary, standby] = [await plan("primary"), await secondary("standby")];
        const secrets = secretValues(primary, standby);
        assert.ok(secrets.includes(String((primary.rendering.outputs.storageAccountKey as Secret).value)));
        assert.ok(secrets.length >= 8, `only ${secrets.length} secret values found`);
        const text = [primary, standby].map((p) => planText(p)).join("\n");
        for (const s of secrets) assert.ok(!text.includes(s), `secret value leaked: ${s.slice(0, 6)}…`);
        assert.ok(text.includes("[secret]"));
    });
    it("npm run plan -- --json prints each stack's plan document, and none of the secrets", async function () {
        this.timeout(120_000);
        const json = await documentedPlanJson();
        assert.strictEqual(json.code, 0, json.stderr);
        const secrets = secretValues(await plan("primary"), await secondary("standby"));
        for (const out of [json.planJson, json.stdout, json.stderr]) for (const s of secrets) assert.ok(!out.includes(s), `secret value leaked: ${s.slice(0, 6)}…`);
        const docs = JSON.parse(json.planJson).stacks;
        assert.deepStrictEqual(docs.map((d: { stack: string }) => d.stack), ["primary", "secondary"]);
        const doc = docs[1];
        assert.deepStrictEqual(Object.keys(doc), ["project", "stack", "config", "resources", "outputs", "preflight", "capacity"]);
        assert.deepStrictEqual(doc.preflight.violations, [], "the shipped stack passes the preflight");
        assert.deepStrictEqual([doc.project, doc.stack, doc.config["logscale-dr:dr"], doc.config["logscale-dr:logscaleLicense"], doc.outputs.storageAccountKey], ["logscale-dr", "secondary", "standby", "[secret]", "[secret]"]);
        for (const r of doc.resources) {
            assert.deepStrictEqual(Object.keys(r), ["urn", "type", "name", "parent", "custom", "inputs", "options"]);
            assert.deepStrictEqual(Object.keys(r.options), ["protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "aliases", "dependsOn"]);
        }
        const urns = new Set(doc.resources.map((r: { urn: string }) => r.urn));
        for (const r of doc.resources) assert.ok(r.parent === null || urns.has(r.parent), `${r.name}: parent ${r.parent} not in the plan`);
    });
    it("the text plan shows each stack's tree and one-line summary", async () => {
        const text = [await plan("primary"), await secondary("standby")].map((p) => planText(p)).join("\n");
        assert.match(text, /^primary: \d+ resources \(azure-native \d+, kubernetes \d+.*\) · dr=active · routing dedicated pools$/m);
        assert.match(text, /^secondary: \d+ resources \(.*\) · dr=standby · routing shared \(app\.kubernetes\.io\/name=humio\)$/m);
        assert.match(text, /└─ azure-native:trafficmanager:Endpoint {2}secondary-endpoint-endpoint {2}\[priority 2; target lsdr-sec-logscale-[0-9a-f]{16}\.westus\.cloudapp\.azure\.com\]/);
    });
});
