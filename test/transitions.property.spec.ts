// Property tests over config transitions: from any combination of dr ×
// routing × preserve × cluster type to any other, what holds data or carries
// traffic keeps its URN and is never replaced or deleted, and the global
// profile always has exactly one priority-1 endpoint.
import * as assert from "assert";
import fc from "fast-check";
import { diffRenderings } from "../tools/planDiff";
import { RecordedResource } from "../tools/render";
import { StackPlan } from "../tools/renderPair";
import { clusterTypes, drModes, named, ofType, plan } from "./helpers";

/** Runs per property; PROPERTY_RUNS raises it for a longer search. Each run renders up to two new stacks. */
const numRuns = Number(process.env.PROPERTY_RUNS ?? 6);

interface State {
    dr: string;
    drUseDedicatedRouting: boolean;
    drPreserveRecoveryEnv: boolean;
    logscaleClusterType: string;
}

const state: fc.Arbitrary<State> = fc.record({
    dr: fc.constantFrom(...drModes),
    drUseDedicatedRouting: fc.boolean(),
    drPreserveRecoveryEnv: fc.boolean(),
    logscaleClusterType: fc.constantFrom(...clusterTypes),
});

/** Resources that must survive every transition: data-bearing and the traffic-bearing secondary endpoint. */
function mustSurvive(p: StackPlan): RecordedResource[] {
    const keep = new Set([
        "azure-native:storage:StorageAccount",
        "azure-native:storage:BlobContainer",
        "azure-native:dbforpostgresql:Server",
        "azure-native:redis:Redis",
        "azure-native:keyvault:Vault",
        "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
    ]);
    return p.rendering.resources.filter(
        (r) =>
            (keep.has(r.type) && !r.urn.includes("logscale-dr:failover:FailoverFunction$")) ||
            r.name === "logs-encryption-key" ||
            r.type === "logscale-dr:dns:SecondaryEndpoint" ||
            (r.type === "azure-native:trafficmanager:Endpoint" && r.name.startsWith("secondary-endpoint")),
    );
}

function priorityOneEndpoints(p: StackPlan, profileName: string): number {
    return ofType(p, "azure-native:trafficmanager:Endpoint").filter((e) => (e.inputs as any).profileName === profileName && (e.inputs as any).priority === 1).length;
}

describe("config transitions (property)", function () {
    this.timeout(300_000);

    it("secondary: data-bearing resources and the secondary endpoint keep their URNs and are never replaced or deleted", async () => {
        const shippedPrimary = await plan("primary");
        const profile = String(shippedPrimary.rendering.outputs.trafficManagerProfileName);
        await fc.assert(
            fc.asyncProperty(state, state, async (from, to) => {
                // The primary runs the same cluster type: a standby refuses to differ from its peer.
                const render = (s: State) => plan("secondary", { ...s }, { logscaleClusterType: s.logscaleClusterType });
                const [before, after] = [await render(from), await render(to)];
                const survivors = mustSurvive(before);
                assert.ok(survivors.length >= 9, "storage account, containers, key, Kafka, PostgreSQL, Redis, Key Vault, secondary endpoint");
                const afterUrns = new Set(after.rendering.resources.map((r) => r.urn));
                for (const r of survivors) assert.ok(afterUrns.has(r.urn), `${r.name} lost its URN`);
                const diff = diffRenderings(before.rendering, after.rendering);
                const survivorUrns = new Set(survivors.map((r) => r.urn));
                const bad = diff.changes.filter((c) => survivorUrns.has(c.urn) && (c.kind === "replace" || c.kind === "delete"));
                assert.deepStrictEqual(bad.map((c) => `${c.kind} ${c.name} (${c.replaceBecause.join(", ")})`), []);
                // The pair's profile keeps exactly one priority-1 endpoint: the primary's, never the secondary's.
                for (const p of [before, after]) assert.strictEqual(priorityOneEndpoints(shippedPrimary, profile) + priorityOneEndpoints(p, profile), 1);
            }),
            { numRuns },
        );
    });

    it("primary: the profile keeps exactly one priority-1 endpoint, and data survives but for an explicit PostgreSQL re-protection", async () => {
        const primaryState = fc.record({ dr: fc.constantFrom(...drModes), logscaleClusterType: fc.constantFrom(...clusterTypes) });
        type PrimaryState = { dr: string; logscaleClusterType: string };
        // The promoted secondary's server, which the primary replicates once it has been a standby.
        const peerServer = String((await plan("secondary", { dr: "active" })).rendering.outputs.postgresServerId);
        // As an operator configures it: a standby, or a primary that has been one, runs beside a promoted
        // secondary of the same type with a replica of its server; becoming a standby re-protects.
        const render = (s: PrimaryState, replica: boolean, reprotect: boolean) =>
            plan(
                "primary",
                { ...s, ...(replica ? { postgresReplicaOf: peerServer, postgresReprotect: reprotect } : {}) },
                { logscaleClusterType: s.logscaleClusterType, ...(replica ? { dr: "active" } : {}) },
            );
        await fc.assert(
            fc.asyncProperty(primaryState, primaryState, async (from, to) => {
                const wasStandby = from.dr === "standby";
                const reprotecting = to.dr === "standby" && !wasStandby;
                const [before, after] = [await render(from, wasStandby, false), await render(to, wasStandby || to.dr === "standby", reprotecting)];
                for (const p of [before, after]) assert.strictEqual(priorityOneEndpoints(p, String(p.rendering.outputs.trafficManagerProfileName)), 1);
                const diff = diffRenderings(before.rendering, after.rendering);
                const survivorUrns = new Set(mustSurvive(before).map((r) => r.urn));
                const lost = diff.changes.filter((c) => survivorUrns.has(c.urn) && (c.kind === "replace" || c.kind === "delete"));
                assert.deepStrictEqual(lost.map((c) => `${c.kind} ${c.name}`), reprotecting ? ["replace postgres-server"] : []);
                if (reprotecting) assert.strictEqual(named(after, "postgres-server").options.protect, false, "replaced only with postgresReprotect, which lifts protection");
            }),
            { numRuns: Math.max(2, Math.ceil(numRuns / 2)) },
        );
    });
});
