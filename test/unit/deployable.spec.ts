// The decisions behind what Azure would refuse or misrun, without a render:
// who declares each node pool, how a cold pool's power state is declared, the
// regions' maintenance windows, the Redis size range, and when the
// PostgreSQL promotion is sent.
import * as assert from "assert";
import fc from "fast-check";
import { clusterSizes, clusterTypes, configKeys } from "../../config/keys";
import { RawConfig } from "../../config/parse";
import { ConfigError } from "../../config/problem";
import { agentPoolPower, maintenanceSchedule, MaintenanceWindow, poolDeclarations } from "../../components/aks";
import { postgresProblems, postgresServerPlan } from "../../model/postgres";
import { planRegion } from "../../model/regionPlan";
import { productionNodePools } from "../../model/sizing";
import { sharedSchema } from "../schemas";
import { deployedPeer, settings } from "./regionFixtures";

describe("node pool declarations", () => {
    it("every pool of every type and size is declared once: the system pool inline, the others as AgentPools", () => {
        for (const type of clusterTypes) {
            for (const size of clusterSizes) {
                const pools = productionNodePools(type, size);
                const { inline, separate } = poolDeclarations(pools);
                assert.strictEqual(inline.mode, "System");
                assert.deepStrictEqual([inline, ...separate].map((p) => p.name).sort(), pools.map((p) => p.name).sort(), `${type}/${size}`);
                assert.ok(separate.every((p) => p.mode === "User"));
            }
        }
        assert.throws(() => poolDeclarations(productionNodePools("basic", "xsmall").filter((p) => p.mode === "User")), /no system pool/);
    });
    it("a pool to be stopped declares no power state and is stopped once by its step; every other pool is declared Running", () => {
        const [system, kafka] = productionNodePools("basic", "xsmall");
        assert.deepStrictEqual(agentPoolPower(system), { powerState: { code: "Running" }, stopOnce: false });
        assert.deepStrictEqual(agentPoolPower({ ...kafka, powerState: "Stopped" }), { powerState: undefined, stopOnce: true });
    });
});

describe("a cold standby's plan", () => {
    it("wants its user pools stopped, warns that they run until their stop steps have run, and starts them on promotion", () => {
        const s = settings({ standbyTier: "cold" });
        const p = planRegion(s, deployedPeer(s));
        assert.deepStrictEqual(p.nodePools.map((n) => [n.name, n.powerState]), [["system", "Running"], ["kafka", "Stopped"], ["digest", "Stopped"]]);
        assert.ok(p.warnings.some((w) => w.startsWith("standbyTier=cold:") && w.includes("kafka, digest")));
        const active = settings({ standbyTier: "cold", dr: "active" });
        const promoted = planRegion(active, deployedPeer(active));
        assert.ok(promoted.nodePools.every((n) => n.powerState === "Running"));
        assert.ok(!promoted.warnings.some((w) => w.startsWith("standbyTier=cold:")));
        const warm = settings();
        assert.ok(!planRegion(warm, deployedPeer(warm)).warnings.some((w) => w.startsWith("standbyTier=cold:")));
    });
});

describe("maintenance windows", () => {
    const week = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    const hours = (w: MaintenanceWindow): [number, number] => [week.indexOf(w.day) * 24 + w.startHour, week.indexOf(w.day) * 24 + w.startHour + w.hours];
    const windows = (location: string, other: string | undefined) => Object.values(maintenanceSchedule(location, other)).map(hours);
    const overlapping = (a: Array<[number, number]>, b: Array<[number, number]>) => a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));

    it("the two regions of a pair never share a window, whichever way round; each is whole hours inside one week", () => {
        fc.assert(
            fc.property(fc.stringMatching(/^[a-z0-9]{3,20}$/), fc.stringMatching(/^[a-z0-9]{3,20}$/), (a, b) => {
                fc.pre(a !== b);
                assert.ok(!overlapping(windows(a, b), windows(b, a)), `${a} and ${b}`);
                for (const [start, end] of windows(a, b)) assert.ok(start >= 0 && end <= 7 * 24 && Number.isInteger(start) && Number.isInteger(end));
            }),
        );
        // The shipped pair, and a primary that has no deployed peer yet (it takes the Azure pair).
        assert.ok(!overlapping(windows("eastus", "westus"), windows("westus", "eastus")));
        assert.deepStrictEqual(maintenanceSchedule("eastus", undefined), maintenanceSchedule("eastus", "westus3"));
    });
    it("within a region the three configurations do not overlap; the managed schedules last 4 to 24 hours", () => {
        for (const [a, b] of [["eastus", "westus"], ["westus", "eastus"]]) {
            const schedule = maintenanceSchedule(a, b);
            const ws = Object.values(schedule).map(hours);
            ws.forEach((w, i) => assert.ok(!overlapping([w], ws.slice(i + 1)), `${a}: ${JSON.stringify(schedule)}`));
            for (const w of [schedule.aksManagedAutoUpgradeSchedule, schedule.aksManagedNodeOSUpgradeSchedule]) assert.ok(w.hours >= 4 && w.hours <= 24);
        }
    });
});

