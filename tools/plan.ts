// npm run plan -- [--stack <name>] [--config key=value]... [--json]
// Renders stacks offline under the Pulumi mock runtime and prints what
// `pulumi preview` would create, and the preflight's findings (tools/preflight):
// exits 1 when there are any. With no --stack, renders every stack.
import "./offline/sourceMaps";
import { diffRenderings, diffText } from "./planDiff";
import { planDocument, planText, preflightDocument, preflightText } from "./planOutput";
import { preflightPlan } from "./preflight";
import { BringUp, StackPlan } from "./bringUp";
import { listStacks } from "./stackFiles";
import { wroteProblems } from "./stackProblems";
import { pinnedVersions, versionWarnings } from "./versions";

const usage = `usage: npm run plan -- [--stack <${listStacks().join("|")}>] [--config key=value]... [--peer-config key=value]... [--diff key=value]... [--json]`;

export interface PlanArgs {
    stacks: string[];
    overrides: string[];
    /** Config of the peer stack the target is rendered against. */
    peerOverrides: string[];
    /** Config changes to compare against: render before and after, print the difference. */
    diff: string[];
    json: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[]): PlanArgs {
    const args: PlanArgs = { stacks: [], overrides: [], peerOverrides: [], diff: [], json: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value`);
            return v;
        };
        const setting = () => {
            const v = value();
            if (v.indexOf("=") <= 0) throw new UsageError(`${a} expects key=value, got "${v}"`);
            return v;
        };
        if (a === "--stack") args.stacks.push(value());
        else if (a === "--config") args.overrides.push(setting());
        else if (a === "--peer-config") args.peerOverrides.push(setting());
        else if (a === "--diff") args.diff.push(setting());
        else if (a === "--json") args.json = true;
        else if (a === "--help" || a === "-h") throw new UsageError("");
        else throw new UsageError(`unknown argument ${a}`);
    }
    const known = listStacks();
    for (const s of args.stacks) if (!known.includes(s)) throw new UsageError(`unknown stack "${s}" (stacks: ${known.join(", ")})`);
    if ((args.overrides.length || args.peerOverrides.length || args.diff.length) && args.stacks.length !== 1) {
        throw new UsageError("--config, --peer-config and --diff apply to one stack: add --stack <name>");
    }
    if (!args.stacks.length) args.stacks = known;
    return args;
}

/** Where a CLI writes: the process's streams, or a test's buffers. */
export interface Io {
    stdout: { write(s: string): unknown; isTTY?: boolean };
    stderr: { write(s: string): unknown };
}

export async function main(argv: string[], io: Io = process, session = new BringUp(), today: Date = new Date()): Promise<number> {
    let args: PlanArgs;
    try {
        args = parseArgs(argv);
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        if (!e.message) {
            io.stdout.write(`${usage}\n`);
            return 0;
        }
        io.stderr.write(`${e.message}\n${usage}\n`);
        return 2;
    }
    const plans: StackPlan[] = [];
    for (const stack of args.stacks) {
        try {
            plans.push(await session.planStack(stack, args.overrides, args.peerOverrides));
            if (args.diff.length) plans.push(await session.planStack(stack, [...args.overrides, ...args.diff], args.peerOverrides));
        } catch (e) {
            // Config problems, each naming where it comes from (tools/stackProblems.ts).
            if (!wroteProblems(e, io.stderr)) throw e;
            return 1;
        }
    }
    if (args.diff.length) {
        const diff = diffRenderings(plans[0].rendering, plans[1].rendering);
        const color = io.stdout.isTTY === true && !process.env.NO_COLOR;
        io.stdout.write(args.json ? `${JSON.stringify({ ...diff, diff: args.diff }, null, 2)}\n` : `--diff ${args.diff.join(" --diff ")}\n${diffText(diff, color)}`);
        return 0;
    }
    // What Azure, Kubernetes or Helm would refuse: printed with each stack, and the plan fails on any.
    const reports = plans.map(preflightPlan);
    if (args.json) {
        const docs = plans.map((p, i) => ({ ...planDocument(p), preflight: preflightDocument(reports[i]) }));
        io.stdout.write(`${JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2)}\n`);
    } else {
        io.stdout.write(plans.map((p, i) => `${planText(p)}${preflightText(p.rendering.stack, reports[i])}`).join("\n"));
    }
    // Pinned versions past their end of support (tools/versions.ts, docs/versions.md): on stderr, so --json stays one document.
    for (const w of versionWarnings(pinnedVersions(), today)) io.stderr.write(`warning: ${w}\n`);
    return reports.some((r) => r.violations.length) ? 1 : 0;
}

if (require.main === module) {
    // Set the exit code and let Node exit once stdout has drained: a pipe
    // (`npm run plan -- --json | jq`) would otherwise get a truncated document.
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e) => {
            process.stderr.write(`plan failed: ${e instanceof Error ? e.message : String(e)}\n`);
            if (process.env.DEBUG) process.stderr.write(`${e?.stack}\n`);
            process.exitCode = 2;
        },
    );
}
