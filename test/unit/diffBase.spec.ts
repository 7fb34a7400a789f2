// What `npm run plan -- --diff` compares with (tools/diffBase.ts): a base
// config expressed as overrides on the stack file, a --base-file read like a
// stack file, the deployed stack's config read through the Automation API
// from a fake `pulumi` that can say no, and the line that names the base.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { UpdateSummary } from "@pulumi/pulumi/automation/index.js";
import { appliedUpdate, backendStackName, BaseFileError, deployedConfig, describeBase, diffBase, readBaseFile, replacingOverrides } from "../../tools/diffBase";
import { parseArgs } from "../../tools/plan";
import { planUsageRefusal } from "../helpers";
import { readStackConfig } from "../../tools/stackFiles";
import { deployedLicense, entryFromStackFile, FakePulumi, withoutPulumi } from "../fakes/pulumiCli";

const summary = (kind: string, result: string, version: number) => ({ kind, result, version, config: {} }) as unknown as UpdateSummary;

describe("diff base: config as overrides on the stack file", () => {
    const file = readStackConfig("secondary");

    it("sets what the base sets, returns what only the file sets to Pulumi.yaml's default (or empty), and keeps the file's secrets", () => {
        const overrides = replacingOverrides(file, {
            "logscale-dr:dr": { value: "active", secret: false },
            "logscale-dr:failoverNotificationEmails": { value: ["a@example.com"], secret: false },
            "azure-native:location": { value: "westus", secret: false },
            "logscale-dr:logscaleLicense": { value: "from-the-base", secret: false },
            "logscale-dr:redisPassword": { secret: true },
        });
        const resolved = readStackConfig("secondary", overrides).values;
        assert.strictEqual(resolved["logscale-dr:dr"], "active");
        assert.deepStrictEqual(resolved["logscale-dr:failoverNotificationEmails"], ["a@example.com"]);
        // The file sets drUseDedicatedRouting: false and namePrefix; the base sets neither.
        assert.strictEqual(resolved["logscale-dr:drUseDedicatedRouting"], true, "Pulumi.yaml's default");
        assert.strictEqual(resolved["logscale-dr:namePrefix"], "", "no default: empty, which the program reads as unset");
        assert.strictEqual(resolved["logscale-dr:logscaleLicense"], file.values["logscale-dr:logscaleLicense"], "a secret stays the file's");
        assert.ok(!overrides.some((o) => o.startsWith("redisPassword=")), "a masked secret is not set");
    });

    it("a base equal to the file changes nothing", () => {
        const same = Object.fromEntries(Object.entries(file.values).map(([k, value]) => [k, { value, secret: file.secretKeys.includes(k) }]));
        assert.deepStrictEqual(readStackConfig("secondary", replacingOverrides(file, same)).values, file.values);
    });
});

describe("diff base: --base-file", () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-base-file-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, text: string) => {
        const f = path.join(dir, name);
        fs.writeFileSync(f, text);
        return f;
    };

    it("reads a stack file's config: bare keys are project keys, an encrypted value is a secret", () => {
        const f = write("Pulumi.old.yaml", "config:\n  dr: standby\n  azure-native:location: westus\n  logscale-dr:logscaleLicense:\n    secure: AAABAxyz\n");
        assert.deepStrictEqual(readBaseFile(f), {
            "logscale-dr:dr": { value: "standby", secret: false },
            "azure-native:location": { value: "westus", secret: false },
            "logscale-dr:logscaleLicense": { secret: true },
        });
    });

    it("refuses what is not one in one line naming the flag and the file", () => {
        const refusal = (f: string) => {
            try {
                readBaseFile(f);
            } catch (e) {
                assert.ok(e instanceof BaseFileError);
                return e.message;
            }
            assert.fail(`read ${f}`);
        };
        assert.strictEqual(refusal(path.join(dir, "missing.yaml")), `--base-file ${path.join(dir, "missing.yaml")}: no such file`);
        assert.match(refusal(write("bad.yaml", "config: [unclosed\n")), /^--base-file .*bad\.yaml: not readable as YAML \(.+\)$/);
        assert.strictEqual(refusal(write("list.yaml", "- a\n")), `--base-file ${path.join(dir, "list.yaml")}: has no config: mapping; allowed: a Pulumi.<stack>.yaml-shaped file`);
    });
});

