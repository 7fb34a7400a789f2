// npm run policy -- [--stack <name>] [--config key=value]... [--peer-config key=value]... [--json] [--help]
// Renders stacks offline (every stack in every DR mode by default), runs the
// CrossGuard pack over them as the analyzer would, prints a table of results
// (or, with --json, a document per stack/mode and policy) and exits non-zero
// on any mandatory violation.
import "./offline/sourceMaps";
import { EnforcementLevel, Policies } from "@pulumi/policy";
import { auditPolicies } from "../policy/audit";
import { drInvariants } from "../policy/dr";
import { edgePolicies } from "../policy/edge";
import { identityPolicies } from "../policy/identity";
import { kubernetesPolicies } from "../policy/kubernetes";
import { networkPolicies } from "../policy/network";
import { operations } from "../policy/operations";
import { recoveryPolicies } from "../policy/recovery";
import { securityBaseline } from "../policy/security";
import { PolicyResult, runPolicies } from "./policyRunner";
import { BringUp, modeTarget, Target } from "./bringUp";
import { Io } from "./plan";
import { listStacks } from "./stackFiles";
import { wroteProblems } from "./stackProblems";

export const packPolicies: Policies = [
    ...securityBaseline,
    ...identityPolicies,
    ...networkPolicies,
    ...edgePolicies,
    ...kubernetesPolicies,
    ...recoveryPolicies,
    ...auditPolicies,
    ...drInvariants,
    ...operations,
];

/** Every stack in every DR mode, each configured as an operator would (modeTarget). */
export function everyStackAndMode(stacks = listStacks(), session = new BringUp()): Promise<Target[]> {
    return Promise.all(stacks.flatMap((stack) => ["active", "standby", ""].map((dr) => modeTarget(stack, dr, session))));
}

export interface TargetResult {
    label: string;
    stack: string;
    /** The DR mode the stack was rendered in: active, standby or none. */
    mode: string;
    results: PolicyResult[];
    /** The peer's problems, where it was rendered without the peer's outputs. */
    notes: string[];
}

export async function checkTargets(targets: Target[], policies: Policies = packPolicies, session = new BringUp()): Promise<TargetResult[]> {
    const out: TargetResult[] = [];
    for (const t of targets) {
        const plan = await session.planStack(t.stack, t.overrides, t.peerOverrides);
        const dr = plan.config.values[`${plan.rendering.project}:dr`];
        const mode = dr === "" || dr === undefined ? "none" : String(dr);
        out.push({ label: `${t.stack}/${mode}`, stack: t.stack, mode, results: await runPolicies(policies, plan.rendering), notes: plan.notes ?? [] });
    }
    return out;
}

export type PolicyStatus = "pass" | "fail" | "warn" | "n/a";

/** What a policy's result amounts to: n/a (nothing to check), pass, or a mandatory fail / advisory warn. */
export function statusOf(r: PolicyResult): PolicyStatus {
    if (!r.applicable && !r.violations.length) return "n/a";
    if (!r.violations.length) return "pass";
    return r.level === "mandatory" ? "fail" : "warn";
}

