// What Azure would refuse or misrun, rendered: one declaration per node pool,
// a cold standby whose pools are created running and stopped once they exist
// (and never again by pulumi up), Redis caches that passive geo-replication
// accepts, the PostgreSQL promotion only as an update of an existing replica,
// the peer's subnets in each storage firewall, patch and node-OS upgrades in
// windows the two regions never share, and no HumioCluster field
// humio-operator 0.34.1 ignores. Upstream definitions are read from
// ../shared/schemas.
import * as assert from "assert";
import * as yaml from "js-yaml";
import { StackPlan } from "../../tools/bringUp";
import { RecordedResource } from "../../tools/offline/engine";
import { diffRenderings } from "../../tools/planDiff";
import { humioCluster, maybeNamed, named, ofType, plan, planMode, stackModes } from "../helpers";
import { sharedSchema } from "../schemas";

const agentPool = "azure-native:containerservice:AgentPool";
const armDeployment = "azure-native:resources:Deployment";
const inputs = (r: RecordedResource) => r.inputs as Record<string, any>;
const pools = (p: StackPlan) => ofType(p, agentPool);
const warnings = (p: StackPlan) => p.rendering.diagnostics.filter((d) => d.severity === "warning").map((d) => d.message);
const excerpt = (file: string) => JSON.parse(sharedSchema(`azure/${file}`));

describe("AKS node pools: one declaration each", () => {
    it("the system pool is declared inline in the cluster only, every other pool by its own AgentPool; the inline one is not ignored", async () => {
        for (const p of [await plan("primary"), await plan("secondary"), await plan("secondary", { dr: "active" })]) {
            const cluster = named(p, "aks-cluster");
            const inline = (inputs(cluster).agentPoolProfiles as Array<{ name: string; mode: string }>).map((x) => x.name);
            const declared = [...inline, ...pools(p).map((r) => String(inputs(r).agentPoolName))];
            assert.deepStrictEqual(
                declared.filter((n, i) => declared.indexOf(n) !== i),
                [],
                `${p.rendering.stack}: azure-native refuses to create a pool the cluster already holds ("cannot create already existing subresource")`,
            );
            assert.deepStrictEqual(inline, ["system"], "AKS needs a system pool in the cluster at creation");
            assert.ok(!cluster.options.ignoreChanges.some((i) => i.startsWith("agentPoolProfiles")), "the system pool's changes reach Azure through the cluster's update");
        }
    });
});

describe("cold standby", () => {
    let cold: StackPlan;
    before(async () => {
        cold = await plan("secondary", { standbyTier: "cold" });
    });
    const stopSteps = (p: StackPlan) => ofType(p, armDeployment);

    it("no pool is declared Stopped: AKS creates a pool Running and stops only a Running, Succeeded one", () => {
        for (const r of pools(cold)) assert.notStrictEqual(inputs(r).powerState?.code, "Stopped", `${r.name} would be created (or updated) Stopped`);
        assert.deepStrictEqual(
            pools(cold).map((r) => [inputs(r).agentPoolName, inputs(r).powerState, r.options.ignoreChanges]),
            [
                ["kafka", undefined, []],
                ["digest", undefined, []],
            ],
            "a cold pool's power state is not Pulumi's: created Running, stopped once by its stop step, started by a failover",
        );
    });

    it("each user pool is stopped once it exists: a stop step after the pool, with inputs that never change", () => {
        const cluster = String(inputs(named(cold, "aks-cluster")).resourceName);
        const steps = stopSteps(cold);
        assert.deepStrictEqual(steps.map((s) => s.name), ["aks-pool-kafka-stop", "aks-pool-digest-stop"]);
        for (const step of steps) {
            const pool = named(cold, step.name.replace(/-stop$/, ""));
            assert.ok(step.options.dependsOn.includes(pool.urn), `${step.name} runs once ${pool.name} exists`);
            assert.deepStrictEqual(inputs(step).properties.mode, "Incremental");
            assert.deepStrictEqual(inputs(step).properties.template.resources, [
                {
                    type: "Microsoft.ContainerService/managedClusters/agentPools",
                    apiVersion: "2025-09-01",
                    name: `${cluster}/${inputs(pool).agentPoolName}`,
                    properties: { powerState: { code: "Stopped" } },
                },
            ]);
            // A PUT of an ARM deployment runs its template again: nothing may ever update it.
            assert.deepStrictEqual([...step.options.ignoreChanges].sort(), ["properties", "tags"]);
        }
        assert.deepStrictEqual(cold.rendering.outputs.coldAgentPoolIds, pools(cold).map((r) => r.state.id), "the pools the function and drctl failover start");
        assert.ok(warnings(cold).some((w) => w.startsWith("standbyTier=cold:")), "the plan says the pools run until their stop steps have run");
    });

    it("a later pulumi up that changes the pools — a failover may be serving on them — stops nothing", async () => {
        const later = await plan("secondary", { standbyTier: "cold", tags: ["costCenter=platform-logging", "team=dr"] });
        const d = diffRenderings(cold.rendering, later.rendering);
        assert.ok(d.changes.some((c) => c.type === agentPool && c.kind === "update"), "the pools do change");
        assert.deepStrictEqual(d.changes.filter((c) => c.type === armDeployment).map((c) => `${c.kind} ${c.name}`), [], "no stop step acts again");
        for (const r of pools(later)) assert.notStrictEqual(inputs(r).powerState?.code, "Stopped", r.name);
    });

    it("promotion starts the pools and drops the stop steps; a warm standby has none", async () => {
        const promoted = await plan("secondary", { standbyTier: "cold", dr: "active" });
        assert.deepStrictEqual(stopSteps(promoted), []);
        assert.ok(pools(promoted).every((r) => inputs(r).powerState?.code === "Running"));
        const d = diffRenderings(cold.rendering, promoted.rendering);
        assert.deepStrictEqual(
            d.changes.filter((c) => c.type === agentPool && ["kafka", "digest"].some((n) => c.name.endsWith(n))).map((c) => c.paths.includes("powerState") || c.paths.includes("powerState.code")),
            [true, true],
            "the stopped pools are asked to run",
        );
        assert.deepStrictEqual(stopSteps(await plan("secondary")), []);
    });
});

