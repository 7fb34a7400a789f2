// Reads the project's own stack files the way the Pulumi CLI would: project
// config defaults from Pulumi.yaml, then Pulumi.<stack>.yaml, then overrides.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { fakeSecret } from "./offline/mockCloud";

export const projectRoot = path.resolve(__dirname, "..");

interface ProjectConfigKey {
    type: "string" | "boolean" | "integer" | "array";
    default?: unknown;
    secret?: boolean;
    description?: string;
}

export interface ProjectFile {
    name: string;
    config: Record<string, ProjectConfigKey>;
}

/** A problem in a file, with where it is: the file, or file:line:column. */
export interface FileProblem {
    where: string;
    problem: string;
}

/** A project or stack file the Pulumi CLI would refuse to read: every problem, each one line naming where it is. */
export class StackFileError extends Error {
    constructor(readonly problems: FileProblem[]) {
        super(problems.map((p) => `${p.where}: ${p.problem}`).join("\n"));
        this.name = "StackFileError";
    }
}

/** A YAML file's document; a syntax error names the file and the line (js-yaml's mark counts from 0). */
function readYaml(root: string, file: string): unknown {
    try {
        return yaml.load(fs.readFileSync(path.join(root, file), "utf8"));
    } catch (e) {
        if (!(e instanceof yaml.YAMLException)) throw e;
        throw new StackFileError([{ where: `${file}:${e.mark.line + 1}:${e.mark.column + 1}`, problem: `not valid YAML: ${e.reason}` }]);
    }
}

const isMapping = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

const projects = new Map<string, ProjectFile>();

/** Pulumi.yaml, read once per process: a plan reads it for every stack file it resolves. */
export function readProject(root = projectRoot): ProjectFile {
    let project = projects.get(root);
    if (!project) {
        const doc = readYaml(root, "Pulumi.yaml") as ProjectFile;
        project = { name: doc.name, config: doc.config ?? {} };
        projects.set(root, project);
    }
    return project;
}

/** Stacks that have a Pulumi.<stack>.yaml next to Pulumi.yaml. */
export function listStacks(root = projectRoot): string[] {
    return fs
        .readdirSync(root)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => !!s)
        .sort();
}

/** A stack's config, resolved: typed values for display, strings for the runtime. */
export interface StackConfigFile {
    stack: string;
    /** Fully qualified key → typed value (secrets as the string the runtime gets). */
    values: Record<string, unknown>;
    secretKeys: string[];
    /** Secret keys that had no value here and got a stand-in so the plan can render. */
    placeholders: string[];
}

/** `--config key=value`: a bare key belongs to the project; the value is typed by Pulumi.yaml. */
export function parseOverride(project: ProjectFile, arg: string): [string, unknown] {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw new Error(`--config expects key=value, got "${arg}"`);
    const key = arg.slice(0, eq);
    const raw = arg.slice(eq + 1);
    const qualified = key.includes(":") ? key : `${project.name}:${key}`;
    const spec = key.includes(":") ? undefined : project.config[key];
    let value: unknown = raw;
    if (spec?.type === "boolean" && (raw === "true" || raw === "false")) value = raw === "true";
    else if (spec?.type === "integer" && /^-?\d+$/.test(raw)) value = Number(raw);
    else if (spec?.type === "array") {
        try {
            value = JSON.parse(raw);
        } catch {
            value = raw;
        }
    }
    return [qualified, value];
}

/** The file a stack's config is stored in. */
export const stackFileName = (stack: string): string => `Pulumi.${stack}.yaml`;

/**
 * Plain values for keys Pulumi.yaml declares secret: the Pulumi CLI refuses
 * them ("Stack '<stack>' with configuration key '<key>' must be encrypted as
 * it's secret": pulumi/pulumi, sdk/go/common/workspace, validateStackConfigValue,
 * called by ValidateStackConfigAndApplyProjectConfig). The value is never shown.
 */
function plaintextSecretProblems(project: ProjectFile, stack: string, config: Record<string, unknown>): FileProblem[] {
    return Object.entries(project.config)
        .filter(([, spec]) => spec.secret)
        .flatMap(([key]) => {
            const qualified = `${project.name}:${key}`;
            const value = config[qualified] ?? config[key];
            if (value === undefined || (isMapping(value) && "secure" in value)) return [];
            return [{ where: stackFileName(stack), problem: `${qualified}: [secret] is not allowed in plain text (Pulumi.yaml declares it secret, and the Pulumi CLI refuses it unencrypted); allowed: an encrypted value, set with pulumi config set --secret ${key} <value> --stack ${stack}` }];
        });
}

export function readStackConfig(stack: string, overrides: string[] = [], root = projectRoot): StackConfigFile {
    const project = readProject(root);
    const file = path.join(root, stackFileName(stack));
    if (!fs.existsSync(file)) {
        throw new Error(`no stack "${stack}": ${path.relative(process.cwd(), file) || file} does not exist (stacks: ${listStacks(root).join(", ")})`);
    }
    const doc = readYaml(root, stackFileName(stack)) ?? {};
    if (!isMapping(doc) || (doc.config !== undefined && doc.config !== null && !isMapping(doc.config))) {
        throw new StackFileError([{ where: stackFileName(stack), problem: "config: is not a mapping of keys to values; allowed: config: followed by one indented <key>: <value> line per key" }]);
    }
    const config = (doc.config ?? {}) as Record<string, unknown>;
    const plaintext = plaintextSecretProblems(project, stack, config);
    if (plaintext.length) throw new StackFileError(plaintext);
    const values: Record<string, unknown> = {};
    const secretKeys: string[] = [];
    const placeholders: string[] = [];

    for (const [key, spec] of Object.entries(project.config)) {
        if (spec.default !== undefined) values[`${project.name}:${key}`] = spec.default;
    }
    for (const [key, value] of Object.entries(config)) {
        const qualified = key.includes(":") ? key : `${project.name}:${key}`;
        if (value && typeof value === "object" && "secure" in (value as object)) {
            // Encrypted with the stack's secrets provider: unreadable offline.
            values[qualified] = fakeSecret(`placeholder:${stack}:${qualified}`, 32);
            secretKeys.push(qualified);
            placeholders.push(qualified);
        } else {
            values[qualified] = value;
        }
    }
    for (const arg of overrides) {
        const [key, value] = parseOverride(project, arg);
        values[key] = value;
    }
    for (const [key, spec] of Object.entries(project.config)) {
        const qualified = `${project.name}:${key}`;
        if (!spec.secret) continue;
        if (!secretKeys.includes(qualified)) secretKeys.push(qualified);
        if (values[qualified] === undefined) {
            values[qualified] = fakeSecret(`placeholder:${stack}:${qualified}`, 32);
            placeholders.push(qualified);
        }
    }
    return { stack, values, secretKeys, placeholders };
}

/** The strings the Pulumi runtime hands the program (objects and arrays as JSON). */
export function runtimeConfig(values: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