describe("diff base: the deployed stack", () => {
    it("is the stack as its peer's stack file names it", () => {
        assert.strictEqual(backendStackName("secondary"), "secondary");
        assert.strictEqual(backendStackName("primary"), "primary");
    });

    it("takes the newest successful update, history being newest first; a later destroy leaves nothing deployed", () => {
        assert.strictEqual((appliedUpdate([summary("update", "failed", 9), summary("refresh", "succeeded", 8), summary("update", "succeeded", 7)]) as UpdateSummary).version, 7);
        assert.strictEqual(appliedUpdate([summary("destroy", "succeeded", 9), summary("update", "succeeded", 7)]), "destroyed");
        assert.strictEqual(appliedUpdate([summary("update", "failed", 1)]), undefined);
    });

    const stack = "secondary";
    const deployed = entryFromStackFile("secondary", { version: 7, kind: "update", result: "succeeded", startTime: "2025-01-02T03:04:05.000Z" });

    it("reads the config of the last successful update through the Automation API, never asking for secrets", async function () {
        this.timeout(30_000);
        const pulumi = new FakePulumi("answers", { [stack]: [{ ...deployed, version: 8, result: "failed", config: {} }, deployed] });
        try {
            const found = await deployedConfig("secondary");
            assert.ok("update" in found, JSON.stringify(found));
            assert.strictEqual(found.update.version, 7);
            assert.strictEqual(found.update.config["logscale-dr:dr"].value, "standby");
            assert.deepStrictEqual(found.update.config["logscale-dr:logscaleLicense"], { secret: true });
            assert.doesNotMatch(JSON.stringify(found), new RegExp(deployedLicense));
            const calls = pulumi.calls();
            assert.deepStrictEqual(calls, ["version", `stack select --stack ${stack} --non-interactive`, `stack history --json --page-size 10 --page 1 --stack ${stack} --non-interactive`]);
        } finally {
            pulumi.remove();
        }
    });

    it("reads further pages, boundedly, and says when no update succeeded", async function () {
        this.timeout(30_000);
        const failed = Array.from({ length: 12 }, (_, i) => ({ ...deployed, version: 20 - i, result: "failed" }));
        const pulumi = new FakePulumi("answers", { [stack]: failed });
        try {
            assert.deepStrictEqual(await deployedConfig("secondary"), { reason: `${stack} has no successful update` });
            assert.deepStrictEqual(
                pulumi.calls().filter((c) => c.startsWith("stack history")).map((c) => / --page (\d+)/.exec(c)?.[1]),
                ["1", "2"],
            );
        } finally {
            pulumi.remove();
        }
    });

    const refusals: Array<[string, () => { remove(): void }, RegExp]> = [
        ["no Pulumi CLI", () => ({ remove: withoutPulumi().restore }), /^the Pulumi CLI is not on PATH$/],
        ["not logged in", () => new FakePulumi("not-logged-in"), /^error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions$/],
        ["no such stack", () => new FakePulumi("no-stack", {}), /^error: no stack named 'secondary' found$/],
        ["a CLI older than the Automation API's minimum", () => new FakePulumi("too-old", { [stack]: [deployed] }), /^Minimum version requirement failed\. .*3\.1\.0/],
        ["a destroyed stack", () => new FakePulumi("answers", { [stack]: [{ ...deployed, kind: "destroy", version: 8 }, deployed] }), /^the last successful operation on secondary was a destroy$/],
    ];
    for (const [label, setUp, reason] of refusals) {
        it(`says why there is no deployed base: ${label}`, async function () {
            this.timeout(30_000);
            const env = setUp();
            try {
                const found = await deployedConfig("secondary");
                assert.ok("reason" in found, JSON.stringify(found));
                assert.match(found.reason, reason);
            } finally {
                env.remove();
            }
        });
    }

    it("gives up on a CLI that hangs at the deadline it was given, and stops it", async function () {
        this.timeout(30_000);
        const pulumi = new FakePulumi("hangs", { [stack]: [deployed] });
        try {
            const started = Date.now();
            assert.deepStrictEqual(await deployedConfig("secondary", 1500), { reason: "the Pulumi CLI did not answer within 1.5 s" });
            assert.ok(Date.now() - started < 10_000);
        } finally {
            pulumi.remove();
        }
    });
});

