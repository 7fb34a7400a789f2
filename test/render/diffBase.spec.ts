// Issue 14: the README's promotion review, once Pulumi.secondary.yaml already
// says `dr: active`, compared with the file and reported 0 changes. The plan
// now names the base it compares with: the deployed stack (through a fake
// `pulumi`), an explicit --base/--base-file, or the stack file, saying why.
// "The file says active" is `--config dr=active`: the suite writes no
// repository file.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../tools/plan";
import { projectRoot } from "../../tools/stackFiles";
import { deployedLicense, entryFromStackFile, FakePulumi, withoutPulumi } from "../fakes/pulumiCli";
import { runMain } from "../helpers";

const promotedFile = ["--stack", "secondary", "--config", "dr=active", "--diff", "dr=active"];
const baseLine = (stdout: string) => stdout.split("\n").find((l) => l.startsWith("base: ")) ?? "";
const changeCount = (stdout: string) => Number(/^== secondary: (\d+) changes ==$/m.exec(stdout)?.[1]);

describe("plan --diff: the base it compares with", function () {
    this.timeout(120_000);

    describe("without a deployed stack to read", () => {
        let env: { restore(): void };
        beforeEach(() => (env = withoutPulumi()));
        afterEach(() => env.restore());

        it("the README's reproduction: the file already says active, so the output names the file as base and says --diff changes nothing against it", async () => {
            const run = await runMain(main, promotedFile);
            assert.strictEqual(run.code, 0, run.stderr);
            assert.strictEqual(
                baseLine(run.stdout),
                "base: the stack file Pulumi.secondary.yaml (with --config dr=active), not the deployed stack: the Pulumi CLI is not on PATH; say what is deployed with --base key=value or --base-file FILE",
            );
            assert.match(run.stdout, /^note: the base already has dr=active, so against it that --diff changes nothing$/m);
            assert.strictEqual(changeCount(run.stdout), 0);
        });

        it("with --base dr=standby the promotion's changes appear, old → new", async () => {
            const run = await runMain(main, [...promotedFile, "--base", "dr=standby"]);
            assert.strictEqual(run.code, 0, run.stderr);
            assert.strictEqual(baseLine(run.stdout), "base: Pulumi.secondary.yaml with --config dr=active --base dr=standby");
            assert.ok(changeCount(run.stdout) > 20, run.stdout);
            assert.match(run.stdout, /^-  kubernetes:apps\/v1:DeploymentPatch {2}logscale-operator-standby-gate$/m);
            assert.match(run.stdout, /^ {5}metadata\.annotations\.logscale\.dr\/mode: "standby" → "active"$/m);
            assert.match(run.stdout, /^ {5}spec\.commonEnvironmentVariables\[ENABLE_ALERTS\]\.value: "false" → "true"$/m);
            assert.match(run.stdout, /^ {2}- The standby gate goes: /m);
            // The file already says it: --base alone is the same review.
            const alone = await runMain(main, ["--stack", "secondary", "--config", "dr=active", "--base", "dr=standby"]);
            assert.strictEqual(alone.stdout, run.stdout.replace(/^--diff dr=active\n/, ""));
        });

        it("--base-file: a stack file's config in place of Pulumi.secondary.yaml's, named in the JSON document", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-base-file-"));
            try {
                const file = path.join(dir, "Pulumi.secondary.deployed.yaml");
                fs.copyFileSync(path.join(projectRoot, "Pulumi.secondary.yaml"), file);
                const run = await runMain(main, [...promotedFile, "--base-file", file, "--json"]);
                assert.strictEqual(run.code, 0, run.stderr);
                const doc = JSON.parse(run.stdout).stacks[0];
                assert.deepStrictEqual([doc.base.source, doc.base.file, doc.base.alreadySet], ["base-file", file, []]);
                assert.strictEqual(doc.base.description, `${file}'s config in place of the stack file's`);
                const gate = doc.changes.find((c: { name: string }) => c.name === "logscale-cluster");
                assert.deepStrictEqual(
                    gate.values.find((v: { path: string }) => v.path === "metadata.annotations.logscale.dr/mode"),
                    { path: "metadata.annotations.logscale.dr/mode", old: "standby", new: "active" },
                );
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("a --base-file it cannot read is one line and exit 2", async () => {
            const run = await runMain(main, [...promotedFile, "--base-file", "/nonexistent/Pulumi.old.yaml"]);
            assert.deepStrictEqual([run.code, run.stdout, run.stderr], [2, "", "--base-file /nonexistent/Pulumi.old.yaml: no such file\n"]);
        });
    });

    describe("through a fake Pulumi CLI", () => {
        const stack = "secondary";
        const standby = entryFromStackFile("secondary", { version: 7, kind: "update", result: "succeeded", startTime: "2025-01-02T03:04:05.000Z" });

        it("compares with the config the last successful update ran with, and never shows or asks for a secret", async () => {
            // Newest first: a failed update that tried dr=active, then the standby that is deployed.
            const pulumi = new FakePulumi("answers", { [stack]: [{ ...standby, version: 8, result: "failed", config: {} }, standby] });
            try {
                const run = await runMain(main, promotedFile);
                assert.strictEqual(run.code, 0, run.stderr);
                assert.strictEqual(
                    baseLine(run.stdout),
                    `base: the deployed stack ${stack}: the config of its last successful update (version 7, 2025-01-02T03:04:05.000Z), from pulumi stack history; secrets taken as unchanged: logscale-dr:logscaleLicense`,
                );
                assert.doesNotMatch(run.stdout, /^note:/m);
                // The deployed config is the shipped file's: the diff is the one --base dr=standby shows.
                const body = (stdout: string) => stdout.slice(stdout.indexOf("\n== "));
                assert.strictEqual(body(run.stdout), body((await runMain(main, [...promotedFile, "--base", "dr=standby"])).stdout));
                const json = await runMain(main, [...promotedFile, "--json"]);
                assert.strictEqual(JSON.parse(json.stdout).stacks[0].base.source, "deployed");
                for (const out of [run.stdout, run.stderr, json.stdout]) assert.ok(!out.includes(deployedLicense));
                assert.ok(!pulumi.calls().some((c) => c.includes("--show-secrets")), pulumi.calls().join("\n"));
            } finally {
                pulumi.remove();
            }
        });

        it("an explicit --base does not ask the CLI", async () => {
            const pulumi = new FakePulumi("answers", { [stack]: [standby] });
            try {
                const run = await runMain(main, [...promotedFile, "--base", "dr=standby"]);
                assert.strictEqual(run.code, 0, run.stderr);
                assert.deepStrictEqual(pulumi.calls(), []);
            } finally {
                pulumi.remove();
            }
        });

        it("a CLI that says no: the base is the file, and the line says why", async () => {
            const pulumi = new FakePulumi("not-logged-in");
            try {
                const run = await runMain(main, promotedFile);
                assert.strictEqual(run.code, 0, run.stderr);
                assert.strictEqual(
                    baseLine(run.stdout),
                    "base: the stack file Pulumi.secondary.yaml (with --config dr=active), not the deployed stack: error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions; say what is deployed with --base key=value or --base-file FILE",
                );
                assert.strictEqual(changeCount(run.stdout), 0);
            } finally {
                pulumi.remove();
            }
        });
    });
});
