// Every `npm run` the README and docs/*.md show, run as written: plan and
// policy in-process through their main (the argv a reader types, with the
// suite's renders), build, sync:pulumi-yaml and simulate as child processes started
// with the suite (test/background.ts), drctl and failover:serve by their own
// suites against their fakes. A transcript's shown output must be what the
// command prints.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { main as planMain } from "../../tools/plan";
import { main as policyMain } from "../../tools/policy";
import { projectRoot } from "../../tools/stackFiles";
import { childScripts, documentedChildRuns, shellBlock } from "../background";
import { documentedNpmRuns, isSynopsis, matchesTranscript } from "../docs";
import { plan, runMain } from "../helpers";

/** Scripts run here in-process, by the module package.json's script runs. */
const inProcess = { plan: { entry: "tools/plan.ts", main: planMain }, policy: { entry: "tools/policy.ts", main: policyMain } };
/** Scripts whose documented commands their own suites run. */
const runElsewhere = { drctl: "test/drctl/drctl.spec.ts", "failover:serve": "test/failover/handlers.spec.ts" };

/** An argument with the value a reader puts in place of a placeholder the docs write in angle brackets. */
async function substitute(arg: string): Promise<string> {
    const placeholder = /<[^>]*>/.exec(arg)?.[0];
    if (!placeholder) return arg;
    if (placeholder === "<secondary's postgresServerId>") return arg.replace(placeholder, String((await plan("secondary", { dr: "active" })).rendering.outputs.postgresServerId));
    throw new Error(`no value for the placeholder ${placeholder}`);
}

describe("the commands the docs show", function () {
    this.timeout(120_000);
    const runs = documentedNpmRuns().filter((r) => !isSynopsis(r));
    const scripts = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")).scripts as Record<string, string>;

    it("each names a script of package.json, and a suite runs it", () => {
        for (const r of runs) assert.ok(scripts[r.script], `${r.where}: npm run ${r.script} is not a script`);
        assert.deepStrictEqual([...new Set(runs.map((r) => r.script))].sort(), [...Object.keys(inProcess), ...childScripts, ...Object.keys(runElsewhere)].sort());
        for (const [script, { entry }] of Object.entries(inProcess)) assert.ok(scripts[script].endsWith(` ${entry}`), `npm run ${script} runs ${scripts[script]}`);
    });

    // The same command shown in several places, expecting the same, runs once.
    const inProcessRuns = new Map<string, { r: (typeof runs)[number]; exitCode: number; wheres: string[] }>();
    for (const r of runs.filter((r) => r.script in inProcess && !r.redirects)) {
        // A shell block's comment says when a command fails on purpose ("exits 1: …").
        const exitCode = Number(/\bexits (\d)\b/.exec(r.comment)?.[1] ?? 0);
        const key = JSON.stringify([r.script, r.args, exitCode, r.output]);
        const seen = inProcessRuns.get(key);
        if (seen) seen.wheres.push(r.where);
        else inProcessRuns.set(key, { r, exitCode, wheres: [r.where] });
    }

    for (const { r, exitCode, wheres } of inProcessRuns.values()) {
        const expected = r.output ? "prints what it shows" : `exits ${exitCode}`;
        it(`${wheres.join(", ")}: npm run ${r.script} -- ${r.args.join(" ")} ${expected}`, async () => {
            const argv = await Promise.all(r.args.map(substitute));
            const { code, stdout, stderr } = await runMain(inProcess[r.script as keyof typeof inProcess].main, argv);
            if (r.output) {
                const actual = `${stdout}${stderr}`.replace(/\n$/, "").split("\n");
                assert.ok(matchesTranscript(r.output, actual), `${r.where} shows:\n${r.output.join("\n")}\nbut it prints:\n${actual.join("\n")}`);
            } else assert.strictEqual(code, exitCode, `${stdout}${stderr}`);
        });
    }

    for (const command of documentedChildRuns()) {
        it(`${command} succeeds`, async () => {
            const { code, stdout, stderr } = await shellBlock(command);
            assert.strictEqual(code, 0, `${stdout}${stderr}`);
        });
    }
});