describe("redisCapacity", () => {
    it("allows the Premium sizes the API documents, P1-P4, and names the key, the value and the range otherwise", () => {
        const sku = JSON.parse(sharedSchema("azure/redis-2024-11-01.excerpt.json")).definitions.Sku.properties.capacity.description as string;
        const premium = /for P \(Premium\) family \(([\d, ]+)\)/.exec(sku)?.[1].split(",").map(Number);
        assert.deepStrictEqual(premium, [1, 2, 3, 4]);
        assert.strictEqual(configKeys.redisCapacity.allowed, `${premium![0]}-${premium![premium!.length - 1]}`);
        for (const ok of premium!) assert.strictEqual(settings({ redisCapacity: String(ok) }).redisCapacity, ok);
        assert.throws(
            () => settings({ redisCapacity: "5" }),
            (e: unknown) => ConfigError.isConfigError(e) && e.problems.length === 1 && e.problems[0] === "logscale-dr:redisCapacity: 5 is not allowed; allowed: 1-4",
        );
    });
});

describe("the PostgreSQL promotion", () => {
    it("is sent only when asked for, on a replica, with the option given", () => {
        const replicaOf = String(settings().postgresReplicaOf);
        assert.strictEqual(postgresServerPlan(settings({ dr: "active" })).promote, undefined, "dr=active alone creates or keeps a replica");
        assert.deepStrictEqual(postgresServerPlan(settings({ dr: "active", postgresPromote: "true", postgresPromoteOption: "forced" })).promote, { promoteMode: "Standalone", promoteOption: "Forced" });
        assert.strictEqual(postgresServerPlan(settings({ dr: "active", postgresReplicaOf: "" })).createMode, "Create");
        assert.strictEqual(postgresServerPlan(settings({ dr: "active", postgresPromote: "true" })).sourceServerResourceId, replicaOf, "promotion keeps the lineage, hence the name");
    });
    it("is refused where no existing replica can take it in this update", () => {
        const problemsOf = (raw: RawConfig) => {
            const s = settings(raw);
            return postgresProblems(s, s.dr === "standby");
        };
        assert.deepStrictEqual(problemsOf({ dr: "active", postgresPromote: "true" }), []);
        assert.deepStrictEqual(problemsOf({ dr: "active" }), []);
        const [standby] = problemsOf({ postgresPromote: "true" });
        assert.match(standby, /^logscale-dr:postgresPromote: true is not allowed with dr=standby; allowed: false/);
        const [created] = problemsOf({ dr: "active", postgresReplicaOf: "", postgresPromote: "true" });
        assert.match(created, /^logscale-dr:postgresPromote: true is not allowed without postgresReplicaOf; allowed: false/);
        const [reprotect] = problemsOf({ dr: "active", postgresReprotect: "true", postgresPromote: "true" });
        assert.match(reprotect, /^logscale-dr:postgresPromote: true is not allowed with postgresReprotect=true; allowed: false/);
        assert.deepStrictEqual(problemsOf({ dr: "active", postgres: "false", postgresPromote: "true" }), []);
        const s = settings({ postgresPromote: "true" });
        assert.throws(() => planRegion(s, deployedPeer(s)), (e: unknown) => ConfigError.isConfigError(e) && e.problems.some((x) => x.startsWith("logscale-dr:postgresPromote: true is not allowed with dr=standby")));
    });
    it("warns while asked for: unset it after the update", () => {
        const s = settings({ dr: "active", postgresPromote: "true" });
        assert.ok(planRegion(s, deployedPeer(s)).warnings.some((w) => w.startsWith("postgresPromote=true:") && w.includes("Unset postgresPromote afterwards")));
    });
});

describe("the storage firewall's peer subnets", () => {
    it("are the peer's exported storage subnets; none without a deployed peer", () => {
        const s = settings({ dr: "active" });
        const subnets = ["/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/v/subnets/kafka"];
        assert.deepStrictEqual(planRegion(s, deployedPeer(s, { storageSubnetIds: subnets })).storageAllowedSubnetIds, subnets);
        assert.deepStrictEqual(planRegion(settings({ dr: "", peerStack: "" }), { kind: "none" }).storageAllowedSubnetIds, []);
    });
});