describe("diff base: which one, and the line that names it", () => {
    const noDeployment = async () => ({ reason: "the Pulumi CLI is not on PATH" });
    const shouldNotAsk = async () => assert.fail("an explicit base must not ask the Pulumi CLI");

    it("the stack file, when nothing is deployed or given: the line names the file, the reason and the flags, and what the base already has", async () => {
        const b = await diffBase({ stack: "secondary", overrides: ["dr=active"], diff: ["dr=active", "drUseDedicatedRouting=true"] }, noDeployment);
        assert.deepStrictEqual([b.source, b.overrides, b.alreadySet], ["stack-file", ["dr=active"], ["dr=active"]]);
        assert.strictEqual(
            describeBase(b),
            "the stack file Pulumi.secondary.yaml (with --config dr=active), not the deployed stack: the Pulumi CLI is not on PATH; say what is deployed with --base key=value or --base-file FILE",
        );
    });

    it("--base: on the stack file with --config, without asking the CLI", async () => {
        const b = await diffBase({ stack: "secondary", overrides: ["dr=active"], diff: ["dr=active"], base: ["dr=standby"] }, shouldNotAsk);
        assert.deepStrictEqual([b.source, b.overrides, b.alreadySet], ["base", ["dr=active", "dr=standby"], []]);
        assert.strictEqual(describeBase(b), "Pulumi.secondary.yaml with --config dr=active --base dr=standby");
    });

    it("the deployed stack: its config replaces the file's, --config does not apply, masked secrets are named", async () => {
        const update = { version: 7, startTime: new Date("2025-01-02T03:04:05Z"), config: { "logscale-dr:dr": { value: "standby", secret: false }, "logscale-dr:logscaleLicense": { secret: true } } };
        const b = await diffBase({ stack: "secondary", overrides: ["dr=active"], diff: ["dr=active"] }, async (s) => ({ stack: backendStackName(s), update: update as unknown as UpdateSummary }));
        assert.strictEqual(b.source, "deployed");
        assert.strictEqual(readStackConfig("secondary", b.overrides).values["logscale-dr:dr"], "standby");
        assert.strictEqual(
            describeBase(b),
            "the deployed stack secondary: the config of its last successful update (version 7, 2025-01-02T03:04:05.000Z), from pulumi stack history; secrets taken as unchanged: logscale-dr:logscaleLicense",
        );
    });
});

describe("plan CLI arguments: --base and --base-file", () => {
    it("collects them, absent when not given", () => {
        assert.deepStrictEqual(parseArgs(["--stack", "secondary", "--diff", "dr=active", "--base", "dr=standby", "--base", "redis=false", "--base-file", "old.yaml"]), {
            stacks: ["secondary"],
            overrides: [],
            peerOverrides: [],
            diff: ["dr=active"],
            base: ["dr=standby", "redis=false"],
            baseFile: "old.yaml",
            json: false,
            parity: false,
            help: false,
        });
        assert.ok(!("base" in parseArgs(["--stack", "secondary", "--diff", "dr=active"])));
    });

    it("refuses what it cannot do, saying why", () => {
        assert.strictEqual(planUsageRefusal(["--base", "dr=standby"]), "--base and --base-file apply to one stack: add --stack <name>");
        assert.strictEqual(planUsageRefusal(["--stack", "secondary", "--base", "dr"]), '--base expects key=value, got "dr"');
        assert.strictEqual(planUsageRefusal(["--stack", "secondary", "--base-file"]), "--base-file needs a value: a Pulumi.<stack>.yaml-shaped file");
        assert.strictEqual(planUsageRefusal(["--stack", "secondary", "--base-file", "a.yaml", "--base-file", "b.yaml"]), "--base-file is given twice: give one base file");
    });
});
