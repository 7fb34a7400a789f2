// What `npm run plan -- --diff` compares with: the BASE side of the diff. The
// after side is always the stack file with --config and --diff; the base is,
// first that applies:
//   --base-file FILE  FILE's `config:` replacing the stack file's, then --base
//   --base k=v        the stack file with --config, then --base
//   deployed          the config the stack's last successful update ran with
//                     (`pulumi stack history` through the Automation API)
//   the stack file    with --config, saying why there was no deployed base
// Explicit flags win over the deployed stack: they are the operator's word for
// what is deployed, and they skip the Pulumi CLI. Every base is rendered as
// overrides on the stack file, so the peer and the render cache stay
// tools/bringUp.ts's.
import * as fs from "fs";
import * as yaml from "js-yaml";
import type { UpdateSummary } from "@pulumi/pulumi/automation/index.js";
import { automationApi, automationReason, peerStackName } from "./automation";
import { parseOverride, ProjectFile, projectRoot, readProject, readStackConfig, StackConfigFile, stackFileName } from "./stackFiles";
import { diffText, PlanDiff } from "./planDiff";

/** The plan arguments that choose the base. */
export interface BaseArgs {
    stack: string;
    overrides: string[];
    diff: string[];
    base?: string[];
    baseFile?: string;
}

/** A config to compare with, by fully qualified key; a secret has no value (masked, or encrypted in a file). */
export type BaseConfig = Record<string, { value?: unknown; secret: boolean }>;

export type BaseSource =
    | { source: "deployed"; stack: string; update?: number; startTime?: string; secretsAsInFile: string[] }
    | { source: "base-file"; file: string; base: string[]; secretsAsInFile: string[] }
    | { source: "base"; file: string; config: string[]; base: string[] }
    | { source: "stack-file"; file: string; config: string[]; reason: string };

export type DiffBase = BaseSource & {
    /** Overrides on the stack file that render the base (BringUp.planStack). */
    overrides: string[];
    /** The --diff settings the base already holds: against it they change nothing. */
    alreadySet: string[];
};

/** A --base-file that cannot be read as a stack file: a usage error. */
export class BaseFileError extends Error {}

/** How long the Pulumi CLI gets to answer every call of one lookup together. */
const deployedLookupTimeoutMs = 30_000;
/** History is read a page at a time, newest first, up to this many operations back. */
const historyPageSize = 10;
const historyPages = 5;

export const baseHelp = `A diff (--diff, --base or --base-file) compares the stack file with --config and
--diff against a base, the first that applies: --base-file, --base, the config of
the stack's last successful update (pulumi stack history through the Pulumi CLI,
${deployedLookupTimeoutMs / 1000} s at most), else the stack file. Its "base:" line says which, and why
not the deployed stack.`;

const bare = (project: ProjectFile, key: string) => (key.startsWith(`${project.name}:`) ? key.slice(project.name.length + 1) : key);
const asSetting = (project: ProjectFile, key: string, value: unknown) => `${bare(project, key)}=${typeof value === "string" ? value : JSON.stringify(value)}`;

/**
 * A config that replaces the stack file's, as overrides on it: what the base
 * sets, and each key only the file sets back to Pulumi.yaml's default, or
 * empty where it has none (an override cannot unset a key; the keys without a
 * default, namePrefix and azure-native:location, are refused empty as unset,
 * config/parse.ts). Secrets keep the file's value: the base's is masked or
 * encrypted.
 */
export function replacingOverrides(file: StackConfigFile, base: BaseConfig, project: ProjectFile = readProject()): string[] {
    const secret = (key: string) => file.secretKeys.includes(key) || !!base[key]?.secret;
    const set = Object.entries(base).flatMap(([key, v]) => (secret(key) || v.value === undefined ? [] : [asSetting(project, key, v.value)]));
    const unset = Object.keys(file.values)
        .filter((key) => !(key in base) && !secret(key))
        .flatMap((key) => {
            const fallback = key.startsWith(`${project.name}:`) ? (project.config[bare(project, key)]?.default ?? "") : "";
            return JSON.stringify(file.values[key]) === JSON.stringify(fallback) ? [] : [asSetting(project, key, fallback)];
        });
    return [...set, ...unset];
}