describe("Redis: caches geo-replication accepts", () => {
    it("every cache is created without zone redundancy, which passive geo-replication does not support", async () => {
        const policy = excerpt("redis-2024-11-01.excerpt.json").definitions.RedisCommonProperties.properties.zonalAllocationPolicy;
        for (const p of [await plan("primary"), await plan("secondary"), await plan("secondary", { dr: "active" })]) {
            const cache = inputs(named(p, "redis-cache"));
            assert.strictEqual(cache.zonalAllocationPolicy, "NoZones", `${p.rendering.stack}: unset is Automatic (zone-redundant) where the region has zones`);
            assert.ok(policy.enum.includes(cache.zonalAllocationPolicy));
            assert.strictEqual(cache.zones, undefined);
        }
    });
});

describe("PostgreSQL: promotion only as an update of an existing replica", () => {
    const definitions = excerpt("postgresql-2025-08-01.excerpt.json").definitions;

    it("a replica is never created with the promotion: the excerpt marks replica and its promote fields update-only", async () => {
        assert.deepStrictEqual(definitions.ServerProperties.properties.replica["x-ms-mutability"], ["read", "update"]);
        assert.deepStrictEqual([definitions.Replica.properties.promoteMode["x-ms-mutability"], definitions.Replica.properties.promoteOption["x-ms-mutability"]], [["update"], ["update"]]);
        // A fresh dr=active stack with a replica lineage creates a replica: nothing update-only in it.
        for (const p of [await plan("secondary"), await plan("secondary", { dr: "active" })]) {
            const server = inputs(named(p, "postgres-server"));
            assert.strictEqual(server.createMode, "Replica");
            assert.strictEqual(server.replica, undefined, `${p.rendering.stack} dr=${p.config.values["logscale-dr:dr"]}`);
        }
    });

    it("postgresPromote sends the promotion in one update; the next update without it sends nothing more", async () => {
        const [active, promoting] = [await plan("secondary", { dr: "active" }), await plan("secondary", { dr: "active", postgresPromote: true, postgresPromoteOption: "forced" })];
        assert.deepStrictEqual(inputs(named(promoting, "postgres-server")).replica, { promoteMode: "Standalone", promoteOption: "Forced" });
        const server = (from: StackPlan, to: StackPlan) => diffRenderings(from.rendering, to.rendering).changes.find((c) => c.name === "postgres-server");
        assert.deepStrictEqual([server(active, promoting)?.kind, server(active, promoting)?.paths], ["update", ["replica"]], "an update of the existing replica, nothing else");
        assert.deepStrictEqual([server(promoting, active)?.kind, server(promoting, active)?.paths], ["update", ["replica"]], "unset afterwards: the standalone server is not asked again");
        assert.ok(warnings(promoting).some((w) => w.startsWith("postgresPromote=true:")));
        assert.strictEqual(named(promoting, "postgres-server").options.protect, true);
    });

    it("refused where there is no existing replica to promote in this update", async () => {
        const refused = (pattern: RegExp) => (e: Error) => pattern.test(e.message);
        await assert.rejects(plan("secondary", { postgresPromote: true }), refused(/^--config postgresPromote=true: logscale-dr:postgresPromote: true is not allowed with dr=standby/));
        await assert.rejects(plan("primary", { postgresPromote: true }), refused(/^--config postgresPromote=true: logscale-dr:postgresPromote: true is not allowed without postgresReplicaOf/));
        const target = await planMode("primary", "standby");
        const values = target.config.values;
        await assert.rejects(
            plan("primary", { dr: "active", postgresReplicaOf: String(values["logscale-dr:postgresReplicaOf"]), postgresReprotect: true, postgresPromote: true }, { dr: "active" }),
            refused(/logscale-dr:postgresPromote: true is not allowed with postgresReprotect=true/),
        );
    });
});

