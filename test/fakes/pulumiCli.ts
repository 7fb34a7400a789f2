// A `pulumi` executable for the plan's deployed-base lookup (tools/diffBase.ts),
// put first on PATH in a temp dir: it answers what the Automation API asks —
// `pulumi version` (checked against the SDK's minimum, automation/cmd.js),
// `pulumi stack select --stack <name>` (automation/localWorkspace.js) and
// `pulumi stack history --json [--show-secrets] --page-size N --page P --stack
// <name>` (automation/stack.js) — from a state file beside it, records each
// call, and can say no: not logged in, no such stack, too old, or a hang.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { projectRoot } from "../../tools/stackFiles";

/** How the fake answers. The error lines are the CLI's own words (pulumi/pulumi: the login manager and `pulumi stack select`). */
export type PulumiBehaviour = "answers" | "not-logged-in" | "no-stack" | "too-old" | "hangs";

/** One entry of `pulumi stack history --json`, as pkg/cmd/pulumi/stack/stack_history.go prints it; a secret's value only with --show-secrets. */
export interface HistoryEntry {
    version: number;
    kind: string;
    result: string;
    startTime: string;
    config: Record<string, { value: string; secret: boolean }>;
}

interface FakeState {
    behaviour: PulumiBehaviour;
    /** The stacks the backend has, by fully qualified name, each with its history newest first. */
    stacks: Record<string, HistoryEntry[]>;
    calls: string[];
}

const script = `#!/usr/bin/env node
const fs = require("fs");
const file = require("path").join(__dirname, "state.json");
const state = JSON.parse(fs.readFileSync(file, "utf8"));
const args = process.argv.slice(2);
state.calls.push(args.join(" "));
fs.writeFileSync(file, JSON.stringify(state));
const stack = args.includes("--stack") ? args[args.indexOf("--stack") + 1] : "";
const fail = (line) => {
    process.stderr.write(line + "\\n");
    process.exitCode = 1;
};
if (args[0] === "version") process.stdout.write(state.behaviour === "too-old" ? "v3.1.0\\n" : "v3.248.0\\n");
else if (state.behaviour === "not-logged-in") fail("error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions");
else if (!(stack in state.stacks)) fail("error: no stack named '" + stack + "' found");
else if (args[0] === "stack" && args[1] === "select") undefined;
else if (args[0] === "stack" && args[1] === "history" && state.behaviour === "hangs") setTimeout(() => undefined, 60000);
else if (args[0] === "stack" && args[1] === "history") {
    const size = Number(args[args.indexOf("--page-size") + 1] || 10);
    const page = Number(args[args.indexOf("--page") + 1] || 1);
    const shown = args.includes("--show-secrets");
    const entries = state.stacks[stack].slice((page - 1) * size, page * size).map((e) => ({
        ...e,
        config: Object.fromEntries(Object.entries(e.config).map(([k, v]) => [k, v.secret && !shown ? { secret: true } : v])),
    }));
    process.stdout.write(JSON.stringify(entries));
} else fail("pulumi fake: unexpected " + args.join(" "));
`;

export class FakePulumi {
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pulumi-"));
    private readonly savedPath = process.env.PATH;

    constructor(behaviour: PulumiBehaviour, stacks: Record<string, HistoryEntry[]> = {}) {
        fs.writeFileSync(path.join(this.dir, "pulumi"), script, { mode: 0o755 });
        const state: FakeState = { behaviour, stacks, calls: [] };
        fs.writeFileSync(path.join(this.dir, "state.json"), JSON.stringify(state));
        process.env.PATH = `${this.dir}${path.delimiter}${this.savedPath}`;
    }

    /** The command lines it was run with, in order. */
    calls(): string[] {
        return (JSON.parse(fs.readFileSync(path.join(this.dir, "state.json"), "utf8")) as FakeState).calls;
    }

    /** PATH as it was, and the temp dir gone. */
    remove(): void {
        process.env.PATH = this.savedPath;
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/** No `pulumi` at all: PATH holds only an empty dir until `restore`. */
export function withoutPulumi(): { restore(): void } {
    const saved = process.env.PATH;
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "plan-no-pulumi-"));
    process.env.PATH = empty;
    return {
        restore() {
            process.env.PATH = saved;
            fs.rmSync(empty, { recursive: true, force: true });
        },
    };
}

/** The secret the fake holds for the license: it answers it only to --show-secrets, which the lookup never asks for. */
export const deployedLicense = "LICENSE-ONLY-WITH-SHOW-SECRETS-7f3a";

/** A history entry holding a stack file's config as the backend records it (values as strings), with the license as a secret. */
export function entryFromStackFile(stack: string, entry: Omit<HistoryEntry, "config">, changes: Record<string, string> = {}): HistoryEntry {
    const doc = yaml.load(fs.readFileSync(path.join(projectRoot, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    const config: HistoryEntry["config"] = Object.fromEntries(Object.entries(doc.config).map(([k, v]) => [k, { value: typeof v === "string" ? v : JSON.stringify(v), secret: false }]));
    for (const [k, v] of Object.entries(changes)) config[k] = { value: v, secret: false };
    config["logscale-dr:logscaleLicense"] = { value: deployedLicense, secret: true };
    return { ...entry, config };
}