/** The secret keys a base holds without a value: the diff takes the stack file's. */
const maskedSecrets = (base: BaseConfig) => Object.keys(base).filter((k) => base[k].secret).sort();

/** A Pulumi.<stack>.yaml-shaped file's config, keys qualified as the Pulumi CLI qualifies them. */
export function readBaseFile(file: string, project: ProjectFile = readProject()): BaseConfig {
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not readable as YAML (${String((e as Error).message).split("\n")[0]})`;
        throw new BaseFileError(`--base-file ${file}: ${why}`);
    }
    const config = (doc as { config?: unknown } | null)?.config;
    if (!config || typeof config !== "object" || Array.isArray(config)) throw new BaseFileError(`--base-file ${file}: has no config: mapping; allowed: a Pulumi.<stack>.yaml-shaped file`);
    return Object.fromEntries(
        Object.entries(config).map(([key, value]) => [
            key.includes(":") ? key : `${project.name}:${key}`,
            value && typeof value === "object" && "secure" in value ? { secret: true } : { value, secret: false },
        ]),
    );
}

/** The name the backend knows `stack` by: as a peer's stack file names it, else the bare name (Pulumi qualifies it with the current organization and project). */
export const backendStackName = (stack: string): string => peerStackName(stack) ?? stack;

/** The update whose config is deployed: the newest successful one in history read newest first (as Stack.info reads it, @pulumi/pulumi automation/stack.js), unless a destroy came after it. */
export function appliedUpdate(history: UpdateSummary[]): UpdateSummary | "destroyed" | undefined {
    const done = history.find((u) => u.result === "succeeded" && (u.kind === "update" || u.kind === "destroy"));
    return done?.kind === "destroy" ? "destroyed" : done;
}

/** A config as `pulumi stack history --json` prints it without --show-secrets: a secret has no value (pulumi/pulumi pkg/cmd/pulumi/stack/stack_history.go, configValueJSON). */
export function historyConfig(update: UpdateSummary): BaseConfig {
    return Object.fromEntries(Object.entries(update.config ?? {}).map(([k, v]) => [k, v.secret ? { secret: true } : { value: v.value, secret: false }]));
}

export type DeployedLookup = { stack: string; update: UpdateSummary } | { reason: string };

/** The AbortSignal-taking runner of a PulumiCommand: internal to @pulumi/pulumi (automation/cmd.js PulumiCommand.run), which the workspace and stack never give a signal. */
type PulumiRun = (args: string[], cwd: string, env: Record<string, string>, onOutput?: unknown, onError?: unknown, signal?: AbortSignal) => Promise<unknown>;

async function readHistory(name: string, signal: AbortSignal): Promise<DeployedLookup> {
    const { LocalWorkspace, PulumiCommand } = await automationApi();
    const cli = await PulumiCommand.get();
    const run = (cli as unknown as { run: PulumiRun }).run.bind(cli);
    const bounded: typeof cli = Object.assign(Object.create(cli), { run: (args: string[], cwd: string, env: Record<string, string>, onOutput?: unknown, onError?: unknown) => run(args, cwd, env, onOutput, onError, signal) });
    const stack = await LocalWorkspace.selectStack({ stackName: name, workDir: projectRoot }, { pulumiCommand: bounded });
    for (let page = 1; page <= historyPages; page++) {
        // showSecrets false: the Automation API asks for --show-secrets unless told not to (automation/stack.js history).
        const entries = await stack.history(historyPageSize, page, false);
        const applied = appliedUpdate(entries);
        if (applied === "destroyed") return { reason: `the last successful operation on ${name} was a destroy` };
        if (applied) return { stack: name, update: applied };
        if (entries.length < historyPageSize) return { reason: `${name} has no successful update` };
    }
    return { reason: `${name} has no successful update in its last ${historyPages * historyPageSize} operations` };
}

/**
 * The config `stack`'s last successful update ran with, through the Pulumi
 * CLI, or why there is none. Every CLI call is stopped at the deadline
 * (`pulumi version` is only raced: the Automation API gives it no signal).
 */
export async function deployedConfig(stack: string, timeoutMs = deployedLookupTimeoutMs): Promise<DeployedLookup> {
    const name = backendStackName(stack);
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<DeployedLookup>((resolve) => {
        timer = setTimeout(() => {
            abort.abort();
            resolve({ reason: `the Pulumi CLI did not answer within ${timeoutMs / 1000} s` });
        }, timeoutMs);
    });
    try {
        return await Promise.race([readHistory(name, abort.signal).catch((e: unknown) => ({ reason: automationReason(e) })), deadline]);
    } finally {
        clearTimeout(timer);
    }
}

/** An update's start as ISO 8601, or as the CLI printed it when that is not a date JavaScript reads. */
function when(startTime: Date | string | undefined): string | undefined {
    if (startTime === undefined) return undefined;
    const t = new Date(startTime);
    return Number.isNaN(t.getTime()) ? String(startTime) : t.toISOString();
}

/** The base `args` ask for (see the head of this file). */
export async function diffBase(args: BaseArgs, lookup: (stack: string) => Promise<DeployedLookup> = deployedConfig): Promise<DiffBase> {
    const project = readProject();
    const file = readStackConfig(args.stack);
    const base = args.base ?? [];
    let source: BaseSource;
    let overrides: string[];
    if (args.baseFile !== undefined) {
        const config = readBaseFile(args.baseFile, project);
        source = { source: "base-file", file: args.baseFile, base, secretsAsInFile: maskedSecrets(config) };
        overrides = [...replacingOverrides(file, config, project), ...base];
    } else if (args.base) {
        source = { source: "base", file: stackFileName(args.stack), config: args.overrides, base };
        overrides = [...args.overrides, ...base];
    } else {
        const found = await lookup(args.stack);
        if ("update" in found) {
            const config = historyConfig(found.update);
            const { version, startTime } = found.update;
            source = { source: "deployed", stack: found.stack, update: version, startTime: when(startTime), secretsAsInFile: maskedSecrets(config) };
            overrides = replacingOverrides(file, config, project);
        } else {
            source = { source: "stack-file", file: stackFileName(args.stack), config: args.overrides, reason: found.reason };
            overrides = args.overrides;
        }
    }
    const values = readStackConfig(args.stack, overrides).values;
    const alreadySet = args.diff.filter((d) => {
        const [key, value] = parseOverride(project, d);
        return JSON.stringify(values[key]) === JSON.stringify(value);
    });
    return { ...source, overrides, alreadySet };
}

const flags = (flag: string, settings: string[]) => settings.map((s) => ` ${flag} ${s}`).join("");

/** What the diff compares with, in one line. */
export function describeBase(b: BaseSource): string {
    const secrets = (keys: string[]) => (keys.length ? `; secrets taken as unchanged: ${keys.join(", ")}` : "");
    switch (b.source) {
        case "deployed":
            return `the deployed stack ${b.stack}: the config of its last successful update${b.update === undefined ? "" : ` (version ${b.update}${b.startTime ? `, ${b.startTime}` : ""})`}, from pulumi stack history${secrets(b.secretsAsInFile)}`;
        case "base-file":
            return `${b.file}'s config in place of the stack file's${b.base.length ? `, with${flags("--base", b.base)}` : ""}${secrets(b.secretsAsInFile)}`;
        case "base":
            return `${b.file} with${flags("--config", b.config)}${flags("--base", b.base)}`;
        case "stack-file":
            return `the stack file ${b.file}${b.config.length ? ` (with${flags("--config", b.config)})` : ""}, not the deployed stack: ${b.reason}; say what is deployed with --base key=value or --base-file FILE`;
    }
}

/** The --diff document: the diff, the --diff settings, and the base with its description. */
export function diffDocument(diff: PlanDiff, settings: string[], base: DiffBase): unknown {
    const { overrides: _overrides, ...shown } = base;
    return { ...diff, diff: settings, base: { ...shown, description: describeBase(base) } };
}

/** The --diff text: the settings, the base, what the base already holds, then the diff. */
export function diffReport(diff: PlanDiff, settings: string[], base: DiffBase, color: boolean): string {
    const lines = [
        ...(settings.length ? [`--diff ${settings.join(" --diff ")}`] : []),
        `base: ${describeBase(base)}`,
        ...(base.alreadySet.length ? [`note: the base already has ${base.alreadySet.join(", ")}, so against it that --diff changes nothing`] : []),
    ];
    return `${lines.join("\n")}\n${diffText(diff, color)}`;
}