function cell(r: PolicyResult): string {
    const status = statusOf(r);
    if (status === "fail") return `${r.violations.length} FAIL`;
    if (status === "warn") return `${r.violations.length} warn`;
    return status;
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

export interface PolicyReport {
    policies: Array<{ name: string; level: EnforcementLevel; description: string }>;
    targets: Array<{
        label: string;
        stack: string;
        mode: string;
        policies: Array<{ name: string; level: EnforcementLevel; status: PolicyStatus; violations: Array<{ message: string; urn: string | null }> }>;
    }>;
    summary: { policies: number; targets: number; mandatory: number; advisory: number; passed: boolean };
}

/** The machine-readable result of `npm run policy -- --json`. */
export function policyReport(checked: TargetResult[], policies: Policies = packPolicies): PolicyReport {
    const violations = checked.flatMap((c) => c.results.flatMap((r) => r.violations));
    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    return {
        policies: policies.map((p) => ({ name: p.name, level: p.enforcementLevel ?? "advisory", description: p.description })),
        targets: checked.map((c) => ({
            label: c.label,
            stack: c.stack,
            mode: c.mode,
            policies: c.results.map((r) => ({ name: r.policy, level: r.level, status: statusOf(r), violations: r.violations.map((v) => ({ message: v.message, urn: v.urn ?? null })) })),
        })),
        summary: { policies: policies.length, targets: checked.length, mandatory, advisory: violations.length - mandatory, passed: mandatory === 0 },
    };
}

export const usage = `usage: npm run policy -- [--stack <${listStacks().join("|")}>] [--config key=value]... [--peer-config key=value]... [--json] [--help]

Renders stacks offline and runs the CrossGuard pack (policy/) over them as
\`pulumi preview --policy-pack policy\` would. Without --stack: every stack in
every DR mode (active, standby, none).

  --stack <name>            one stack, in every DR mode (or as configured with --config)
  --config key=value        override the stack's config (needs --stack); bare keys are project keys
  --peer-config key=value   override the config of the peer stack it is rendered against (needs --stack)
  --json                    print a JSON document: per stack/mode, per policy its level, status
                            (pass, fail, warn, n/a) and violations (message, urn), and a summary
  --help, -h                print this help

npm prints its own banner ("> logscale-dr@0.1.0 policy ...") on stdout, before
the document; npm's -s leaves it out, so for a machine:
  npm run -s policy -- --json > policy.json

Examples:
  npm run policy                                            # every stack in every DR mode
  npm run policy -- --stack secondary                       # one stack, in every DR mode
  npm run policy -- --stack secondary --config dr=active   # as promotion renders it

Exit status: 0 when no mandatory policy is violated, 1 when one is (or the
config is invalid), 2 on a usage error.`;

const allowedFlags = "--stack <name>, --config key=value, --peer-config key=value, --json, --help";

export class UsageError extends Error {}

export interface PolicyArgs {
    stack?: string;
    overrides: string[];
    peerOverrides: string[];
    json: boolean;
    help: boolean;
}

export function parseArgs(argv: string[]): PolicyArgs {
    const args: PolicyArgs = { overrides: [], peerOverrides: [], json: false, help: false };
    const stacks = listStacks();
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = (what: string) => {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value: ${what}`);
            return v;
        };
        const setting = () => {
            const v = value("key=value");
            if (v.indexOf("=") <= 0) throw new UsageError(`${flag} expects key=value, got ${JSON.stringify(v)}`);
            return v;
        };
        if (flag === "--stack") {
            args.stack = value(`a stack name (${stacks.join(", ")})`);
            if (!stacks.includes(args.stack)) throw new UsageError(`--stack: unknown stack ${JSON.stringify(args.stack)} (allowed: ${stacks.join(", ")})`);
        } else if (flag === "--config") args.overrides.push(setting());
        else if (flag === "--peer-config") args.peerOverrides.push(setting());
        else if (flag === "--json") args.json = true;
        else if (flag === "--help" || flag === "-h") args.help = true;
        else throw new UsageError(`unknown argument ${JSON.stringify(flag)} (allowed: ${allowedFlags})`);
    }
    if ((args.overrides.length || args.peerOverrides.length) && !args.stack) throw new UsageError("--config and --peer-config apply to one stack: add --stack <name>");
    return args;
}

function targetsOf(args: PolicyArgs, session: BringUp): Promise<Target[]> {
    if (args.stack && (args.overrides.length || args.peerOverrides.length)) return Promise.resolve([{ stack: args.stack, overrides: args.overrides, peerOverrides: args.peerOverrides }]);
    return everyStackAndMode(args.stack ? [args.stack] : undefined, session);
}

export async function main(argv: string[], io: Io = process, session = new BringUp()): Promise<number> {
    let args: PolicyArgs;
    try {
        args = parseArgs(argv);
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        io.stderr.write(`${e.message}; see npm run policy -- --help\n`);
        return 2;
    }
    if (args.help) {
        io.stdout.write(`${usage}\n`);
        return 0;
    }
    let checked: TargetResult[];
    try {
        checked = await checkTargets(await targetsOf(args, session), packPolicies, session);
    } catch (e) {
        // Config problems, each naming where it comes from (tools/stackProblems.ts).
        if (!wroteProblems(e, io.stderr)) throw e;
        return 1;
    }
    // A peer whose problems a stack/mode was rendered without (it does not need the peer's outputs).
    for (const note of new Set(checked.flatMap((c) => c.notes))) io.stderr.write(`note: ${note}\n`);
    const report = policyReport(checked);
    if (args.json) {
        io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
        const lines = violationLines(checked);
        io.stdout.write(`${resultTable(checked)}\n${lines.length ? `\n${lines.join("\n")}\n` : ""}\n`);
        io.stdout.write(`${packPolicies.length} policies × ${checked.length} stack/modes: ${report.summary.mandatory} mandatory, ${report.summary.advisory} advisory violations\n`);
    }
    return report.summary.passed ? 0 : 1;
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
