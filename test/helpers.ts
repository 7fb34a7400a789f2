// Shared test helpers: render stacks through the offline bring-up, pick
// resources out of the recorded registrations.
import * as assert from "assert";
import { BringUp, modeTarget, StackPlan } from "../tools/bringUp";
import type { CliRun } from "./background";
import { Io, parseArgs, UsageError } from "../tools/plan";
import { RecordedResource, Rendering, Secret } from "../tools/offline/engine";

export type Overrides = Record<string, string | boolean | number | string[]>;

export const asArgs = (o: Overrides) => Object.entries(o).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);

/**
 * The test process's renders, shared by the suites: each stack configuration
 * is rendered once, and peers are shared between the plans that need them.
 * Renderings are deterministic and frozen (tools/bringUp.ts), so what a test
 * sees never depends on which tests rendered before it.
 */
export const session = new BringUp();

/** A shipped stack with config overrides (bare keys are project keys), against its peer with `peer` overrides. */
export function plan(stack: string, overrides: Overrides = {}, peer: Overrides = {}): Promise<StackPlan> {
    return session.planStack(stack, asArgs(overrides), asArgs(peer));
}

/** `stack` in DR mode `dr` as an operator would configure it (a primary becomes a standby beside its promoted peer, re-protecting PostgreSQL). */
export async function planMode(stack: string, dr: string, overrides: Overrides = {}, peer: Overrides = {}): Promise<StackPlan> {
    const t = await modeTarget(stack, dr, session);
    return session.planStack(stack, [...t.overrides, ...asArgs(overrides)], [...t.peerOverrides, ...asArgs(peer)]);
}

/** A CLI's main run in-process: its exit code and what it wrote. `renders` defaults to the suite's session, over the repository's stack files. */
export async function runMain(main: (argv: string[], io: Io, session: BringUp) => Promise<number>, argv: string[], renders: BringUp = session): Promise<CliRun> {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } }, renders);
    return { code, stdout, stderr };
}

export function ofType(p: StackPlan, type: string): RecordedResource[] {
    return p.rendering.resources.filter((r) => r.type === type);
}

export function named(p: StackPlan, name: string): RecordedResource {
    const found = p.rendering.resources.find((r) => r.name === name);
    assert.ok(found, `no resource named ${name} in ${p.rendering.stack}`);
    return found;
}

export function maybeNamed(p: StackPlan, name: string): RecordedResource | undefined {
    return p.rendering.resources.find((r) => r.name === name);
}

export function humioCluster(p: StackPlan): any {
    const [hc] = ofType(p, "kubernetes:core.humio.com/v1alpha1:HumioCluster");
    assert.ok(hc, `no HumioCluster in ${p.rendering.stack}`);
    return hc.inputs;
}

/** Env vars by name; secretKeyRef ones as "secretKeyRef:<secret>/<key>". */
export function envByName(env: Array<{ name: string; value?: unknown; valueFrom?: any }>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of env) {
        assert.ok(!(e.name in out), `duplicate env var ${e.name}`);
        out[e.name] = e.valueFrom ? `secretKeyRef:${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}` : String(e.value);
    }
    return out;
}

export function commonEnv(p: StackPlan): Record<string, string> {
    return envByName(humioCluster(p).spec.commonEnvironmentVariables);
}

/**
 * Every string the program holds only as a secret, in inputs and outputs, long
 * enough to be a key or password. A string that also appears unmarked (an
 * endpoint inside a secret list of variables) is not one.
 */
export function secretValues(...plans: StackPlan[]): string[] {
    const secret = new Set<string>();
    const plain = new Set<string>();
    const walk = (v: unknown, inSecret: boolean) => {
        if (v instanceof Secret) return walk(v.value, true);
        if (typeof v === "string") (inSecret ? secret : plain).add(v);
        else if (Array.isArray(v)) v.forEach((x) => walk(x, inSecret));
        else if (v && typeof v === "object") Object.values(v).forEach((x) => walk(x, inSecret));
    };
    for (const p of plans) {
        p.rendering.resources.forEach((r) => walk(r.inputs, false));
        walk(p.rendering.outputs, false);
    }
    return [...secret].filter((s) => s.length >= 32 && !plain.has(s));
}

/** Every stack in every DR mode. */
export const stackModes: ReadonlyArray<readonly [stack: string, dr: string]> = [
    ["primary", "active"],
    ["primary", ""],
    ["primary", "standby"],
    ["secondary", "standby"],
    ["secondary", "active"],
    ["secondary", ""],
];

/** The one line `npm run plan` refuses `argv` with (its UsageError); fails the test when it accepts. */
export function planUsageRefusal(argv: string[]): string {
    try {
        parseArgs(argv);
    } catch (e) {
        assert.ok(e instanceof UsageError);
        return e.message;
    }
    assert.fail(`accepted ${argv.join(" ")}`);
}

/** A rendering of one custom resource of `type` with `inputs`, for the plan diff's rules. */
export function oneResourceRendering(type: string, inputs: Record<string, unknown>): Rendering {
    const r: RecordedResource = {
        urn: `urn:pulumi:s::p::${type}::x`,
        type,
        name: "x",
        parent: null,
        custom: true,
        read: false,
        inputs,
        state: {},
        options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], aliases: [], dependsOn: [] },
    };
    return { project: "p", stack: "s", resources: [r], diagnostics: [], outputs: {} };
}
