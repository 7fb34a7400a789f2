// Property tests over config transitions: from any combination of dr ×
// routing × preserve × cluster type to any other, what holds data or carries
// traffic keeps its URN and is never replaced or deleted, and the global
// profile always has exactly one priority-1 endpoint.
import * as assert from "assert";
import fc from "fast-check";
import { StackPlan } from "../../tools/bringUp";
import { RecordedResource } from "../../tools/offline/engine";
import { diffRenderings } from "../../tools/planDiff";
import { isDataBearing } from "../../tools/resourceFacts";
import { clusterTypes, drModes } from "../../config/keys";
import { named, ofType, plan } from "../helpers";


/** Runs per property; PROPERTY_RUNS raises it for a longer search. */
const numRuns = Number(process.env.PROPERTY_RUNS ?? 3);

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

/** Resources that must survive every transition: data-bearing ones, and the traffic-bearing secondary endpoint. */
function mustSurvive(p: StackPlan): RecordedResource[] {
    return p.rendering.resources.filter(
        (r) => isDataBearing(r) || r.type === "logscale-dr:dns:SecondaryEndpoint" || (r.type === "azure-native:trafficmanager:Endpoint" && r.name.startsWith("secondary-endpoint")),
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
        // The primary runs the same cluster type: a standby refuses to differ from its peer.
        const render = (s: State) => plan("secondary", { ...s }, { logscaleClusterType: s.logscaleClusterType });
        /** From `from` to `to`: what must survive keeps its URN, and nothing of it is replaced or deleted. */
        const survives = (before: StackPlan, after: StackPlan) => {
            const survivors = mustSurvive(before);
            assert.ok(survivors.length >= 9, "storage account, containers, key, Kafka, PostgreSQL, Redis, Key Vault, secondary endpoint");
            const afterUrns = new Set(after.rendering.resources.map((r) => r.urn));
            for (const r of survivors) assert.ok(afterUrns.has(r.urn), `${r.name} lost its URN`);
            const diff = diffRenderings(before.rendering, after.rendering);
            const survivorUrns = new Set(survivors.map((r) => r.urn));
            const bad = diff.changes.filter((c) => survivorUrns.has(c.urn) && (c.kind === "replace" || c.kind === "delete"));
            assert.deepStrictEqual(bad.map((c) => `${c.kind} ${c.name} (${c.replaceBecause.join(", ")})`), []);
        };
        // Each run draws five states and checks every transition between them (twenty), so each render serves several.
        await fc.assert(
            fc.asyncProperty(fc.array(state, { minLength: 5, maxLength: 5 }), async (states) => {
                const plans = await Promise.all(states.map(render));
                for (const [i, before] of plans.entries()) for (const [j, after] of plans.entries()) if (i !== j) survives(before, after);
                // The pair's profile keeps exactly one priority-1 endpoint: the primary's, never the secondary's.
                for (const p of plans) assert.strictEqual(priorityOneEndpoints(shippedPrimary, profile) + priorityOneEndpoints(p, profile), 1);
            }),
            { numRuns: Math.max(1, Math.ceil(numRuns / 3)) },
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
            { numRuns },
        );
    });
});
