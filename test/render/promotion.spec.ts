// Promotion (standby → active) must never delete or replace what holds data
// or carries traffic: the storage account and container, the encryption key,
// the Kafka cluster, the Key Vault, the caches, and the secondary Traffic
// Manager endpoint. The PostgreSQL server keeps its URN and lineage and only
// gains the promote request, in the update that asks for it. And the promotion diff that shows it: what a
// config flip creates, deletes, updates or replaces, which of it holds data
// or carries traffic, and what to plan for.
import * as assert from "assert";
import { failoverFunctionType } from "../../components/failoverFunction";
import { StackPlan } from "../../tools/bringUp";
import { RecordedResource, Secret } from "../../tools/offline/engine";
import { changedPaths, diffRenderings, diffText, PlanDiff } from "../../tools/planDiff";
import { dataBearingTypes } from "../../tools/resourceFacts";
import { main } from "../../tools/plan";
import { named, Overrides, plan, runMain } from "../helpers";


const kept = ["logs-account", "logs-container", "logs-encryption-key", "logscale-kafka-cluster", "logscale-kafka-brokers", "break-glass-vault", "redis-cache", "secondary-endpoint-endpoint"];

function byUrn(p: StackPlan): Map<string, RecordedResource> {
    return new Map(p.rendering.resources.map((r) => [r.urn, r]));
}

function transition(before: StackPlan, after: StackPlan) {
    const [a, b] = [byUrn(before), byUrn(after)];
    return {
        removed: [...a.values()].filter((r) => !b.has(r.urn)).map((r) => r.name),
        added: [...b.values()].filter((r) => !a.has(r.urn)).map((r) => r.name),
        changed: [...b.values()].filter((r) => a.has(r.urn) && JSON.stringify(a.get(r.urn)!.inputs) !== JSON.stringify(r.inputs)).map((r) => r.name),
    };
}

describe("promotion safety", () => {
    const flips: Array<[string, Overrides, Overrides]> = [
        ["single apply", { dr: "standby" }, { dr: "active", drUseDedicatedRouting: true }],
        ["phase 1", { dr: "standby", drUseDedicatedRouting: false }, { dr: "active", drUseDedicatedRouting: false }],
        ["phase 2", { dr: "active", drUseDedicatedRouting: false }, { dr: "active", drUseDedicatedRouting: true }],
        ["to no-DR", { dr: "standby" }, { dr: "" }],
    ];
    for (const [label, from, to] of flips) {
        it(`${label}: the data-bearing and traffic-bearing resources keep their URNs and inputs`, async () => {
            const [before, after] = [await plan("secondary", from), await plan("secondary", to)];
            for (const name of kept) {
                const [b, a] = [named(before, name), named(after, name)];
                assert.strictEqual(a.urn, b.urn, `${name}: URN`);
                assert.deepStrictEqual(a.inputs, b.inputs, `${name}: inputs (a change could mean a replace)`);
            }
            assert.ok(!transition(before, after).removed.some((n) => kept.includes(n)));
            const [pgBefore, pgAfter] = [named(before, "postgres-server"), named(after, "postgres-server")];
            assert.strictEqual(pgAfter.urn, pgBefore.urn);
            const { replica: _b, ...lineageBefore } = pgBefore.inputs as any;
            const { replica: _a, ...lineageAfter } = pgAfter.inputs as any;
            assert.deepStrictEqual(lineageAfter, lineageBefore, "postgres-server: only the promote request may change");
        });
    }

    it("single-apply promotion deletes only the standby gate and the failover function, and adds only the UI, ingress and ingest pools", async () => {
        const standby = await plan("secondary", { dr: "standby" });
        const t = transition(standby, await plan("secondary", { dr: "active" }));
        const failover = named(standby, "failover");
        const failoverParts = standby.rendering.resources.filter((r) => r === failover || r.parent === failover.urn).map((r) => r.name);
        assert.ok(failoverParts.length > 10);
        // Besides the gate and the function: the Redis link (unlinking makes the cache read-write) and the identity's read access to the peer's bucket.
        assert.deepStrictEqual(t.removed.sort(), ["logscale-operator-standby-gate", "logscale-pods-peer-container", "redis-geo-link", ...failoverParts].sort());
        assert.deepStrictEqual(t.added.sort(), ["aks-pool-ingest", "aks-pool-ingress", "aks-pool-ui"]);
        assert.deepStrictEqual(t.changed.sort(), ["aks-pool-digest", "logscale-cluster"], "the replica is promoted by its own flag, not by dr");
        assert.deepStrictEqual((named(await plan("secondary", { dr: "active", postgresPromote: true }), "postgres-server").inputs as any).replica, { promoteMode: "Standalone", promoteOption: "Planned" });
    });

    it("phase 2 changes only the ingress services' selectors", async () => {
        const t = transition(await plan("secondary", { dr: "active", drUseDedicatedRouting: false }), await plan("secondary", { dr: "active", drUseDedicatedRouting: true }));
        assert.deepStrictEqual(t, { removed: [], added: [], changed: ["logscale-ingress-ui", "logscale-ingress-ingest"] });
    });

    it("data-bearing resources are protected in every mode: every resource of a data-bearing type, the encryption key and the generated names", async () => {
        for (const dr of ["standby", "active", ""]) {
            const p = await plan("secondary", { dr });
            const data = p.rendering.resources.filter((r) => dataBearingTypes.has(r.type) && !r.urn.includes(`${failoverFunctionType}$`));
            assert.ok(data.length >= 8, `${dr}: ${data.length}`);
            for (const r of [...data, named(p, "logs-encryption-key"), named(p, "logs-name-suffix")]) assert.strictEqual(r.options.protect, true, `${dr}: ${r.name}`);
        }
    });
});

