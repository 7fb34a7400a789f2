// The preflight over every stack × DR mode × cluster type × edge × standby
// tier, each configured as an operator would (modeTarget; a standby's peer
// runs the same cluster type and edge, as parity requires): no resource Azure,
// Kubernetes or Helm would refuse, and no create-only property that a DR mode
// flip changes on a protected resource. Renders come from the suites' shared
// session, so each configuration renders once. The standby tier is read on a
// standby only (the region plan's power states, the failover timeline), so
// the cold tier is rendered for standbys, and a sentinel checks that it
// changes nothing elsewhere.
import * as assert from "assert";
import { clusterTypes, configKeys, drModes, edges } from "../../config/keys";
import { modeTarget, StackPlan } from "../../tools/bringUp";
import { createOnlyChanges } from "../../tools/preflight/createOnly";
import { preflightPlan } from "../../tools/preflight";
import { Violation, violationLine } from "../../tools/preflight/report";
import { listStacks } from "../../tools/stackFiles";
import { session } from "../helpers";

/** The values a choice key allows, as config/keys.ts states them ("a" or "b"). */
const choices = (allowed: string) => [...allowed.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
const tiers = choices(configKeys.standbyTier.allowed);

interface MatrixEntry {
    label: string;
    plan: StackPlan;
}

/** `stack` in mode `dr` with a cluster type, edge and tier (a standby's peer with the same type and edge). */
async function render(stack: string, dr: string, type: string, edge: string, tier: string): Promise<StackPlan> {
    const t = await modeTarget(stack, dr, session);
    const shape = [`logscaleClusterType=${type}`, `edge=${edge}`];
    return session.planStack(stack, [...t.overrides, ...shape, `standbyTier=${tier}`], dr === "standby" ? [...t.peerOverrides, ...shape] : t.peerOverrides);
}

/** Every configuration of the matrix, rendered. */
async function matrixPlans(): Promise<MatrixEntry[]> {
    const out: MatrixEntry[] = [];
    for (const stack of listStacks())
        for (const type of clusterTypes)
            for (const edge of edges)
                for (const dr of drModes)
                    for (const tier of dr === "standby" ? tiers : tiers.slice(0, 1)) {
                        out.push({ label: `${stack} dr=${dr || '""'} ${type} ${edge} ${tier}`, plan: await render(stack, dr, type, edge, tier) });
                    }
    return out;
}

/** Findings counted by rule, with the first of each as an example. */
function byRule(violations: Array<Violation & { where: string }>): string {
    const rules = new Map<string, { n: number; example: string }>();
    for (const v of violations) {
        const r = rules.get(v.ruleId) ?? { n: 0, example: `${v.where}: ${violationLine(v)}` };
        r.n++;
        rules.set(v.ruleId, r);
    }
    return [...rules].map(([id, r]) => `  ${id}: ${r.n}, e.g. ${r.example}`).join("\n");
}

const project = (p: StackPlan) => p.rendering.project;

/**
 * Whether `after` is `before` flipped to another DR mode: the same config but
 * `dr`, and a re-protection's keys when it re-protects (postgresReplicaOf
 * stays set after a promotion, so a config without it is another deployment).
 */
function isFlip(before: StackPlan, after: StackPlan): boolean {
    if (before.rendering.stack !== after.rendering.stack) return false;
    const free = [`${project(after)}:dr`, ...(after.config.values[`${project(after)}:postgresReprotect`] === true ? [`${project(after)}:postgresReplicaOf`, `${project(after)}:postgresReprotect`] : [])];
    const keys = new Set([...Object.keys(before.config.values), ...Object.keys(after.config.values)].filter((k) => !free.includes(k)));
    return before.config.values[`${project(after)}:dr`] !== after.config.values[`${project(after)}:dr`] && [...keys].every((k) => JSON.stringify(before.config.values[k]) === JSON.stringify(after.config.values[k]));
}

describe("preflight over every stack × DR mode × cluster type × edge × standby tier", function () {
    this.timeout(900_000);
    let entries: MatrixEntry[];
    before(async () => {
        entries = await matrixPlans();
    });

    it("nothing Azure, Kubernetes or Helm would refuse", () => {
        const found = entries.flatMap((e) => preflightPlan(e.plan).violations.map((v) => ({ ...v, where: e.label })));
        assert.strictEqual(found.length, 0, `${found.length} violations over ${entries.length} configurations:\n${byRule(found)}`);
    });

    it("no DR mode flip changes a create-only property of a protected resource", () => {
        const flips = entries.flatMap((after) => entries.filter((before) => isFlip(before.plan, after.plan)).map((before) => ({ before, after })));
        assert.ok(flips.length >= entries.length, `only ${flips.length} flips`);
        const found = flips.flatMap(({ before, after }) => createOnlyChanges(before.plan.rendering.resources, after.plan.rendering.resources, `${before.label} → dr flip`).map((v) => ({ ...v, where: after.label })));
        assert.strictEqual(found.length, 0, `${found.length} violations:\n${byRule(found)}`);
    });

    it("the standby tier changes nothing outside a standby (so the matrix renders the cold tier for standbys only)", async () => {
        for (const stack of listStacks()) {
            const [warm, cold] = [await render(stack, "active", clusterTypes[0], edges[0], tiers[0]), await render(stack, "active", clusterTypes[0], edges[0], tiers[1])];
            assert.deepStrictEqual(cold.rendering.resources, warm.rendering.resources, stack);
        }
    });
});