describe("storage firewalls: the peer's subnets", () => {
    it("each account admits the peer's storage subnets by virtual-network rule, beside its egress IP, and exports its own", async () => {
        for (const p of [await plan("primary"), await plan("secondary")]) {
            const own = p.rendering.outputs.storageSubnetIds as string[];
            const withEndpoint = ofType(p, "azure-native:network:Subnet").filter((s) => (inputs(s).serviceEndpoints ?? []).some((e: any) => e.service === "Microsoft.Storage"));
            assert.deepStrictEqual(own, withEndpoint.map((s) => s.state.id), `${p.rendering.stack} exports its subnets that reach storage`);
            const peer = p.peer!.outputs;
            const rules = inputs(named(p, "logs-account")).networkRuleSet;
            const admitted = rules.virtualNetworkRules.map((r: any) => r.virtualNetworkResourceId);
            const peerSubnets = peer.storageSubnetIds as string[];
            assert.ok(peerSubnets.length > 0);
            assert.deepStrictEqual(peerSubnets.filter((id) => !admitted.includes(id)), [], `${p.rendering.stack} admits the peer's subnets: through a service endpoint its requests carry their private address`);
            assert.ok(rules.ipRules.some((r: any) => r.iPAddressOrRange === peer.egressIp));
        }
    });
});

describe("planned maintenance", () => {
    const names = ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule", "default"];
    const dayIndex = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /** A configuration's windows as [start, end) hours of the week in UTC. */
    function hoursOfWeek(config: Record<string, any>): Array<[number, number]> {
        if (config.timeInWeek) return config.timeInWeek.flatMap((t: any) => t.hourSlots.map((h: number) => [dayIndex.indexOf(t.day) * 24 + h, dayIndex.indexOf(t.day) * 24 + h + 1]));
        const w = config.maintenanceWindow;
        assert.strictEqual(w.utcOffset, "+00:00");
        assert.ok(w.durationHours >= 4 && w.durationHours <= 24, "4 to 24 hours (MaintenanceWindow.durationHours)");
        assert.deepStrictEqual(w.schedule.weekly.intervalWeeks, 1);
        const start = dayIndex.indexOf(w.schedule.weekly.dayOfWeek) * 24 + Number(w.startTime.split(":")[0]);
        return [[start, start + w.durationHours]];
    }

    it("both regions govern patch and node-OS auto-upgrades beside AKS's releases, in windows the regions never share", async () => {
        const [primary, secondary] = [await plan("primary"), await plan("secondary")];
        const windows = (p: StackPlan) => {
            const configs = ofType(p, "azure-native:containerservice:MaintenanceConfiguration").map(inputs);
            assert.deepStrictEqual(configs.map((c) => c.configName).sort(), names, p.rendering.stack);
            return configs.flatMap(hoursOfWeek);
        };
        const [a, b] = [windows(primary), windows(secondary)];
        const overlaps = a.flatMap(([s1, e1]) => b.filter(([s2, e2]) => s1 < e2 && s2 < e1).map((w) => [[s1, e1], w]));
        assert.deepStrictEqual(overlaps, [], "while one region is upgraded, the other is not");
    });

    it("a DR flip leaves the windows alone", async () => {
        const windowsOf = (p: StackPlan) => ofType(p, "azure-native:containerservice:MaintenanceConfiguration").map(inputs);
        assert.deepStrictEqual(windowsOf(await plan("secondary", { dr: "active" })), windowsOf(await plan("secondary")));
    });
});

describe("HumioCluster: no field humio-operator 0.34.1 ignores", () => {
    it("sets no spec field the CRD marks Deprecated (autoRebalancePartitions: LogScale manages partitions itself since 1.89.0)", async () => {
        const crd = yaml.load(sharedSchema("humio-operator/humiocluster-crd-0.34.1.yaml")) as any;
        const spec = crd.spec.versions.find((v: any) => v.name === "v1alpha1").schema.openAPIV3Schema.properties.spec.properties;
        const deprecated = Object.keys(spec).filter((k) => /^Deprecated:/m.test(spec[k].description ?? ""));
        assert.ok(deprecated.includes("autoRebalancePartitions"));
        for (const [stack, dr] of stackModes) {
            const set = Object.keys(humioCluster(await planMode(stack, dr)).spec);
            assert.deepStrictEqual(set.filter((k) => deprecated.includes(k)), [], `${stack}/${dr || "none"}`);
        }
    });
});

describe("nothing here replaces data", () => {
    it("the promotion flag and the cold tier leave the data-bearing resources' identities alone", async () => {
        const base = await plan("secondary", { dr: "active" });
        for (const other of [await plan("secondary", { dr: "active", postgresPromote: true }), await plan("secondary", { dr: "active", standbyTier: "cold" })]) {
            const bad = diffRenderings(base.rendering, other.rendering).changes.filter((c) => c.dataBearing && (c.kind === "replace" || c.kind === "delete"));
            assert.deepStrictEqual(bad.map((c) => c.name), []);
        }
        assert.ok(maybeNamed(base, "redis-cache"));
    });
});