async function diff(stack: string, before: Overrides, after: Overrides, peer: Overrides = {}): Promise<PlanDiff> {
    return diffRenderings((await plan(stack, before, peer)).rendering, (await plan(stack, { ...before, ...after }, peer)).rendering);
}

const kinds = (d: PlanDiff) => Object.fromEntries(d.changes.map((c) => [c.name, c.kind]));

describe("promotion diff", () => {
    it("changedPaths keys named lists by name and compares secrets without showing them", () => {
        const env = (v: string) => [{ name: "A", value: "1" }, { name: "ENABLE_ALERTS", value: v }];
        assert.deepStrictEqual(changedPaths({ spec: { env: env("false") } }, { spec: { env: env("true") } }), ["spec.env[ENABLE_ALERTS].value"]);
        assert.deepStrictEqual(changedPaths({ key: new Secret("a") }, { key: new Secret("b") }), ["key"]);
        assert.deepStrictEqual(changedPaths({ key: new Secret("a") }, { key: new Secret("a") }), []);
        assert.deepStrictEqual(changedPaths({ xs: [1, 2] }, { xs: [1, 2, 3] }), ["xs"]);
        assert.deepStrictEqual(changedPaths({ a: 1 }, { b: 1 }), ["a", "b"]);
    });

    it("phase 1 (dr=active, shared routing) with postgresPromote: pools and LogScale grow, the gate, the failover function and the Redis link go, and PostgreSQL is promoted in place", async () => {
        const d = await diff("secondary", {}, { dr: "active", postgresPromote: true });
        const k = kinds(d);
        assert.deepStrictEqual([k["aks-pool-ui"], k["aks-pool-ingest"], k["aks-pool-ingress"], k["aks-pool-digest"], k["logscale-cluster"]], ["create", "create", "create", "update", "update"]);
        assert.strictEqual(k["logscale-operator-standby-gate"], "delete");
        assert.strictEqual(k.failover, "delete");
        // The only data-bearing change: the replica's promote request, an update.
        assert.deepStrictEqual(
            d.changes.filter((c) => c.dataBearing).map((c) => [c.kind, c.name, c.paths]),
            [["update", "postgres-server", ["replica"]]],
        );
        assert.strictEqual(k["redis-geo-link"], "delete");
        assert.ok(d.consequences.some((c) => c.startsWith("PostgreSQL server postgres-server is promoted")));
        assert.ok(d.consequences.some((c) => c.startsWith("The Redis geo-replication link goes")));
        assert.ok(!d.changes.some((c) => c.trafficBearing), "shared routing: no service changes in phase 1");
        assert.ok(d.consequences.includes("HumioCluster environment changes (ENABLE_ALERTS): the operator will restart LogScale pods."));
        assert.ok(d.consequences.some((c) => c.startsWith("The standby gate goes")));
        assert.ok(d.consequences.includes("The failover function and its alert go: this region no longer watches its peer."));
        assert.ok(!d.consequences.some((c) => /^(DATA|TRAFFIC):/.test(c)));
    });

    it("phase 2 (dedicated routing): only the two services' selectors, flagged as traffic", async () => {
        const d = await diff("secondary", { dr: "active" }, { drUseDedicatedRouting: true });
        assert.deepStrictEqual(
            d.changes.map((c) => [c.kind, c.name, c.trafficBearing, c.paths]),
            [
                ["update", "logscale-ingress-ui", true, ["spec.selector.app.kubernetes.io/name", "spec.selector.humio.com/node-pool"]],
                ["update", "logscale-ingress-ingest", true, ["spec.selector.app.kubernetes.io/name", "spec.selector.humio.com/node-pool"]],
            ],
        );
        assert.ok(d.consequences.every((c) => c.startsWith("Routing changes:")));
    });

    it("without drPreserveRecoveryEnv the recovery variables leave in the same restart", async () => {
        const d = await diff("secondary", {}, { dr: "active", drPreserveRecoveryEnv: false });
        const restart = d.consequences.find((c) => c.startsWith("HumioCluster environment changes"))!;
        assert.match(restart, /AZURE_RECOVER_FROM_BUCKET/);
        assert.match(restart, /ENABLE_ALERTS/);
    });

    it("a change that would replace data-bearing resources is flagged and explained", async () => {
        const d = await diff("primary", {}, { namePrefix: "lsdr-x" });
        const account = d.changes.find((c) => c.name === "logs-account")!;
        assert.deepStrictEqual([account.kind, account.dataBearing, account.replaceBecause], ["replace", true, ["accountName", "resourceGroupName"]]);
        assert.ok(d.consequences.includes("DATA: azure-native:storage:StorageAccount logs-account would be replaced; it is protected, so pulumi up stops here."));
        const text = diffText(d, true);
        assert.ok(text.includes("\x1b[31m+- azure-native:storage:StorageAccount  logs-account  [DATA]\x1b[0m"));
        assert.ok(!diffText(d, false).includes("\x1b["), "no colour when not asked for");
    });

    it("npm run plan -- --diff --json prints the diff as the plan document's one entry, { stacks, warnings }", async function () {
        this.timeout(60_000);
        const run = await runMain(main, ["--stack", "secondary", "--diff", "dr=active", "--json"]);
        assert.strictEqual(run.code, 0, run.stderr);
        const { stacks, warnings } = JSON.parse(run.stdout);
        assert.ok(Array.isArray(warnings) && stacks.length === 1);
        const doc = stacks[0];
        assert.strictEqual(doc.stack, "secondary");
        assert.deepStrictEqual(doc.diff, ["dr=active"]);
        assert.deepStrictEqual(Object.keys(doc.changes[0]), ["kind", "urn", "type", "name", "paths", "values", "replaceBecause", "dataBearing", "trafficBearing", "protect"]);
        assert.deepStrictEqual(doc.consequences, (await diff("secondary", {}, { dr: "active" })).consequences);
    });

    it("the text form lists changes with their paths, old → new", async () => {
        const text = diffText(await diff("secondary", { dr: "active" }, { drUseDedicatedRouting: true }), false);
        assert.match(text, /^~  kubernetes:core\/v1:Service {2}logscale-ingress-ui {2}\[TRAFFIC\]\n {5}spec\.selector\.app\.kubernetes\.io\/name: "humio" → \(absent\)\n {5}spec\.selector\.humio\.com\/node-pool: \(absent\) → "lsdr-sec-ui"$/m);
        assert.match(text, /^Plan for:$/m);
    });
});
