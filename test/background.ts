// Processes the suites run beside themselves: commands the docs show, run as
// a reader pastes them, the policy pack served as the Pulumi engine
// starts it, and one Azurite for every suite that needs storage. Started
// together when the suite starts (a mocha root hook), so they work on the
// second core while the suite renders in-process, and stopped at its end.
import { ChildProcess, execFile, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../tools/stackFiles";
import { failoverDistDir } from "../functions/failover/artifact";
import { docBlock, documentedNpmRuns } from "./docs";
import { Azurite, startAzurite } from "./fakes/azurite";

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

const blocks = new Map<string, Promise<CliRun>>();

/** A documented block run as written by `sh -e` from the repository root, as a reader would paste it. */
export function shellBlock(block: string): Promise<CliRun> {
    let run = blocks.get(block);
    if (!run) {
        run = new Promise((resolve) =>
            execFile("nice", ["-n", "10", "sh", "-e", "-c", block], { cwd: projectRoot, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
                resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
            ),
        );
        blocks.set(block, run);
    }
    return run;
}

/** Documented commands a child process runs as written (the others run in-process, or in the drctl and failover suites). */
export const childScripts = ["build", "sync:pulumi-yaml", "simulate"];

/** Each documented `npm run` of a child script, once: the command as a reader types it. */
export function documentedChildRuns(): string[] {
    return [...new Set(documentedNpmRuns().filter((r) => childScripts.includes(r.script)).map((r) => ["npm run", r.script, ...(r.args.length ? ["--", ...r.args] : [])].join(" ")))];
}

/** Where node, npm and sh are, and normally no Pulumi CLI: a documented drctl command run there cannot reach real stacks. */
const restrictedPath = [path.dirname(process.execPath), "/usr/bin", "/bin"];

/** A Pulumi CLI there after all: the command could reach real stacks, so it is not run. */
export const restrictedPathHasPulumi = restrictedPath.some((p) => fs.existsSync(path.join(p, "pulumi")));

/** The docs' `npm run drctl -- status` as written, on that PATH. */
export function drctlStatusWithoutPulumi(): Promise<CliRun> {
    const [status] = documentedNpmRuns().filter((r) => r.script === "drctl" && r.args.join(" ") === "status");
    if (!status) throw new Error("the docs show no npm run drctl -- status");
    return shellBlock(`PATH=${restrictedPath.join(":")} ${status.text}`);
}

/** docs/design.md's refactor proof: two `npm run -s plan -- --json` into files, then their comparison. */
export const refactorProof = (): string => docBlock("docs/design.md", "## Proving a refactor");

/** The refactor proof's run, and the plan document its first command wrote. */
export async function documentedPlanJson(): Promise<CliRun & { planJson: string }> {
    const block = refactorProof();
    const run = await shellBlock(block);
    const file = /^npm run -s plan -- --json > (\S+)/m.exec(block);
    if (!file) throw new Error(`the refactor proof no longer writes a plan: ${block}`);
    return { ...run, planJson: fs.readFileSync(file[1], "utf8") };
}

let policyPack: Promise<{ port: string; child: ChildProcess }> | undefined;

/** The CrossGuard pack as the engine runs it (policy/index.ts as a child process), and the port it serves the analyzer on. */
export function policyPackServer(): Promise<{ port: string; child: ChildProcess }> {
    policyPack ??= new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", "esbuild-register", "index.ts"], { cwd: path.join(projectRoot, "policy"), stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        const timer = setTimeout(() => reject(new Error(`the pack printed no port within 45 s: ${out}${err}`)), 45_000);
        child.stderr!.on("data", (d) => (err += d));
        child.stdout!.on("data", (d) => {
            out += d;
            const m = /^(\d+)\s*$/m.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve({ port: m[1], child });
            }
        });
        child.on("exit", (code) => reject(new Error(`the pack exited (${code}): ${err}`)));
    });
    return policyPack;
}

let azurite: Promise<Azurite> | undefined;

/** The test process's Azurite: each suite keeps to its own containers and resets what it uses before each test. */
export function sharedAzurite(): Promise<Azurite> {
    azurite ??= startAzurite();
    return azurite;
}

/** Every file below the repository (dependencies and git's own aside), with its size and modification time. */
function treeSnapshot(): Map<string, string> {
    const files = new Map<string, string>();
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) {
                // The build's output is ignored by git and rewritten by `npm run build`, which a suite runs as documented.
                if (e.name !== "node_modules" && e.name !== ".git" && p !== failoverDistDir) walk(p);
            } else {
                const st = fs.statSync(p);
                files.set(path.relative(projectRoot, p), `${st.size}:${st.mtimeMs}`);
            }
        }
    };
    walk(projectRoot);
    return files;
}

let treeBefore: Map<string, string> | undefined;

/** Renders, the tools and the suites write nothing into the repository: what they write goes to temporary folders. */
function treeWrites(): string[] {
    const after = treeSnapshot();
    const changed = [...after].filter(([f, v]) => treeBefore!.get(f) !== v).map(([f]) => (treeBefore!.has(f) ? `changed ${f}` : `added ${f}`));
    return [...changed, ...[...treeBefore!.keys()].filter((f) => !after.has(f)).map((f) => `removed ${f}`)];
}

/** Mocha root hooks: start every background process at once, and stop them at the end. */
export const mochaHooks = {
    beforeAll() {
        treeBefore = treeSnapshot();
        void shellBlock(refactorProof());
        for (const command of documentedChildRuns()) void shellBlock(command);
        if (!restrictedPathHasPulumi) void drctlStatusWithoutPulumi();
        // Failures surface in the suites that use them.
        policyPackServer().catch(() => undefined);
        sharedAzurite().catch(() => undefined);
    },
    async afterAll() {
        (await policyPackServer().catch(() => undefined))?.child.kill();
        await (await sharedAzurite().catch(() => undefined))?.stop();
        const writes = treeWrites();
        if (writes.length) throw new Error(`the suite wrote into the repository:\n  ${writes.join("\n  ")}`);
    },
};
