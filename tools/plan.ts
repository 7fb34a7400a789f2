// npm run plan: renders stacks offline under the Pulumi mock runtime and prints
// what `pulumi preview` would create, the capacity each needs and the
// preflight's findings (tools/preflight): exits 1 when there are any. Every
// option is in `help` below (`npm run plan -- --help`).
import "./offline/sourceMaps";
import * as fs from "fs";
import * as path from "path";
import { diffRenderings } from "./planDiff";
import { BaseFileError, baseHelp, DiffBase, diffBase, diffDocument, diffReport } from "./diffBase";
import { PlanJson, PlanWarning, planText, preflightText, stackDocument, stackWarnings, warningSummary } from "./planOutput";
import { preflightPlan } from "./preflight";
import { BringUp, StackPlan } from "./bringUp";
import { listStacks } from "./stackFiles";
import { wroteProblems } from "./stackProblems";
import { pinnedVersions, versionWarnings } from "./versions";

/** Every option: the usage line, the help and the unknown-argument error are built from this list. */
const options: ReadonlyArray<{ flag: string; value?: string; repeats?: boolean; help: string }> = [
    { flag: "--stack", value: `<${listStacks().join("|")}>`, help: "render one stack (without it: every stack)" },
    { flag: "--config", value: "key=value", repeats: true, help: "override the stack's config (needs --stack); bare keys are project keys" },
    { flag: "--peer-config", value: "key=value", repeats: true, help: "override the config of the peer the stack is rendered against (needs --stack)" },
    { flag: "--diff", value: "key=value", repeats: true, help: "render the stack before and after this config change and print what changes (needs --stack)" },
    { flag: "--base", value: "key=value", repeats: true, help: "diff against the stack file (with --config) plus this setting, not the deployed stack; repeatable" },
    { flag: "--base-file", value: "FILE", help: "diff against FILE's config: (Pulumi.<stack>.yaml-shaped) in place of the stack file's; --base applies on top, --config not" },
    { flag: "--json", help: "print only the JSON document of docs/design.md on stdout: { stacks: [...], warnings: [...] }" },
    { flag: "--out", value: "FILE", help: "also write that JSON document to FILE (checked before rendering)" },
    { flag: "--parity", help: "list every parity key beside the peer's, not only the keys that differ (text plan)" },
    { flag: "--help", help: "print this help (also -h)" },
];

/** An option as typed: its flag and the value it takes. */
const shown = (o: (typeof options)[number]) => `${o.flag}${o.value ? ` ${o.value}` : ""}`;
const synopsis = (o: (typeof options)[number]) => `[${shown(o)}]${o.repeats ? "..." : ""}`;

export const help = `usage: npm run plan -- ${options.map(synopsis).join(" ")}

Renders stacks offline and prints, per stack, what \`pulumi preview\` would create:
the resource tree, outputs, parity with the peer (the keys that differ), the
vCPU quotas and resource providers it needs, and the preflight's findings;
then every warning again, last.

${options.map((o) => `  ${shown(o).padEnd(30)}${o.help}`).join("\n")}

npm prints its own banner ("> logscale-dr@0.1.0 plan ...") on stdout, before
the document; npm's -s leaves it out, so for a machine:
  npm run -s plan -- --json > plan.json
  npm run -s plan -- --stack secondary --json | jq '.stacks[0].capacity'

${baseHelp}

Examples:
  npm run plan -- --stack secondary                     # one stack
  npm run plan -- --stack secondary --config dr=active  # what promotion would render
  npm run plan -- --stack secondary --diff dr=active    # what promotion would change, against what is deployed
  npm run plan -- --stack secondary --diff dr=active --base dr=standby   # the same when the CLI cannot read the deployed stack
  npm run plan -- --parity --out /tmp/plan.json         # every parity key, and the document in a file

Exit status: 0 when the preflight finds nothing, 1 on a preflight violation
or an invalid config, 2 on a usage error.`;

export interface PlanArgs {
    stacks: string[];
    overrides: string[];
    /** Config of the peer stack the target is rendered against. */
    peerOverrides: string[];
    /** Config changes to compare against: render before and after, print the difference. */
    diff: string[];
    /** What --diff compares with instead of the deployed stack (tools/diffBase.ts); absent when not given. */
    base?: string[];
    baseFile?: string;
    json: boolean;
    /** Where to write the JSON document as well. */
    out?: string;
    /** Every parity key in the text plan. */
    parity: boolean;
    help: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[]): PlanArgs {
    const args: PlanArgs = { stacks: [], overrides: [], peerOverrides: [], diff: [], json: false, parity: false, help: false };
    const known = listStacks();
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = (what: string) => {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new UsageError(`${a} needs a value: ${what}`);
            return v;
        };
        const setting = () => {
            const v = value("key=value");
            if (v.indexOf("=") <= 0) throw new UsageError(`${a} expects key=value, got ${JSON.stringify(v)}`);
            return v;
        };
        if (a === "--stack") {
            const stack = value(`a stack name (${known.join(", ")})`);
            if (!known.includes(stack)) throw new UsageError(`--stack: unknown stack ${JSON.stringify(stack)} (allowed: ${known.join(", ")})`);
            args.stacks.push(stack);
        } else if (a === "--config") args.overrides.push(setting());
        else if (a === "--peer-config") args.peerOverrides.push(setting());
        else if (a === "--diff") args.diff.push(setting());
        else if (a === "--base") (args.base ??= []).push(setting());
        else if (a === "--base-file") {
            if (args.baseFile !== undefined) throw new UsageError("--base-file is given twice: give one base file");
            args.baseFile = value("a Pulumi.<stack>.yaml-shaped file");
        }
        else if (a === "--json") args.json = true;
        else if (a === "--out") args.out = value("a file to write the JSON document to");
        else if (a === "--parity") args.parity = true;
        else if (a === "--help" || a === "-h") args.help = true;
        else throw new UsageError(`unknown argument ${JSON.stringify(a)} (allowed: ${options.map(shown).join(", ")})`);
    }
    if ((args.overrides.length || args.peerOverrides.length || args.diff.length) && args.stacks.length !== 1) {
        throw new UsageError("--config, --peer-config and --diff apply to one stack: add --stack <name>");
    }
    if (args.diff.length && (args.out !== undefined || args.parity)) throw new UsageError(`${args.parity ? "--parity" : "--out"} shapes the plan, and --diff prints a comparison instead: use one`);
    if (args.parity && args.json) throw new UsageError("--parity lists parity keys in the text plan, and --json prints the document instead: use one");
    if ((args.base || args.baseFile !== undefined) && args.stacks.length !== 1) throw new UsageError("--base and --base-file apply to one stack: add --stack <name>");
    if ((args.base || args.baseFile !== undefined) && (args.out !== undefined || args.parity)) throw new UsageError(`${args.parity ? "--parity" : "--out"} shapes the plan, and --base prints a comparison instead: use one`);
    if (!args.stacks.length) args.stacks = known;
    return args;
}

