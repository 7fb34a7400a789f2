// The promotion diff: what a config flip creates, deletes, updates or
// replaces, which of it holds data or carries traffic, and what to plan for.
import * as assert from "assert";
import { changedPaths, diffRenderings, diffText, PlanDiff } from "../tools/planDiff";
import { Secret } from "../tools/render";
import { cli } from "./cli";
import { Overrides, plan } from "./helpers";

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

    it("phase 1 (dr=active, shared routing): pools and LogScale grow, the gate, the failover function and the Redis link go, and PostgreSQL is promoted in place", async () => {
        const d = await diff("secondary", {}, { dr: "active" });
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

    it("npm run plan -- --diff --json prints the diff document", async function () {
        this.timeout(60_000);
        const run = await cli("plan", ["--stack", "secondary", "--diff", "dr=active", "--json"]);
        assert.strictEqual(run.code, 0, run.stderr);
        const doc = JSON.parse(run.stdout);
        assert.deepStrictEqual(doc.diff, ["dr=active"]);
        assert.deepStrictEqual(Object.keys(doc.changes[0]), ["kind", "urn", "type", "name", "paths", "replaceBecause", "dataBearing", "trafficBearing", "protect"]);
        assert.deepStrictEqual(doc.consequences, (await diff("secondary", {}, { dr: "active" })).consequences);
    });

    it("the text form lists changes with their paths", async () => {
        const text = diffText(await diff("secondary", { dr: "active" }, { drUseDedicatedRouting: true }), false);
        assert.match(text, /^~  kubernetes:core\/v1:Service {2}logscale-ingress-ui {2}\[TRAFFIC\]\n {5}spec\.selector\.app\.kubernetes\.io\/name$/m);
        assert.match(text, /^Plan for:$/m);
    });
});
