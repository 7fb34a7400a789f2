// Promotion (standby → active) must never delete or replace what holds data
// or carries traffic: the storage account and container, the encryption key,
// the Kafka cluster, the Key Vault, the caches, and the secondary Traffic
// Manager endpoint. The PostgreSQL server keeps its URN and lineage and only
// gains the promote request.
import * as assert from "assert";
import { RecordedResource } from "../tools/render";
import { StackPlan } from "../tools/renderPair";
import { named, Overrides, plan } from "./helpers";

const kept = ["logs-account", "logs-container", "logs-encryption-key", "logscale-kafka-cluster", "logscale-kafka-brokers", "break-glass-vault", "redis-cache", "secondary-endpoint-endpoint"];
const dataBearing = ["logs-account", "logs-container", "logs-encryption-key", "logs-name-suffix", "logscale-kafka-cluster", "logscale-kafka-brokers", "break-glass-vault", "redis-cache", "postgres-server"];

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
        assert.deepStrictEqual(t.changed.sort(), ["aks-pool-digest", "logscale-cluster", "postgres-server"]);
        assert.deepStrictEqual((named(await plan("secondary", { dr: "active" }), "postgres-server").inputs as any).replica, { promoteMode: "Standalone", promoteOption: "Planned" });
    });

    it("phase 2 changes only the ingress services' selectors", async () => {
        const t = transition(await plan("secondary", { dr: "active", drUseDedicatedRouting: false }), await plan("secondary", { dr: "active", drUseDedicatedRouting: true }));
        assert.deepStrictEqual(t, { removed: [], added: [], changed: ["logscale-ingress-ui", "logscale-ingress-ingest"] });
    });

    it("data-bearing resources are protected in every mode", async () => {
        for (const dr of ["standby", "active", ""]) {
            const p = await plan("secondary", { dr });
            for (const name of dataBearing) assert.strictEqual(named(p, name).options.protect, true, `${dr}: ${name}`);
        }
    });
});
