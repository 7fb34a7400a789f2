// What is wrong with a stack's config, told where it comes from: the stack
// file (Pulumi.primary.yaml, with its line for a YAML error), the override
// that set the value (--config dr=…), or the peer's file — and whether the
// stack rendered against that peer needs it. The offline bring-up finds the
// problems; `npm run plan` and `npm run policy` print them the same way.
import { settingsFromConfig } from "../config/load";
import { StackSettings } from "../config/keys";
import { ConfigError } from "../config/problem";
import { pairProblems } from "../config/rules";
import { parseOverride, readProject, readStackConfig, runtimeConfig, StackConfigFile, StackFileError, stackFileName } from "./stackFiles";

/** One problem, and where it comes from. */
export interface Finding {
    /** The stack file (with :line:column for a YAML error), the override that set the value, or both stacks' for a pair rule. */
    where: string;
    problem: string;
    /** Set when the problem is the peer's: the stack rendered against it, and whether that stack needs its outputs (unknown when its own config is broken). */
    peerOf?: { stack: string; needed?: boolean };
    /** A rule between both stacks of the pair: neither's alone. */
    pair?: true;
}

/** A finding as one line: where, whose peer, the problem. */
export function findingLine(f: Finding): string {
    const peer = !f.peerOf
        ? ""
        : f.peerOf.needed === undefined
          ? ` (peer of ${f.peerOf.stack})`
          : ` (peer of ${f.peerOf.stack}, which ${f.peerOf.needed ? "needs its outputs" : "renders without its outputs"})`;
    return `${f.where}${peer}: ${f.problem}`;
}

/** Config problems that stop a render, each with where it comes from. */
export class StackConfigError extends Error {
    constructor(readonly findings: Finding[]) {
        super(findings.map(findingLine).join("\n"));
        this.name = "StackConfigError";
    }
}

/** Write a config problem (a stack's, or a stack file's read outside a render) to `stderr`, one line each (the CLI then exits 1); false for any other error, which the CLI rethrows. */
export function wroteProblems(e: unknown, stderr: { write(s: string): unknown }): boolean {
    const findings: Finding[] | undefined = e instanceof StackConfigError ? e.findings : e instanceof StackFileError ? e.problems : undefined;
    if (!findings) return false;
    stderr.write(findings.map((f) => `${findingLine(f)}\n`).join(""));
    return true;
}

/** A stack's config as read and validated on its own, by the program's own parsing and rules. */
export interface CheckedStack {
    stack: string;
    /** The flag its overrides were given with, and the overrides. */
    flag: "--config" | "--peer-config";
    overrides: string[];
    /** Absent when the file cannot be read. */
    config?: StackConfigFile;
    /** Absent when there are findings. */
    settings?: StackSettings;
    findings: Finding[];
}

/** The key a problem line names first: a qualified key, or an unknown key the line quotes. */
function keyOf(problem: string): string | undefined {
    const m = /^("(?:[^"\\]|\\.)*"|[^\s":]+:[^\s:]+): /.exec(problem);
    if (!m) return undefined;
    return m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : m[1];
}

/** Where the value a problem names comes from: the last override that set its key, else the stack file. */
export function whereFrom(checked: Pick<CheckedStack, "stack" | "flag" | "overrides">, problem: string, root: string): string {
    const project = readProject(root);
    const key = keyOf(problem);
    const arg = [...checked.overrides].reverse().find((a) => parseOverride(project, a)[0] === key);
    return arg ? `${checked.flag} ${arg}` : stackFileName(checked.stack);
}

/** Problems of a render or a rule, each with where it comes from. */
export function findingsOf(checked: Pick<CheckedStack, "stack" | "flag" | "overrides">, problems: string[], root: string): Finding[] {
    return problems.map((problem) => ({ where: whereFrom(checked, problem, root), problem }));
}

/** Read `stack`'s file with `overrides` and validate it alone: what the program would refuse before it reads its peer. */
export function checkStack(stack: string, overrides: string[], flag: CheckedStack["flag"], root: string): CheckedStack {
    const checked: CheckedStack = { stack, flag, overrides, findings: [] };
    try {
        checked.config = readStackConfig(stack, overrides, root);
    } catch (e) {
        if (!(e instanceof StackFileError)) throw e;
        return { ...checked, findings: e.problems };
    }
    const secretKeys = checked.config.secretKeys;
    try {
        checked.settings = settingsFromConfig(runtimeConfig(checked.config.values), { project: readProject(root).name, stack, isSecret: (k) => secretKeys.includes(k) });
    } catch (e) {
        if (!ConfigError.isConfigError(e)) throw e;
        checked.findings = findingsOf(checked, e.problems, root);
    }
    return checked;
}

/** The pair rules (config/rules.ts) between two stacks that each validate alone, naming both stacks' sources. */
export function pairFindings(own: CheckedStack, peer: CheckedStack, root: string): Finding[] {
    if (!own.settings || !peer.settings) return [];
    return pairProblems(own.settings, peer.settings).map((problem) => ({ where: `${whereFrom(own, problem, root)} and ${whereFrom(peer, problem, root)}`, problem, pair: true }));
}

/** `findings` as the peer's, of `stack`. */
export function asPeerOf(stack: string, needed: boolean | undefined, findings: Finding[]): Finding[] {
    return findings.map((f) => ({ ...f, peerOf: { stack, needed } }));
}
