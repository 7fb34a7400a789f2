// The repository's command-line tools, run as a user runs them. Runs are
// memoized and started together when the suite starts (cliRuns), so the
// child processes work while the suite renders in-process.
import { execFile } from "child_process";
import * as path from "path";
import { projectRoot } from "../tools/stackFiles";

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

const scripts = {
    plan: ["node", "--max-semi-space-size=256", "-r", "esbuild-register", path.join(projectRoot, "tools/plan.ts")],
    policy: ["npm", "run", "-s", "policy", "--"],
} as const;

const runs = new Map<string, Promise<CliRun>>();

export function cli(tool: keyof typeof scripts, args: string[]): Promise<CliRun> {
    const key = JSON.stringify([tool, args]);
    let run = runs.get(key);
    if (!run) {
        const [command, ...base] = scripts[tool];
        run = new Promise((resolve) =>
            execFile(command === "node" ? process.execPath : command, [...base, ...args], { cwd: projectRoot, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
                resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
            ),
        );
        runs.set(key, run);
    }
    return run;
}

/** The runs the specs make, in the order they need them. */
export const cliRuns: Array<[keyof typeof scripts, string[]]> = [
    ["plan", ["--stack", "secondary", "--config", "dr=bogus", "--config", "logscaleClusterSize=giant"]],
    ["plan", ["--json"]],
    ["plan", ["--stack", "secondary", "--diff", "dr=active", "--json"]],
    ["policy", ["--stack", "primary", "--config", "trafficManagerTtlSeconds=300"]],
];

/** Mocha root hook: start every CLI run at once. */
export const mochaHooks = {
    beforeAll() {
        for (const [tool, args] of cliRuns) void cli(tool, args);
    },
};
