// Parity between the regions: what must match, how two sides compare, and the
// standby's refusal to differ from its peer unless allowParityDrift lists the
// key. No renders.
import * as assert from "assert";
import { StackSettings } from "../../config/keys";
import { parseStackSettings } from "../../config/parse";
import { regionSubnets, subnetPlan } from "../../model/network";
import { compareParity, driftAllowed, nsgRulesDigest, parityProblem, parityTable, regionParity } from "../../model/parity";
import { planRegion } from "../../model/regionPlan";
import { deployedPeer, settings as fixtureSettings } from "./regionFixtures";

const settings = (raw: Record<string, string> = {}): StackSettings => parseStackSettings({ namePrefix: "lsdr", ...raw }, { project: "logscale-dr", stack: "t", location: "eastus" });
const parityOf = (s: StackSettings) => regionParity(s, regionSubnets(s));

describe("parity", () => {
    it("covers the Kubernetes version, every pool at production size, subnet prefixes, NSG rules and data-tier SKUs", () => {
        const p = parityOf(settings({ logscaleClusterType: "advanced", postgres: "true", redis: "true", redisCapacity: "2" }));
        assert.strictEqual(p.kubernetesVersion, "1.35");
        assert.deepStrictEqual(
            Object.keys(p).filter((k) => k.startsWith("pools.") && k.endsWith(".vmSize")).sort(),
            ["digest", "ingest", "ingress", "kafka", "system", "ui"].map((r) => `pools.${r}.vmSize`),
        );
        assert.strictEqual(p["subnets.postgres.prefixLength"], 24);
        assert.deepStrictEqual([p["postgres.sku"], p["postgres.storageGb"], p["postgres.version"], p["redis.sku"]], ["Standard_D2ds_v5", 128, "16", "Premium P2"]);
        assert.match(String(p.nsgRulesDigest), /^[0-9a-f]{12}$/);
    });
    it("a standby compares at production size, so its scaled-down pools are no drift", () => {
        assert.deepStrictEqual(parityOf(settings({ dr: "standby", peerStack: "o/p/s" })), parityOf(settings({ dr: "active" })));
    });
    it("the NSG digest follows the rules, not the order subnets come in", () => {
        const needs = { pools: ["system", "ingress"] as const, ingressPools: ["system", "ingress"] as const, keyVault: true, postgres: false, privateEndpoints: false };
        const nginx = subnetPlan({ ...needs, pools: [...needs.pools], ingressPools: [...needs.ingressPools], edge: "envoyGateway" });
        assert.strictEqual(nsgRulesDigest([...nginx].reverse()), nsgRulesDigest(nginx));
        assert.notStrictEqual(nsgRulesDigest(subnetPlan({ ...needs, pools: [...needs.pools], ingressPools: [...needs.ingressPools], edge: "appGateway" })), nsgRulesDigest(nginx));
    });
    it("compares key by key; allowParityDrift takes exact keys and prefix.* groups", () => {
        assert.ok(driftAllowed("pools.ui.vmSize", ["pools.*"]));
        assert.ok(driftAllowed("kubernetesVersion", ["kubernetesVersion"]));
        assert.ok(!driftAllowed("poolsX", ["pools.*"]));
        const rows = compareParity({ a: 1, b: "x", c: 3 }, { a: 1, b: "y", d: 4 }, ["c"]);
        assert.deepStrictEqual(rows.map((r) => [r.key, r.status]), [["a", "same"], ["b", "differs"], ["c", "allowed"], ["d", "differs"]]);
        assert.strictEqual(parityTable(rows, "mine", "theirs").split("\n")[0], "key  mine  theirs");
        assert.match(parityTable(rows, "mine", "theirs"), /^d +— +4 +DIFFERS$/m);
        assert.strictEqual(parityProblem(rows.filter((r) => r.status !== "differs"), [], "mine", "theirs"), undefined);
    });
    it("what replication needs equal cannot be allowed to differ", () => {
        const rows = compareParity({ "redis.sku": "Premium P2", "postgres.version": "16" }, { "redis.sku": "Premium P1", "postgres.version": "15" }, ["redis.*", "postgres.*"]);
        assert.deepStrictEqual(rows.map((r) => r.status), ["differs", "differs"]);
        assert.match(parityProblem(rows, ["redis.*", "postgres.*"], "mine", "theirs")!.split("\n")[0], /\(postgres\.version and redis\.sku must match for replication: no allowance lifts them\)$/);
    });
    it("a standby that differs stops with one line naming allowParityDrift and a table of each differing key", () => {
        const own = fixtureSettings({ kubernetesVersion: "1.32", postgresSku: "Standard_D4ds_v5" });
        assert.throws(
            () => planRegion(own, deployedPeer(fixtureSettings())),
            (e: Error) => {
                const [line, header, ...rows] = e.message.split("\n");
                assert.strictEqual(
                    line,
                    "logscale-dr:allowParityDrift: [] is not allowed with dr=standby: this region differs from acme/logscale-dr/primary in 2 keys; allowed: the keys that may differ (kubernetesVersion, postgres.sku), or the same values on both stacks",
                );
                assert.match(header, /^ {4}key +secondary +acme\/logscale-dr\/primary$/);
                assert.deepStrictEqual(rows.map((r) => r.trim().split(/\s+/)), [
                    ["kubernetesVersion", "1.32", "1.35", "DIFFERS"],
                    ["postgres.sku", "Standard_D4ds_v5", "Standard_D2ds_v5", "DIFFERS"],
                ]);
                return true;
            },
        );
        assert.doesNotThrow(() => planRegion(fixtureSettings({ kubernetesVersion: "1.32", allowParityDrift: '["kubernetesVersion"]' }), deployedPeer(fixtureSettings())));
    });
});