const outRefused = (file: string, why: string) => `--out ${JSON.stringify(file)}: cannot write the document there (${why}); allowed: a writable file path`;

/**
 * Where `--out FILE` points: npm runs a script from the package's root, so a
 * relative path is taken from where `npm run` was typed (INIT_CWD, npm docs,
 * "npm run-script"), as a reader means it.
 */
export const outPath = (file: string, env: NodeJS.ProcessEnv = process.env): string => path.resolve(env.INIT_CWD ?? process.cwd(), file);

/** Why the plan document cannot be written to `target` (a resolved path), checked before rendering; undefined when it can. */
export function outProblem(target: string): string | undefined {
    const dir = path.dirname(target);
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    if (existing?.isDirectory()) return "it is a directory";
    if (!existing && !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return `${dir} is not a directory`;
    try {
        fs.accessSync(existing ? target : dir, fs.constants.W_OK);
        return undefined;
    } catch {
        return `${existing ? target : dir} is not writable`;
    }
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
        const problem = args.out === undefined ? undefined : outProblem(outPath(args.out));
        if (problem) throw new UsageError(outRefused(args.out!, problem));
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        io.stderr.write(`${e.message}; see npm run plan -- --help\n`);
        return 2;
    }
    if (args.help) {
        io.stdout.write(`${help}\n`);
        return 0;
    }
    const plans: StackPlan[] = [];
    // A diff (--diff, --base, --base-file) compares the stack file with --config and --diff against a base: tools/diffBase.ts.
    let base: DiffBase | undefined;
    if (args.diff.length || args.base || args.baseFile !== undefined) {
        try {
            base = await diffBase({ stack: args.stacks[0], ...args });
        } catch (e) {
            // The stack file the base is read over may itself be refused, as a plan refuses it.
            if (wroteProblems(e, io.stderr)) return 1;
            if (!(e instanceof BaseFileError)) throw e;
            io.stderr.write(`${e.message}\n`);
            return 2;
        }
    }
    for (const stack of args.stacks) {
        try {
            plans.push(await session.planStack(stack, base ? base.overrides : args.overrides, args.peerOverrides));
            if (base) plans.push(await session.planStack(stack, [...args.overrides, ...args.diff], args.peerOverrides));
        } catch (e) {
            // Config problems, each naming where it comes from (tools/stackProblems.ts).
            if (!wroteProblems(e, io.stderr)) throw e;
            return 1;
        }
    }
    if (base) {
        const diff = diffRenderings(plans[0].rendering, plans[1].rendering);
        const color = io.stdout.isTTY === true && !process.env.NO_COLOR;
        // The plan document's shape, { stacks, warnings }: the one stack's entry is its diff.
        io.stdout.write(args.json ? `${JSON.stringify({ stacks: [diffDocument(diff, args.diff, base)], warnings: stackWarnings(plans[1]) }, null, 2)}\n` : diffReport(diff, args.diff, base, color));
        return 0;
    }
    // What Azure, Kubernetes or Helm would refuse: printed with each stack, and the plan fails on any.
    const reports = plans.map(preflightPlan);
    // Pinned versions past their end of support (tools/versions.ts, docs/versions.md) join the stacks' warnings.
    const versions = versionWarnings(pinnedVersions(), today).map((message): PlanWarning => ({ stack: null, source: "versions", message: `warning: ${message}` }));
    const warnings = [...plans.flatMap(stackWarnings), ...versions];
    if (args.json || args.out !== undefined) {
        const document: PlanJson = { stacks: plans.map((p, i) => stackDocument(p, reports[i])), warnings };
        const json = `${JSON.stringify(document, null, 2)}\n`;
        if (args.out !== undefined) {
            try {
                fs.writeFileSync(outPath(args.out), json);
            } catch (e) {
                io.stderr.write(`${outRefused(args.out, (e as NodeJS.ErrnoException).code ?? String(e))}\n`);
                return 2;
            }
        }
        if (args.json) io.stdout.write(json);
    }
    if (!args.json) {
        const stacks = plans.map((p, i) => `${planText(p, { parity: args.parity })}${preflightText(p.rendering.stack, reports[i])}`).join("\n");
        io.stdout.write(`${stacks}${warningSummary(warnings, plans.map((p, i) => ({ stack: p.rendering.stack, report: reports[i] })))}`);
    }
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
