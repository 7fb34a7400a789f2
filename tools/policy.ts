// npm run policy -- [--stack <name>] [--config key=value]... [--peer-config key=value]...
// Renders stacks offline (every stack in every DR mode by default), runs the
// CrossGuard pack over them as the analyzer would, prints a table of results
// and exits non-zero on any mandatory violation.
import "./offline/sourceMaps";
import { Policies } from "@pulumi/policy";
import { drInvariants } from "../policy/dr";
import { operations } from "../policy/operations";
import { securityBaseline } from "../policy/security";
import { ConfigError } from "../config/problem";
import { PolicyResult, runPolicies } from "./policyRunner";
import { BringUp, modeTarget, PeerRenderError, Target } from "./bringUp";
import { Io } from "./plan";
import { listStacks } from "./stackFiles";

export const packPolicies: Policies = [...securityBaseline, ...drInvariants, ...operations];

/** Every stack in every DR mode, each configured as an operator would (modeTarget). */
export function everyStackAndMode(stacks = listStacks(), session = new BringUp()): Promise<Target[]> {
    return Promise.all(stacks.flatMap((stack) => ["active", "standby", ""].map((dr) => modeTarget(stack, dr, session))));
}

export interface TargetResult {
    label: string;
    results: PolicyResult[];
}

export async function checkTargets(targets: Target[], policies: Policies = packPolicies, session = new BringUp()): Promise<TargetResult[]> {
    const out: TargetResult[] = [];
    for (const t of targets) {
        const plan = await session.planStack(t.stack, t.overrides, t.peerOverrides);
        const dr = plan.config.values[`${plan.rendering.project}:dr`];
        out.push({ label: `${t.stack}/${dr === "" ? "none" : dr}`, results: await runPolicies(policies, plan.rendering) });
    }
    return out;
}

function cell(r: PolicyResult): string {
    if (!r.applicable && !r.violations.length) return "n/a";
    if (!r.violations.length) return "pass";
    return `${r.violations.length} ${r.level === "mandatory" ? "FAIL" : "warn"}`;
}

export function resultTable(checked: TargetResult[]): string {
    const policies = checked[0]?.results.map((r) => r.policy) ?? [];
    const width = Math.max(6, ...policies.map((p) => p.length));
    const columns = checked.map((c) => Math.max(c.label.length, 7));
    const row = (first: string, cells: string[]) => [first.padEnd(width), ...cells.map((c, i) => c.padEnd(columns[i]))].join("  ").trimEnd();
    const lines = [row("policy", checked.map((c) => c.label)), row("-".repeat(width), columns.map((w) => "-".repeat(w)))];
    policies.forEach((p, i) => lines.push(row(p, checked.map((c) => cell(c.results[i])))));
    return lines.join("\n");
}

export function violationLines(checked: TargetResult[]): string[] {
    return checked.flatMap((c) => c.results.flatMap((r) => r.violations.map((v) => `${c.label}  ${v.policy} [${v.level}]: ${v.message}${v.urn ? `  (${v.urn.split("::").pop()})` : ""}`)));
}

function parseArgs(argv: string[], session: BringUp): Promise<Target[]> {
    let stack: string | undefined;
    const overrides: string[] = [];
    const peerOverrides: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const value = () => {
            const v = argv[++i];
            if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
            return v;
        };
        if (argv[i] === "--stack") stack = value();
        else if (argv[i] === "--config") overrides.push(value());
        else if (argv[i] === "--peer-config") peerOverrides.push(value());
        else throw new Error(`unknown argument ${argv[i]}\nusage: npm run policy -- [--stack <name>] [--config key=value]... [--peer-config key=value]...`);
    }
    if (stack && !listStacks().includes(stack)) throw new Error(`unknown stack "${stack}" (stacks: ${listStacks().join(", ")})`);
    if (overrides.length || peerOverrides.length) {
        if (!stack) throw new Error("--config and --peer-config apply to one stack: add --stack <name>");
        return Promise.resolve([{ stack, overrides, peerOverrides }]);
    }
    return everyStackAndMode(stack ? [stack] : undefined, session);
}

export async function main(argv: string[], io: Io = process, session = new BringUp()): Promise<number> {
    const targets = parseArgs(argv, session);
    let checked: TargetResult[];
    try {
        checked = await checkTargets(await targets, packPolicies, session);
    } catch (e) {
        const [where, cause] = e instanceof PeerRenderError ? [e.peer, e.cause] : ["", e];
        if (ConfigError.isConfigError(cause)) {
            io.stderr.write(cause.problems.map((p) => `${where ? `${where}: ` : ""}${p}\n`).join(""));
            return 1;
        }
        throw e;
    }
    const violations = checked.flatMap((c) => c.results.flatMap((r) => r.violations));
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    const lines = violationLines(checked);
    io.stdout.write(`${resultTable(checked)}\n${lines.length ? `\n${lines.join("\n")}\n` : ""}\n`);
    io.stdout.write(`${packPolicies.length} policies × ${checked.length} stack/modes: ${mandatory} mandatory, ${violations.length - mandatory} advisory violations\n`);
    return mandatory ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e) => {
            process.stderr.write(`policy check failed: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
